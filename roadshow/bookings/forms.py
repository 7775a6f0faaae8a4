"""Forms for booking requests: the group's request, its private page, and the staff queue."""

from __future__ import annotations

from datetime import date, timedelta

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TelField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from roadshow.constants import DISTRICTS, YOUTH_AGES_TEXT, YOUTH_MAX_AGE, YOUTH_MIN_AGE
from roadshow.form_fields import email_field, optional_text, required_choice, required_text, required_tick
from roadshow.forms import (
    BlankMeansEmpty,
    HoneypotField,
    choices,
    normalise_phone,
    normalise_postcode,
    uk_phone,
    uk_postcode,
)
from roadshow.models.booking import BookingStatus
from roadshow.services import bookings
from roadshow.services.bookings import MAX_GROUP, MIN_GROUP, MIN_NOTICE_DAYS, ContactDetails, NewRequest, PreferredDate
from roadshow.timeutil import today_london

AGE_RANGE_MESSAGE = f"Sessions are for ages {YOUTH_AGES_TEXT}: enter an age in that range."


class WholeNumberField(BlankMeansEmpty, IntegerField):
    """An IntegerField that treats a blank box as empty (so only "enter a number" is said)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("invalid_value_message", "Enter a whole number, like 12.")
        super().__init__(*args, **kwargs)


class FriendlyDateField(BlankMeansEmpty, DateField):
    """A date box that also accepts 14/05/2027 where a browser has no date picker."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("format", ["%Y-%m-%d", "%d/%m/%Y"])
        kwargs.setdefault("invalid_value_message", "Enter a real date, like 14/05/2027.")
        super().__init__(*args, **kwargs)


def _preferred_date(n: int, required: bool) -> FriendlyDateField:
    first = "Enter the date you would most like." if required else ""
    return FriendlyDateField(
        f"Date {n}",
        validators=[InputRequired(first)] if required else [Optional()],
    )


def _part_of_day(n: int, required: bool) -> RadioField:
    check = InputRequired("Choose morning, afternoon or evening for your first date.") if required else Optional()
    return RadioField(f"Time of day for date {n}", choices=choices(bookings.PARTS_OF_DAY), validators=[check])


class BookingForm(FlaskForm):
    """The request a group leader sends us."""

    organisation = StringField(
        "Name of your organisation or group",
        validators=[DataRequired("Enter the name of your organisation or group."), Length(max=200)],
    )
    group_type = required_choice("What kind of group is it?", bookings.GROUP_TYPES, "Choose the kind of group.")
    contact_name = StringField("Your full name", validators=[DataRequired("Enter your full name."), Length(max=120)])
    contact_role = required_text(
        StringField,
        "Your role in the group",
        "Enter your role in the group.",
        120,
        "For example youth worker, head of year, Scout leader.",
    )
    email = email_field(description="We will send your reference and a private link to manage the request here.")
    phone = TelField(
        "UK phone number",
        validators=[DataRequired("Enter a UK phone number."), uk_phone(), Length(max=30)],
    )
    district = SelectField(
        "District",
        choices=choices([("", "Choose a district"), *DISTRICTS]),
        validators=[DataRequired("Choose the district where the session would be.")],
    )
    venue_address = required_text(
        TextAreaField,
        "Venue address",
        "Enter the address of the venue.",
        500,
        "Where the session would happen. Leave out the postcode: it has its own box.",
    )
    postcode = StringField(
        "Venue postcode", validators=[DataRequired("Enter the venue's postcode."), uk_postcode(), Length(max=10)]
    )
    group_size = WholeNumberField(
        "How many young people do you expect?",
        description=f"Between {MIN_GROUP} and {MAX_GROUP}. Sessions work best with 10 to 30.",
        validators=[
            InputRequired("Enter how many young people you expect."),
            NumberRange(MIN_GROUP, MAX_GROUP, f"Enter a number between {MIN_GROUP} and {MAX_GROUP}."),
        ],
    )
    age_min = WholeNumberField(
        "Youngest age",
        validators=[
            InputRequired("Enter the age of the youngest person."),
            NumberRange(YOUTH_MIN_AGE, YOUTH_MAX_AGE, AGE_RANGE_MESSAGE),
        ],
    )
    age_max = WholeNumberField(
        "Oldest age",
        validators=[
            InputRequired("Enter the age of the oldest person."),
            NumberRange(YOUTH_MIN_AGE, YOUTH_MAX_AGE, AGE_RANGE_MESSAGE),
        ],
    )
    date_1 = _preferred_date(1, required=True)
    part_1 = _part_of_day(1, required=True)
    date_2 = _preferred_date(2, required=False)
    part_2 = _part_of_day(2, required=False)
    date_3 = _preferred_date(3, required=False)
    part_3 = _part_of_day(3, required=False)
    topics = required_choice(
        "What would you like the session to cover?", bookings.TOPICS, "Choose what the session should cover."
    )
    access_needs = optional_text(
        TextAreaField,
        "Accessibility or special educational needs",
        2000,
        "Keep this under 2,000 characters.",
        "Anything that would help us make the session work for everyone in the group.",
    )
    responsible_adult = required_tick(
        "A responsible adult from our group will be present for the whole session",
        "Confirm that a responsible adult from your group will be there.",
    )
    consent_to_contact = required_tick(
        "You may contact me about this request. I have read the privacy notice.",
        "Agree that we may contact you about this request.",
    )
    website = HoneypotField("Leave this box empty", validators=[Optional()])
    submit = SubmitField("Send request")

    DATE_PAIRS = (("date_1", "part_1"), ("date_2", "part_2"), ("date_3", "part_3"))

    def validate_age_max(self, field: IntegerField) -> None:
        if self.age_min.data is not None and field.data is not None and field.data < self.age_min.data:
            raise ValidationError("The oldest age must be the same as or more than the youngest age.")

    def validate(self, extra_validators: dict | None = None) -> bool:
        ok = super().validate(extra_validators)
        return self._check_dates() and ok

    def _check_dates(self) -> bool:
        earliest = today_london() + timedelta(days=MIN_NOTICE_DAYS)
        seen: set[tuple[date, str]] = set()
        ok = True
        for date_name, part_name in self.DATE_PAIRS:
            day, part = self[date_name], self[part_name]
            if day.errors or day.data is None:
                if part.data and day.data is None and not day.errors:
                    day.errors = [*day.errors, "Enter a date for this time of day, or clear the time of day."]
                    ok = False
                continue
            problem = None
            if day.data <= today_london():
                problem = "The date must be in the future."
            elif day.data < earliest:
                problem = f"Choose a date at least {MIN_NOTICE_DAYS} days from today, on or after {earliest:%d/%m/%Y}."
            elif (day.data, part.data) in seen:
                problem = "You have given this date and time of day already."
            if problem:
                day.errors = [*day.errors, problem]
                ok = False
            if not part.data and not part.errors:
                part.errors = [*part.errors, "Choose morning, afternoon or evening."]
                ok = False
            seen.add((day.data, part.data or ""))
        return ok

    def to_request(self) -> NewRequest:
        dates = tuple(PreferredDate(self[d].data, self[p].data) for d, p in self.DATE_PAIRS if self[d].data is not None)
        return NewRequest(
            organisation=self.organisation.data or "",
            group_type=self.group_type.data or "",
            contact_name=self.contact_name.data or "",
            contact_role=self.contact_role.data or "",
            email=self.email.data or "",
            phone=normalise_phone(self.phone.data or ""),
            district=self.district.data or "",
            venue_address=self.venue_address.data or "",
            postcode=normalise_postcode(self.postcode.data or ""),
            group_size=self.group_size.data or 0,
            age_min=self.age_min.data or 0,
            age_max=self.age_max.data or 0,
            preferred_dates=dates,
            topics=self.topics.data or "",
            access_needs=self.access_needs.data or "",
            responsible_adult=bool(self.responsible_adult.data),
            consent_to_contact=bool(self.consent_to_contact.data),
        )


