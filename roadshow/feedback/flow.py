"""Moving through the three steps: validate a step, remember its answers, gate by age, submit.

Shared by the public form and the staff's paper entry; the views decide what to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from flask import request

from roadshow import questionnaire, ratelimit
from roadshow.constants import AGE_BANDS, age_band
from roadshow.feedback import state as form_state
from roadshow.feedback.forms import StepForm, question_fields, step_form_class
from roadshow.feedback.state import FormState
from roadshow.models import RoadshowSession, User
from roadshow.questionnaire import Answers
from roadshow.services.feedback import intake as feedback
from roadshow.services.feedback.intake import AgeGate, SessionRef, Submission

STEP = "step"
RESTART = "restart"
SAVED = "saved"
DUPLICATE = "duplicate"
LIMITED = "limited"  # this address has sent as many completed forms for the code as a class would
AGE_BAND = "age_band"  # kept in the state in place of the age once the age question is passed


@dataclass
class Outcome:
    """What the view should show next: a step's form, an age-gate page, or the end."""

    kind: str
    state: FormState | None = None
    posted: StepForm | None = None  # the step as sent, when it is shown again with its errors
    given: str | None = None  # the sealed state as the page's address carried it, shown again unchanged

    @cached_property
    def form(self) -> StepForm:
        """The step's form: as posted, or filled in with the answers so far (built only when shown)."""
        if self.posted is not None:
            return self.posted
        assert self.state is not None  # noqa: S101 (only a STEP outcome is shown)
        form = form_class(self.state)(formdata=None, data=dict(self.state.answers))
        form.state.data = self.sealed
        return form

    @cached_property
    def sealed(self) -> str:
        """The state as the page carries it, encrypted once: each encryption differs (a fresh IV)."""
        assert self.state is not None  # noqa: S101 (only a STEP outcome is shown)
        return self.given or form_state.dump(self.state)

    @property
    def unanswered(self) -> bool:
        """A step with nothing answered on it yet and no errors: the same page for every visitor but the state."""
        assert self.state is not None  # noqa: S101 (only a STEP outcome is shown)
        answers = self.state.answers
        return self.posted is None and not any(key in answers for key in form_class(self.state).question_keys)


def form_class(state: FormState) -> type[StepForm]:
    """The form class of the state's step, with the questions that apply to the answers so far."""
    return step_form_class(questionnaire.get(state.version), state.step, state.answers)


def first_state(session: RoadshowSession | SessionRef) -> FormState:
    """A new visitor's state: the current questionnaire and a new one-time submission id."""
    return FormState(session.id, questionnaire.current().version, feedback.new_token())


def begin(session: RoadshowSession | SessionRef) -> Outcome:
    """A fresh first step with a new one-time submission id."""
    return show(first_state(session))


def show(state: FormState) -> Outcome:
    """The state's step, filled in with the answers so far."""
    return Outcome(STEP, state)


def advance(
    session: RoadshowSession | SessionRef, channel: str, actor: User | None = None, check: bool = False
) -> Outcome:
    """Handle a posted step; with `check`, a "Check your answers" page follows the last step before sending."""
    state = form_state.load(request.form.get("state"))
    if state is None or state.session_id != session.id or state.version not in questionnaire.QUESTIONNAIRES:
        return Outcome(RESTART)
    version = questionnaire.get(state.version)
    last = len(version.steps) + (1 if check else 0)
    if not 1 <= state.step <= last:
        return Outcome(RESTART)
    before = dict(state.answers)
    form = form_class(state)()
    valid = form.validate()
    _remember(state, form)
    change = request.form.get("change", "")
    if check and state.step == last and change.isdigit() and 1 <= int(change) < last:
        state.step, state.checking = int(change), True  # a "Change" button on "Check your answers"
        return show(state)
    if form.back.data and state.step > 1:
        state.step = _page_with_questions(version, state, state.step - 1, -1)
        return show(state)
    if not valid:
        return Outcome(STEP, state, posted=form)
    if state.step == 1:
        age = int(str(state.answers.pop("age")))
        gate = feedback.age_gate(age)
        if gate != AgeGate.ALLOWED:
            return Outcome(gate)
        state.answers[AGE_BAND] = age_band(age)  # the next steps need the band; the age is forgotten
    if state.step < last:
        ahead = _page_with_questions(version, state, state.step + 1, +1)
        state.step = last if state.checking and _same_pages_after(state, before) else ahead
        state.checking = state.checking or (state.step == last and check)
        return show(state)
    return _submit(session, state, channel, actor)


def _page_with_questions(version: questionnaire.Questionnaire, state: FormState, page: int, way: int) -> int:
    """The nearest page from `page` (going `way`) that asks something, given the answers so far.

    A page whose questions all depend on an earlier answer (the stop and search details, for someone
    never searched) is passed over; the first page (the age) and the pages after the last always count.
    """
    while 1 < page <= len(version.steps) and not version.shown_on(page, state.answers):
        page += way
    return page


def _same_pages_after(state: FormState, before: Answers) -> bool:
    """Whether a changed answer leaves every later page asking the same questions (so "Check" can follow)."""
    version = questionnaire.get(state.version)
    return all(
        version.shown_on(page, before) == version.shown_on(page, state.answers)
        for page in range(state.step + 1, len(version.steps) + 1)
    )


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
    for key in ("age", AGE_BAND):
        if key in answers:
            kept[key] = answers[key]
    state.answers = kept


def _submit(session: RoadshowSession | SessionRef, state: FormState, channel: str, actor: User | None) -> Outcome:
    band = state.answers.get(AGE_BAND)
    if band not in AGE_BANDS:
        return Outcome(RESTART)
    if channel == "online" and not ratelimit.completed_allowed(session.id):
        return Outcome(LIMITED)
    sub = Submission(session.id, state.version, str(band), state.answers, state.token, channel)
    saved = feedback.submit(sub, actor=actor)
    return Outcome(SAVED if saved else DUPLICATE)
