"""Forms for volunteering: the public expression of interest and the staff tools."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TelField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import TextInput

from roadshow.constants import DISTRICTS, YOUTH_AGES_TEXT
from roadshow.form_fields import optional_text, required_choice, required_text, required_tick
from roadshow.forms import BlankMeansEmpty, HoneypotField, choices, normalise_phone, uk_phone
from roadshow.models.volunteer import VolunteerGroup, VolunteerStatus
from roadshow.services.volunteers import intake as service
from roadshow.services.volunteers import status as volunteer_status

AGE_MESSAGE = "Enter your age as a number, like 15."
TOO_LONG = "Please keep this to 1000 characters or fewer."
GROUP_CHOICES = (
    (VolunteerGroup.YOUTH, f"The youth scrutiny team (ages {YOUTH_AGES_TEXT})"),
    (VolunteerGroup.PANEL, "The Community Scrutiny Panel (adults)"),
)
CONTACT_CHOICES = (("email", "Email"), ("phone", "Phone call"), ("text", "Text message"))


def _email(message: str) -> list[Any]:
    return [Optional(), Email(message, check_deliverability=False), Length(max=254, message=message)]


class AgeField(BlankMeansEmpty, IntegerField):
    """A whole number typed into a text box (GOV.UK advice: no number spinner); blank means no answer."""

    widget = TextInput()

    def process_formdata(self, valuelist: list[str]) -> None:
        """Strip spaces around the number before the blank check and the parsing."""
        super().process_formdata([v.strip() for v in valuelist])


class ApplicationForm(FlaskForm):
    """An offer to volunteer. Words are kept plain: many people filling it in are 13 to 15."""

    group = required_choice(
        "Which group would you like to join?", GROUP_CHOICES, "Choose which group you would like to join."
    )
    first_name = StringField(
        "Your first name",
        validators=[DataRequired("Enter your first name."), Length(max=60, message="Your first name is too long.")],
    )
    age = AgeField(
        "How old are you?",
        description="We ask your age, not your date of birth. We only need it to check which group fits you, "
        "and if a parent or carer needs to agree.",
        invalid_value_message=AGE_MESSAGE,
        validators=[InputRequired("Enter your age."), NumberRange(min=1, max=service.OLDEST_AGE, message=AGE_MESSAGE)],
    )
    district = required_choice(
        "Where do you live?",
        DISTRICTS,
        "Choose where you live.",
        "If you live outside Cambridgeshire and Peterborough, choose where you go to school or work.",
    )
    email = EmailField("Your email address", validators=_email("Enter an email address like name@example.com."))
    phone = TelField("Your phone number", validators=[Optional(), uk_phone()])
    contact_by = required_choice(
        "How would you like us to contact you?", CONTACT_CHOICES, "Choose how you would like us to contact you."
    )
    guardian_name = StringField(
        "Your parent or carer's name",
        validators=[Optional(), Length(max=120, message="The name is too long.")],
    )
    guardian_email = EmailField(
        "Their email address", validators=_email("Enter their email address like name@example.com.")
    )
    guardian_phone = TelField("Their phone number", validators=[Optional(), uk_phone()])
    guardian_agreed = BooleanField("My parent or carer knows I am applying and agrees")
    access_needs = optional_text(
        TextAreaField,
        "Is there anything that would help you take part?",
        1000,
        TOO_LONG,
        "For example, step-free access, a BSL interpreter, large print or help with travel.",
    )
    why_join = optional_text(TextAreaField, "Why would you like to join?", 1000, TOO_LONG, "A few sentences is plenty.")
    consent = required_tick(
        "You can contact me about volunteering. I have read how you use my details.",
        "Tick the box to say we can contact you.",
    )
    website = HoneypotField("Leave this box empty")
    submit = SubmitField("Send my application")

    def to_input(self) -> service.ApplicationInput:
        return service.ApplicationInput(
            group=self.group.data or "",
            first_name=self.first_name.data or "",
            age=self.age.data if self.age.data is not None else 0,
            district=self.district.data or "",
            contact_by=self.contact_by.data or "",
            email=(self.email.data or "").strip(),
            phone=normalise_phone(self.phone.data or ""),
            access_needs=self.access_needs.data or "",
            why_join=self.why_join.data or "",
            guardian_name=self.guardian_name.data or "",
            guardian_email=(self.guardian_email.data or "").strip(),
            guardian_phone=normalise_phone(self.guardian_phone.data or ""),
            guardian_agreed=bool(self.guardian_agreed.data),
            consent=bool(self.consent.data),
        )

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks first, then the rules that span fields (age for the group, under-16s, contact)."""
        valid = super().validate(extra_validators)
        data = self.to_input()
        problems: dict[str, str] = {}
        if self.age.data is not None and not self.age.errors:
            problem = service.eligibility_problem(data.group, data.age) if data.group else None
            if problem:
                problems["age"] = problem
            else:
                problems.update(service.guardian_problems(data))
        if not self.email.errors and not self.phone.errors:
            problems.update(service.contact_problems(data))
        for name, message in problems.items():
            self[name].errors.append(message)
        return valid and not problems

    @property
    def is_spam(self) -> bool:
        return self.website.caught


def _with_all(label: str, pairs: Any) -> list:
    return choices([("", label), *pairs])


class FilterForm(FlaskForm):
    """Filters for the staff list (GET, so no CSRF token)."""

    class Meta:
        csrf = False

    group = SelectField(
        "Group", choices=_with_all("All groups", VolunteerGroup.LABELS.items()), validators=[Optional()]
    )
    district = SelectField("District", choices=_with_all("All districts", DISTRICTS), validators=[Optional()])
    status = SelectField(
        "Status", choices=_with_all("All statuses", VolunteerStatus.LABELS.items()), validators=[Optional()]
    )


class StatusForm(FlaskForm):
    """Move an application on; the choices are the moves allowed from its current status."""

    to_status = RadioField("Move to", validators=[InputRequired("Choose the new status.")])
    reason = SelectField(
        "Reason, if it is not going ahead",
        choices=_with_all("Choose a reason", volunteer_status.NOT_PROCEEDING_REASONS),
        validators=[Optional()],
    )
    submit = SubmitField("Update status")

    def validate_reason(self, field: SelectField) -> None:
        if self.to_status.data == VolunteerStatus.NOT_PROCEEDING and not field.data:
            raise ValidationError("Choose why the application is not going ahead.")


class NoteForm(FlaskForm):
    text = required_text(
        TextAreaField,
        "Add a note",
        "Write a note before saving it.",
        2000,
        "Only coordinators and admins can read notes.",
    )
    submit = SubmitField("Save note")


class EraseForm(FlaskForm):
    """Delete an application now, when the person asks us to."""

    confirm = BooleanField(
        "The person asked us to delete their details",
        validators=[DataRequired("Tick the box to confirm the person asked for their details to be deleted.")],
    )
    submit = SubmitField("Delete this application")