class CancelForm(FlaskForm):
    reason = required_text(
        TextAreaField,
        "Why are you cancelling?",
        "Tell us why you are cancelling.",
        1000,
        "This helps us plan. Please do not include anyone's personal details.",
    )
    submit = SubmitField("Cancel this request")


class ResendLinkForm(FlaskForm):
    reference = required_text(
        StringField,
        "Request reference",
        "Enter your request reference.",
        20,
        "It looks like RS-2026-0042 and is in the email we sent you.",
    )
    email = email_field("Email address you gave us", "Enter the email address you gave us.")
    submit = SubmitField("Send me a new link")


class DetailsForm(FlaskForm):
    """The contact and venue details a group may correct until its session is booked."""

    contact_name = BookingForm.contact_name
    contact_role = BookingForm.contact_role
    email = BookingForm.email
    phone = BookingForm.phone
    venue_address = BookingForm.venue_address
    postcode = BookingForm.postcode
    submit = SubmitField("Save these details")

    def to_details(self) -> ContactDetails:
        return ContactDetails(
            contact_name=self.contact_name.data or "",
            contact_role=self.contact_role.data or "",
            email=self.email.data or "",
            phone=normalise_phone(self.phone.data or ""),
            venue_address=self.venue_address.data or "",
            postcode=normalise_postcode(self.postcode.data or ""),
        )


class ReplacedLinkForm(FlaskForm):
    """One button on an old link's page; the form carries the CSRF token."""

    submit = SubmitField("Email me a new link")


STATUS_CHOICES = choices([("", "Any status"), *BookingStatus.LABELS.items()])


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False

    status = SelectField("Status", choices=STATUS_CHOICES, validators=[Optional()])
    district = SelectField("District", choices=choices([("", "Any district"), *DISTRICTS]), validators=[Optional()])
    q = StringField("Organisation or reference", validators=[Optional(), Length(max=100)])
    sort = SelectField("Sort by", choices=choices(bookings.SORTS), validators=[Optional()])


class _ReasonForGroupForm(FlaskForm):
    """Staff turning a request down or stopping it: the group reads the reason given."""

    reason = required_text(TextAreaField, "Reason the group will see", "Give a reason. The group will see it.", 1000)


class DeclineForm(_ReasonForGroupForm):
    submit = SubmitField("Decline request")


class StaffCancelForm(_ReasonForGroupForm):
    submit = SubmitField("Cancel request")


class NoteForm(FlaskForm):
    note = required_text(TextAreaField, "Note", "Write the note first.", 2000)
    visible_to_group = BooleanField("Show this note to the group and email it to them")
    submit = SubmitField("Add note")


class ReviewForm(FlaskForm):
    """One button; the form carries the CSRF token."""

    submit = SubmitField("Start review")
