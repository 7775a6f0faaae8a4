"""Every page of the young people's form at its own address: post, then redirect, then get.

A posted page is answered with a redirect to the next page's address, which carries the sealed
state (roadshow.feedback.state) in its query string. So the browser's Back, Forward and refresh
only ever repeat a GET: no "Confirm form resubmission", and a page shown again from its address
shows the answers its state holds. Nothing is kept on the server or in a cookie until the young
person sends their answers from "Check your answers"; a state whose one-time submission id was
used already leads to the thank-you page, so Back after sending never shows or sends the answers again.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext

from roadshow import pagecache, questionnaire
from roadshow.constants import AGE_BANDS
from roadshow.extensions import csrf, db
from roadshow.feedback import bp, flow
from roadshow.feedback import state as form_state
from roadshow.feedback.forms import question_fields
from roadshow.i18n import translate
from roadshow.models import SubmissionToken
from roadshow.security import public
from roadshow.services.feedback import intake as feedback
from roadshow.services.feedback.intake import AgeGate, SessionRef

STEP_ENDPOINTS = ("feedback.step", "feedback.check")


def address(code: str, outcome: flow.Outcome) -> str:
    """The address of the outcome's page, carrying its sealed state."""
    assert outcome.state is not None  # noqa: S101 (a STEP outcome has its state)
    last = len(questionnaire.get(outcome.state.version).steps)
    if outcome.state.step > last:
        return url_for("feedback.check", code=code, s=outcome.sealed)
    return url_for("feedback.step", code=code, number=outcome.state.step, s=outcome.sealed)


def after_post(session: SessionRef, outcome: flow.Outcome) -> Response | str | tuple[str, int]:
    """Where a posted page leads: the next page's address, the end, an age page, or the page again with errors."""
    code = session.feedback_code
    if outcome.kind in (flow.SAVED, flow.DUPLICATE):
        db.session.commit()
        return redirect(url_for("feedback.thanks", code=code), code=303)
    if outcome.kind in (AgeGate.TOO_YOUNG, AgeGate.TOO_OLD):
        return redirect(url_for("feedback.age_outside", code=code, which=outcome.kind), code=303)
    if outcome.kind == flow.LIMITED:
        abort(429)
    if outcome.kind == flow.RESTART:
        return show_step(flow.begin(session), restarted=True), 400
    if outcome.posted is not None:
        return show_step(outcome)
    return redirect(address(code, outcome), code=303)


def closed(session: SessionRef) -> str:
    """The form is not open: says when it opens if the session has not started yet."""
    not_yet = feedback.utcnow() < session.feedback_opens_at
    return render_template("feedback/closed.html", opens_at=session.feedback_opens_at if not_yet else None)


def _sent_already(token: str) -> bool:
    hashed = feedback.token_hash(token)
    return db.session.scalar(sa.select(SubmissionToken.token_hash).filter_by(token_hash=hashed)) is not None


def _state_from_address(session: SessionRef) -> tuple[flow.Outcome | None, Response | None]:
    """The page's state from its address; or a redirect when it was sent already, or a fresh start."""
    raw = request.args.get("s", "")
    state = form_state.load(raw)
    if state is None or state.session_id != session.id or state.version not in questionnaire.QUESTIONNAIRES:
        return None, redirect(url_for("feedback.form", code=session.feedback_code), code=303)
    if _sent_already(state.token):
        return None, redirect(url_for("feedback.thanks", code=session.feedback_code), code=303)
    return flow.Outcome(flow.STEP, state, given=raw), None


def _open_session(code: str) -> SessionRef:
    session = feedback.lookup_session(code)
    if session is None or code != session.feedback_code:
        abort(404)
    return session


def _page_state(code: str) -> tuple[flow.Outcome | None, str | Response | tuple[str, int] | None]:
    """What every page of the form does first: the closed page, a post's answer, or the state to show."""
    session = _open_session(code)
    if not feedback.is_open(session):
        return None, closed(session)
    if request.method == "POST":
        return None, after_post(session, flow.advance(session, "online", check=True))
    return _state_from_address(session)


