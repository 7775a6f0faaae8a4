"""Forms for the feedback pages, built from the questionnaire data.

The public forms have no CSRF token: Flask-WTF keeps that token in the session cookie,
and the feedback pages must not set any cookie. They are protected instead by the signed
one-time submission id carried in the form (see `roadshow.feedback.state`).
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from roadshow.forms import MultiCheckboxField, choices
from roadshow.i18n import Translatable, lazy_gettext
from roadshow.questionnaire import AGE_OPTIONS, EXCLUSIVE, MULTI, TEXT, Answers, Question, Questionnaire
from roadshow.services.feedback.moderation import REDACTED_MAX, THEMES
from roadshow.services.feedback.safeguarding import ACTION_MAX, REFERRED_MAX


class CodeForm(FlaskForm):
    class Meta:
        csrf = False

    code = StringField(
        lazy_gettext("Your session code"),
        validators=[
            InputRequired(lazy_gettext("Enter the code your session leader gave you.")),
            Length(max=20, message=lazy_gettext("The code is shorter than that. Check it and try again.")),
        ],
        description=lazy_gettext(
            "It is on the poster or the screen, for example K7MP4Q. Capital letters and spaces don't matter."
        ),
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )


class StepForm(FlaskForm):
    """One step of the questionnaire. Subclasses add the step's questions."""

    class Meta:
        csrf = False

    state = HiddenField()
    next = SubmitField("Next")
    back = SubmitField("Back")
    question_keys: tuple[str, ...] = ()  # the step's questions, in order


def _exclusive(form: FlaskForm, field: Field) -> None:
    chosen = set(field.data or [])
    for value in EXCLUSIVE:
        if value in chosen and len(chosen) > 1:
            label = next(c.label for c in field.choices if c.value == value)
            raise ValidationError(
                gettext("You ticked “%(answer)s” and something else. Untick one of them.", answer=label)
            )


def _translated(pairs: tuple[tuple[str, str], ...]) -> list[Any]:
    """Choices whose labels print in the page's language; the values stay the questionnaire's keys."""
    return choices((value, Translatable(label)) for value, label in pairs)  # type: ignore[misc]


def _field(question: Question) -> Field:
    label, hint = Translatable(question.text), Translatable(question.hint)
    if question.kind == TEXT:
        too_long = lazy_gettext("Please keep it under %(max)d characters.")
        return TextAreaField(
            label,
            validators=[Optional(), Length(max=question.max_length, message=too_long)],
            description=hint,
            render_kw={"maxlength": question.max_length, "rows": 5},
        )
    options = _translated(question.options)
    if question.kind == MULTI:
        return MultiCheckboxField(label, choices=options, validators=[Optional(), _exclusive], description=hint)
    return RadioField(label, choices=options, validators=[Optional()], description=hint)


_AGE_MESSAGE = lazy_gettext("Choose your age. It is the only question you have to answer.")
_CACHE: dict[tuple[int, int, tuple[str, ...]], tuple[Questionnaire, type[StepForm]]] = {}


def step_form_class(version: Questionnaire, step: int, answers: Answers) -> type[StepForm]:
    """The form class for one step, with only the questions that apply (built once, then reused)."""
    shown = version.shown_on(step, answers)
    key = (version.version, step, tuple(q.key for q in shown))
    cached = _CACHE.get(key)
    if cached and cached[0] is version:
        return cached[1]
    fields: dict[str, Any] = {}
    if step == 1:
        fields["age"] = RadioField(
            lazy_gettext("How old are you?"), choices=_translated(AGE_OPTIONS), validators=[InputRequired(_AGE_MESSAGE)]
        )
    for question in shown:
        fields[question.key] = _field(question)
    fields["question_keys"] = tuple(fields)
    form_class = type(f"Step{step}Form", (StepForm,), fields)
    _CACHE[key] = (version, form_class)
    return form_class


def question_fields(form: StepForm) -> list[Field]:
    """The fields that are questions (not the hidden state or the buttons)."""
    return [f for f in form if f.type not in ("HiddenField", "SubmitField")]


class ModerationForm(FlaskForm):
    """The buttons send `action`; the service checks both values against its own lists."""

    action = HiddenField()
    theme = SelectField(
        "Theme for the reports",
        choices=choices([("", "Choose a theme"), *[(t, t) for t in THEMES]]),
        validate_choice=False,
    )
    # The comment as the moderator edited it (names taken out); kept only when it is approved.
    text = TextAreaField("Comment text", validators=[Optional(), Length(max=REDACTED_MAX)])


class SafeguardingActionForm(FlaskForm):
    """One entry in an escalated comment's safeguarding record."""

    action_taken = TextAreaField(
        "What was done",
        validators=[DataRequired("Say what was done."), Length(max=ACTION_MAX)],
        description="For example: read by the safeguarding lead, discussed with the deputy, decided to refer.",
        render_kw={"rows": 4},
    )
    referred_to = StringField(
        "Referred to",
        validators=[Optional(), Length(max=REFERRED_MAX)],
        description="Who it was passed to and their reference, if anyone: for example, "
        "Peterborough City Council children's services, ref 12345.",
    )
    outcome = TextAreaField("Outcome", validators=[Optional(), Length(max=ACTION_MAX)], render_kw={"rows": 3})
    closes_case = BooleanField("This entry closes the case")
    submit = SubmitField("Add to the record")
