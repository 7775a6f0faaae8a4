"""Form pieces shared by every feature: choices, checkbox lists, honeypot, UK formats."""

from __future__ import annotations

import re
from collections.abc import Iterable

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectMultipleField, StringField, SubmitField, widgets
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

# Outward and inward code, e.g. "CB1 2AB", "PE1 1XX", "SW1A 1AA" (any case, spaces optional).
UK_POSTCODE = re.compile(r"^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$")
# UK numbers: 01/02/03/07/08 followed by 9 more digits, or +44 without the 0.
UK_PHONE = re.compile(r"^(?:\+44|0)(?:[1-3]\d{8,9}|7\d{9}|8\d{8,9})$")


def choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    """WTForms 3.3 wants SelectChoice objects rather than (value, label) tuples."""
    return [SelectChoice(value, label) for value, label in pairs]


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes (rendered by the render_field macro as a fieldset)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class BlankMeansEmpty:
    """Mix into a typed field so a blank box reads as no answer (only "this is required" is said)."""

    def process_formdata(self, valuelist: list[str]) -> None:
        """Treat an all-space first value as empty; leave the rest to the field's own parsing."""
        if valuelist and not valuelist[0].strip():
            self.data = None
            return
        super().process_formdata(valuelist)  # type: ignore[misc]


class ActionForm(FlaskForm):
    """A bare form for one-button actions: it carries the CSRF token."""

    action = HiddenField()
    submit = SubmitField("Confirm")


class HoneypotField(StringField):
    """A field people never see; bots fill it. The form's template hides it with CSS.

    The one check: `if form.website.caught:` answer as if it worked and keep nothing.
    """

    @property
    def caught(self) -> bool:
        """True when something was typed into the hidden box (only a bot does)."""
        return bool((self.data or "").strip())


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", value or "").upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def normalise_phone(value: str) -> str:
    return re.sub(r"[\s\-()]", "", value or "")


def uk_postcode(message: str = "Enter a real UK postcode, like CB1 2AB.") -> object:
    def _check(_form: object, field: StringField) -> None:
        if field.data and not UK_POSTCODE.match(normalise_postcode(field.data)):
            raise ValidationError(message)

    return _check


def uk_phone(message: str = "Enter a UK phone number, like 01234 567890 or 07700 900123.") -> object:
    def _check(_form: object, field: StringField) -> None:
        if field.data and not UK_PHONE.match(normalise_phone(field.data)):
            raise ValidationError(message)

    return _check
