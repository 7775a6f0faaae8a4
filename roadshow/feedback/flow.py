"""Moving through the three steps: validate a step, remember its answers, gate by age, submit.

Shared by the public form and the staff's paper entry; the views decide what to show.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_wtf import FlaskForm
from wtforms import HiddenField

from roadshow import questionnaire
from roadshow.feedback import state as form_state
from roadshow.feedback.forms import StepForm, question_fields, step_form_class
from roadshow.feedback.state import FormState
from roadshow.models import RoadshowSession, User
from roadshow.services import feedback
from roadshow.services.feedback import AgeGate, SessionRef, Submission

STEP = "step"
RESTART = "restart"
SAVED = "saved"
DUPLICATE = "duplicate"


@dataclass
class Outcome:
    """What the view should show next: a step's form, an age-gate page, or the end."""

    kind: str
    form: StepForm | None = None
    state: FormState | None = None


class _StateOnly(FlaskForm):
    class Meta:
        csrf = False

    state = HiddenField()


def first_state(session: RoadshowSession | SessionRef) -> FormState:
    """A new visitor's state: the current questionnaire and a new one-time submission id."""
    return FormState(session.id, questionnaire.current().version, feedback.new_token())


def begin(session: RoadshowSession | SessionRef) -> Outcome:
    """A fresh first step with a new one-time submission id."""
    return show(first_state(session))


def show(state: FormState) -> Outcome:
    """The form for the state's step, filled in with the answers so far."""
    version = questionnaire.get(state.version)
    form_class = step_form_class(version, state.step, state.answers)
    form = form_class(formdata=None, data=dict(state.answers))
    form.state.data = form_state.dump(state)
    return Outcome(STEP, form, state)


def advance(session: RoadshowSession | SessionRef, channel: str, actor: User | None = None) -> Outcome:
    """Handle a posted step."""
    state = form_state.load(_StateOnly().state.data)
    if state is None or state.session_id != session.id or state.version not in questionnaire.QUESTIONNAIRES:
        return Outcome(RESTART)
    version = questionnaire.get(state.version)
    form = step_form_class(version, state.step, state.answers)()
    valid = form.validate()
    _remember(state, form)
    if form.back.data and state.step > 1:
        state.step -= 1
        return show(state)
    if not valid:
        return Outcome(STEP, form, state)
    if state.step == 1:
        gate = feedback.age_gate(int(str(state.answers["age"])))
        if gate != AgeGate.ALLOWED:
            return Outcome(gate)
    if state.step < len(version.steps):
        state.step += 1
        return show(state)
    return _submit(session, state, channel, actor)


def _remember(state: FormState, form: StepForm) -> None:
    """Keep this step's valid answers; drop answers that no longer apply."""
    answers = dict(state.answers)
    for field in question_fields(form):
        if field.errors:
            continue
        if field.data in (None, "", []):
            answers.pop(field.name, None)
        else:
            answers[field.name] = field.data
    kept = feedback.applicable(questionnaire.get(state.version), answers)
    if "age" in answers:
        kept["age"] = answers["age"]
    state.answers = kept


def _submit(session: RoadshowSession | SessionRef, state: FormState, channel: str, actor: User | None) -> Outcome:
    age = state.answers.get("age")
    if not isinstance(age, str) or not age.isdigit() or feedback.age_gate(int(age)) != AgeGate.ALLOWED:
        return Outcome(RESTART)
    sub = Submission(session.id, state.version, int(age), state.answers, state.token, channel)
    saved = feedback.submit(sub, actor=actor)
    return Outcome(SAVED if saved else DUPLICATE)
