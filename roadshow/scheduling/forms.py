"""Scheduling forms: a session's time and place, offers, delivery, cancelling, filters."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from roadshow.constants import DISTRICTS
from roadshow.form_fields import required_text
from roadshow.forms import ActionForm as ActionForm  # one-button forms, shared with other features
from roadshow.forms import MultiCheckboxField, choices, normalise_postcode, uk_postcode
from roadshow.models.scheduling import SessionStatus
from roadshow.services.scheduling.sessions import SessionDetails


def _reason_field(label: str, missing: str) -> TextAreaField:
    """Why a session moved or stopped: the words go into every email about it."""
    return required_text(TextAreaField, label, missing, 400, "Everyone concerned sees this in their email.")


class SessionFieldsForm(FlaskForm):
    """Date, times, place and team: shared by a new session, an offer and a reschedule."""

    day = DateField("Date", validators=[InputRequired("Enter the date of the session.")])
    starts = TimeField(
        "Start time",
        description="24-hour clock, UK time, for example 18:30.",
        validators=[InputRequired("Enter the start time.")],
    )
    ends = TimeField("End time", validators=[InputRequired("Enter the end time.")])
    venue = required_text(
        StringField, "Venue", "Enter the venue.", 300, "Building and street, as it should appear on the poster."
    )
    postcode = StringField("Postcode", validators=[DataRequired("Enter the venue's postcode."), uk_postcode()])
    district = SelectField("District", choices=choices(DISTRICTS))
    capacity = IntegerField(
        "Places for young people",
        validators=[Optional(), NumberRange(1, 500, "Enter a number of places between 1 and 500.")],
    )
    facilitators = MultiCheckboxField(
        "Facilitators", coerce=int, validators=[DataRequired("Choose at least one facilitator.")]
    )

    def set_facilitators(self, people: list) -> None:
        self.facilitators.choices = choices((p.id, p.name) for p in people)

    def validate_ends(self, field: TimeField) -> None:
        if field.data and self.starts.data and field.data <= self.starts.data:
            raise ValidationError("The end time must be after the start time.")

    def details(self, title: str = "") -> SessionDetails:
        return SessionDetails(
            day=self.day.data,
            starts=self.starts.data,
            ends=self.ends.data,
            venue=self.venue.data or "",
            postcode=normalise_postcode(self.postcode.data or ""),
            district=self.district.data,
            facilitator_ids=tuple(self.facilitators.data or ()),
            title=title,
            capacity=self.capacity.data,
        )


class NewSessionForm(SessionFieldsForm):
    title = required_text(
        StringField, "Group or organisation", "Enter the group's name.", 200, "Shown on the calendar and in the invite."
    )
    submit = SubmitField("Schedule session")


class OfferForm(SessionFieldsForm):
    agreed_by_phone = BooleanField(
        "The group has already agreed this date (for example by phone)",
        description="Tick to schedule it straight away and send the invite; leave it to email an offer to accept.",
    )
    submit = SubmitField("Make the offer")


class RescheduleForm(SessionFieldsForm):
    reason = _reason_field("Reason for the change", "Give a reason for the change.")
    submit = SubmitField("Save the change and tell everyone")


class CancelForm(FlaskForm):
    reason = _reason_field("Reason for cancelling", "Give a reason for cancelling.")


class DeliveredForm(FlaskForm):
    attendance = IntegerField(
        "Young people who came",
        validators=[
            InputRequired("Enter how many young people came."),
            NumberRange(0, 1000, "Enter a number between 0 and 1000."),
        ],
    )
    submit = SubmitField("Mark as delivered")


class AnotherDateForm(FlaskForm):
    note = TextAreaField(
        "Which dates or times would suit you better?",
        validators=[Optional(), Length(max=400)],
    )
    submit = SubmitField("Ask for another date")


STATUS_FILTER = choices([("", "Any status"), *SessionStatus.LABELS.items()])


class SessionFilterForm(FlaskForm):
    class Meta:
        csrf = False

    when = SelectField("Show", choices=choices([("upcoming", "Upcoming"), ("past", "Past")]), default="upcoming")
    district = SelectField("District", choices=choices([("", "All districts"), *DISTRICTS]), default="")
    facilitator = SelectField("Facilitator", default="")
    status = SelectField("Status", choices=STATUS_FILTER, default="")

    def set_facilitators(self, people: list) -> None:
        self.facilitator.choices = choices([("", "Anyone"), *((str(p.id), p.name) for p in people)])


class ExpectedForm(FlaskForm):
    """How many young people a session expects to hear from: responses beyond it and a margin are held."""

    expected = IntegerField(
        "Young people expected",
        description="From the booking's group size. Responses beyond this, and a few more, wait for your review.",
        validators=[
            InputRequired("Enter how many young people are expected."),
            NumberRange(1, 1000, "Enter a number between 1 and 1000."),
        ],
    )
    submit = SubmitField("Save the number expected")


class HeldReviewForm(FlaskForm):
    """Tick held responses, then count them in or discard them."""

    responses = MultiCheckboxField("Held responses", validators=[DataRequired("Tick at least one response.")])
    release = SubmitField("Count the ticked responses")
    discard = SubmitField("Discard the ticked responses")