@bp.route("/feedback/<code>/page-<int:number>", methods=["GET", "POST"])
@public
@csrf.exempt
def step(code: str, number: int) -> str | Response | tuple[str, int]:
    """One page of the form, at its own address; its form posts back here."""
    outcome, answered = _page_state(code)
    if answered is not None:
        return answered
    assert outcome is not None and outcome.state is not None  # noqa: S101 (no answer yet means a state)
    if outcome.state.step != number:
        return redirect(address(code, outcome), code=303)
    return show_step(outcome)


@bp.route("/feedback/<code>/check", methods=["GET", "POST"])
@public
@csrf.exempt
def check(code: str) -> str | Response | tuple[str, int]:
    """Check your answers, each with a link to change it, then send them."""
    outcome, answered = _page_state(code)
    if answered is not None:
        return answered
    assert outcome is not None and outcome.state is not None  # noqa: S101 (no answer yet means a state)
    state = outcome.state
    version = questionnaire.get(state.version)
    if state.step != len(version.steps) + 1 or state.answers.get(flow.AGE_BAND) not in AGE_BANDS:
        return redirect(address(code, outcome), code=303)
    return render_template("feedback/check.html", rows=_rows(state), state=outcome.sealed, code=code)


def _rows(state: form_state.FormState) -> list[tuple[str, str, int]]:
    """(question, answer, page to change it on) for the age group and every question shown so far,
    in the page's language; a written answer is shown as it was written."""
    version = questionnaire.get(state.version)
    low, _to, high = str(state.answers.get(flow.AGE_BAND, "")).partition("-")
    band = gettext("%(low)s to %(high)s", low=low, high=high) if high else low
    rows = [(gettext("Your age group"), band, 1)]
    for page in range(1, len(version.steps) + 1):
        for question in version.shown_on(page, state.answers):
            given = state.answers.get(question.key)
            values = given if isinstance(given, list) else [given] if given else []
            answer = ", ".join(translate(question.option_label(str(v))) if question.options else str(v) for v in values)
            rows.append((translate(question.text), answer or gettext("Not answered"), page))
    return rows


@bp.route("/feedback/<code>/age-<which>")
@public
def age_outside(code: str, which: str) -> str:
    """The form is for ages 13 to 18: nothing was kept, with a way back for a wrong age."""
    if which not in (AgeGate.TOO_YOUNG, AgeGate.TOO_OLD):
        abort(404)
    session = _open_session(code)
    template = "feedback/too_young.html" if which == AgeGate.TOO_YOUNG else "feedback/too_old.html"
    return render_template(template, code=session.feedback_code)


def show_step(outcome: flow.Outcome, **extra: object) -> str:
    """A page of the form. Until it is answered, a page is the same for everyone but its sealed state,
    so each worker renders it once per questionnaire version and set of questions shown."""
    assert outcome.state is not None  # noqa: S101 (a STEP outcome has its state)
    if not outcome.unanswered or extra:
        return render_step(outcome, None, **extra)
    return pagecache.render_once(
        "feedback",
        flow.form_class(outcome.state),
        lambda: render_step(outcome, None),
        {"state": outcome.sealed},
    )


def render_step(outcome: flow.Outcome, action: str | None, paper: object = None, **extra: object) -> str:
    """The form page for the outcome's step, for a young person or for staff typing in a paper form."""
    assert outcome.state is not None  # noqa: S101 (a STEP outcome has its state)
    version = questionnaire.get(outcome.state.version)
    return render_template(
        "feedback/form.html",
        form=outcome.form,
        fields=question_fields(outcome.form),
        step=outcome.state.step,
        steps=version.steps,
        version=version,
        action=action,
        paper=paper,
        **extra,
    )
