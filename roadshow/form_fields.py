"""Field factories for the boxes many forms share: a checked email address, required text, passwords.

Each form used to spell these out with its own copy of the validators; one factory per kind keeps the
messages and limits the same everywhere (an email address is never longer than 254 characters).
"""

from __future__ import annotations

from wtforms import EmailField, Field, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo, Length

EMAIL_MAX = 254
PASSWORD_MAX = 200
CHOOSING_HINT = "At least 12 characters. A few unrelated words together make a good password."


def email_field(label: str = "Email address", missing: str = "Enter your email address.") -> EmailField:
    """A required email address that must look like one (no DNS look-up, so tests and offline work)."""
    return EmailField(
        label,
        validators=[
            DataRequired(missing),
            Email("Enter an email address like name@example.org.", check_deliverability=False),
            Length(max=EMAIL_MAX),
        ],
    )


def required_text(field: type[Field], label: str, missing: str, max_length: int, description: str = "") -> Field:
    """A box that must be filled, capped at max_length characters: the shape most of our text boxes share."""
    return field(label, description=description, validators=[DataRequired(missing), Length(max=max_length)])


def new_password_field() -> PasswordField:
    """The new password box, with the advice on choosing one."""
    return required_text(PasswordField, "New password", "Enter a new password.", PASSWORD_MAX, CHOOSING_HINT)


def confirm_password_field(mismatch: str) -> PasswordField:
    """The second typing of a new password, which must match the `new` field."""
    return PasswordField(
        "Type the new password again",
        validators=[DataRequired("Type the new password again."), EqualTo("new", mismatch)],
    )
