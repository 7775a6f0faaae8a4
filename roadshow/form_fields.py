"""Field factories for the boxes many forms share: a checked email address, required text, passwords.

Each form used to spell these out with its own copy of the validators; one factory per kind keeps the
messages and limits the same everywhere (an email address is never longer than 254 characters).
"""

from __future__ import annotations

from collections.abc import Iterable

from wtforms import BooleanField, EmailField, Field, PasswordField, RadioField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, Optional

from roadshow.forms import choices

EMAIL_MAX = 254
PASSWORD_MAX = 200
CHOOSING_HINT = "At least 12 characters. A few unrelated words together make a good password."


def email_field(
    label: str = "Email address", missing: str = "Enter your email address.", description: str = ""
) -> EmailField:
    """A required email address that must look like one (no DNS look-up, so tests and offline work)."""
    return EmailField(
        label,
        description=description,
        validators=[
            DataRequired(missing),
            Email("Enter an email address like name@example.org.", check_deliverability=False),
            Length(max=EMAIL_MAX),
        ],
    )


def required_text(field: type[Field], label: str, missing: str, max_length: int, description: str = "") -> Field:
    """A box that must be filled, capped at max_length characters: the shape most of our text boxes share."""
    return field(label, description=description, validators=[DataRequired(missing), Length(max=max_length)])


def optional_text(field: type[Field], label: str, max_length: int, too_long: str, description: str = "") -> Field:
    """A box that may be left empty but is capped at max_length characters, saying so in plain words."""
    return field(label, description=description, validators=[Optional(), Length(max=max_length, message=too_long)])


def required_tick(label: str, missing: str) -> BooleanField:
    """A checkbox that must be ticked: a promise or a consent the form cannot go without."""
    return BooleanField(label, validators=[DataRequired(missing)])


def required_choice(label: str, pairs: Iterable[tuple[str, str]], missing: str, description: str = "") -> RadioField:
    """Radio buttons one of which must be chosen: the shape of every "which kind?" question."""
    return RadioField(label, description=description, choices=choices(pairs), validators=[InputRequired(missing)])


def new_password_field() -> PasswordField:
    """The new password box, with the advice on choosing one."""
    return required_text(PasswordField, "New password", "Enter a new password.", PASSWORD_MAX, CHOOSING_HINT)


def confirm_password_field(mismatch: str) -> PasswordField:
    """The second typing of a new password, which must match the `new` field."""
    return PasswordField(
        "Type the new password again",
        validators=[DataRequired("Type the new password again."), EqualTo("new", mismatch)],
    )
