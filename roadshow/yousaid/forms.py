"""Forms for writing findings and responses and for publishing a period."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from roadshow.form_fields import required_text
from roadshow.forms import choices
from roadshow.models.yousaid import Responder, ResponseStatus
from roadshow.services.yousaid.findings import FINDING_MAX, REASON_MAX, RESPONSE_MAX, ResponseInput


class FindingForm(FlaskForm):
    text = required_text(
        TextAreaField,
        "Finding",
        "Write the finding.",
        FINDING_MAX,
        "What young people told us, in words a 12-year-old would understand. No names, no quotes "
        "that could show who said them.",
    )
    submit = SubmitField("Save finding")


class ResponseForm(FlaskForm):
    responder = RadioField(
        "Who responded",
        choices=choices(Responder.LABELS.items()),
        validators=[InputRequired("Choose who responded.")],
    )
    text = required_text(
        TextAreaField,
        "What they did or will do",
        "Write the response.",
        RESPONSE_MAX,
        "In plain words, for young people to read.",
    )
    status = RadioField(
        "Where it stands",
        choices=choices(ResponseStatus.LABELS.items()),
        validators=[InputRequired("Choose where the response stands.")],
    )
    reason = TextAreaField(
        "Why it was not taken forward",
        description="Needed only when it was not taken forward.",
        validators=[Length(max=REASON_MAX)],
    )
    submit = SubmitField("Save response")

    def validate_reason(self, field: TextAreaField) -> None:
        if self.status.data == ResponseStatus.NOT_TAKEN_FORWARD and not (field.data or "").strip():
            raise ValidationError("Say why it was not taken forward.")

    def to_input(self) -> ResponseInput:
        data = (self.responder.data, self.text.data, self.status.data, self.reason.data)
        return ResponseInput(*(value or "" for value in data))


class PublishForm(FlaskForm):
    submit = SubmitField("Publish this period")
