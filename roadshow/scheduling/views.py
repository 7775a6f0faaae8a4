"""Staff pages for sessions: the list, one session, its changes, the poster and the blank questionnaire."""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from roadshow.extensions import db
from roadshow.models.scheduling import RoadshowSession, SessionStatus
from roadshow.scheduling import bp, languages
from roadshow.scheduling.forms import (
    ActionForm,
    CancelForm,
    DeliveredForm,
    ExpectedForm,
    NewSessionForm,
    RescheduleForm,
    SessionFilterForm,
)
from roadshow.security import staff_required
from roadshow.services import DomainError
from roadshow.services.feedback import review as feedback_review
from roadshow.services.scheduling import queries as session_queries
from roadshow.services.scheduling import status as session_status
from roadshow.services.scheduling import visits
from roadshow.services.scheduling.sessions import Actor, ConflictError
from roadshow.timeutil import format_datetime, to_london, utcnow
from roadshow.transaction import apply, saved, settle

PER_PAGE = 25


def _session_or_404(session_id: int) -> RoadshowSession:
    session = session_queries.get(session_id)
    if session is None:
        abort(404)
    return session


def _me() -> Actor:
    return Actor(user=current_user._get_current_object())


def _refused(form: object, exc: DomainError) -> None:
    """Show a refused change at the top of the form, one line per clash."""
    form.form_errors.extend(exc.clashes if isinstance(exc, ConflictError) else [str(exc)])  # type: ignore[attr-defined]


def _session_url(session: RoadshowSession | None) -> str:
    return url_for("scheduling.session_detail", session_id=session.id)  # type: ignore[union-attr]


def _see_other(session: RoadshowSession) -> Response:
    return redirect(_session_url(session), code=303)


def _changed(form: object, change: Callable[[], visits.Outcome], message: str) -> Response | None:
    """Make a form's change to a session: refused, the reasons show on the form (None); made, commit with
    its emails and go to the session with `message`."""
    return saved(
        change,
        lambda exc: _refused(form, exc),
        lambda outcome: settle(message, _session_url(outcome.session), outcome.notices),
    )


@bp.route("/staff/sessions")
@staff_required
def sessions() -> str:
    """Upcoming or past sessions, filtered by district, facilitator and status."""
    form = SessionFilterForm(request.args)
    form.set_facilitators(session_queries.facilitator_choices())
    valid = form.validate()
    facilitator = form.facilitator.data if valid else ""
    query = session_queries.list_query(
        past=valid and form.when.data == "past",
        district=form.district.data if valid else "",
        facilitator_id=int(facilitator) if facilitator else None,
        status=form.status.data if valid else "",
    )
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    return render_template("scheduling/sessions.html", form=form, page=page, past=valid and form.when.data == "past")


@bp.route("/staff/sessions/new", methods=["GET", "POST"])
@staff_required
def new_session() -> str | Response:
    """Schedule a session directly, when the group agreed a date by phone."""
    form = NewSessionForm()
    form.set_facilitators(session_queries.facilitator_choices())
    message = "Session scheduled. The facilitators have been sent the invite."
    if form.validate_on_submit() and (
        done := _changed(form, lambda: visits.schedule(form.details(form.title.data or ""), _me()), message)
    ):
        return done
    return render_template("scheduling/session_form.html", form=form, heading="Schedule a session")


@bp.route("/staff/sessions/<int:session_id>")
@staff_required
def session_detail(session_id: int) -> str:
    """One session: details, feedback code and window, actions and history."""
    session = _session_or_404(session_id)
    now = utcnow()
    counts = feedback_review.counts(session.id)
    return render_template(
        "scheduling/session.html",
        session=session,
        now=now,
        feedback_open=session.feedback_open(now),
        delivered_form=DeliveredForm(),
        action_form=ActionForm(),
        expected_form=ExpectedForm(data={"expected": session.expected_young_people}),
        counts=counts,
        counts_text=feedback_review.counts_text(counts),
        default_expected=current_app.config["FEEDBACK_DEFAULT_EXPECTED"],
        group=visits.contact(visits.request_of(session)),
        SessionStatus=SessionStatus,
        languages=languages.named(session),
        languages_form=languages.form_for(session),
    )


@bp.route("/staff/sessions/<int:session_id>/delivered", methods=["POST"])
@staff_required
def mark_delivered(session_id: int) -> Response | str:
    """Record attendance; the booking request moves to delivered."""
    session = _session_or_404(session_id)
    form = DeliveredForm()
    if not form.validate_on_submit():
        for error in form.attendance.errors:
            flash(error, "error")
        return _see_other(session)
    return apply(
        lambda: visits.deliver(session, form.attendance.data, _me()),
        success=lambda _: f"Marked as delivered: {session.attendance} young people came.",
        back=_session_url(session),
    )


@bp.route("/staff/sessions/<int:session_id>/reschedule", methods=["GET", "POST"])
@staff_required
def reschedule(session_id: int) -> str | Response:
    """Move the session (or offer): new date, time, venue or team, with a reason."""
    session = _session_or_404(session_id)
    local_start = to_london(session.starts_at)
    form = RescheduleForm(
        data={
            "day": local_start.date(),
            "starts": local_start.time(),
            "ends": to_london(session.ends_at).time(),
            "venue": session.venue,
            "postcode": session.postcode,
            "district": session.district,
            "capacity": session.capacity,
            "facilitators": [f.id for f in session.facilitators],
        }
        if request.method == "GET"
        else None
    )
    form.set_facilitators(session_queries.facilitator_choices())
    message = "Session changed. Everyone concerned has been emailed."
    change = lambda: visits.reschedule(session, form.details(session.title), form.reason.data or "", _me())  # noqa: E731
    if form.validate_on_submit() and (done := _changed(form, change, message)):
        return done
    return render_template("scheduling/reschedule.html", form=form, session=session)


@bp.route("/staff/sessions/<int:session_id>/cancel", methods=["GET", "POST"])
@staff_required
def cancel(session_id: int) -> str | Response:
    """Cancel a session, or withdraw an offer, with a reason; everyone concerned is emailed."""
    session = _session_or_404(session_id)
    form = CancelForm()
    if form.validate_on_submit():
        reason = form.reason.data or ""
        if session.status == SessionStatus.OFFERED:
            change = lambda: visits.withdraw_offer(session, reason, _me())  # noqa: E731
            message = "Offer withdrawn."
        else:
            change = lambda: visits.cancel(visits.request_of(session), session, reason, _me())  # noqa: E731
            message = "Session cancelled. Everyone concerned has been emailed."
        back = _session_url(session)
        if done := saved(change, form.reason.errors, lambda outcome: settle(message, back, outcome.notices)):
            return done
    return render_template("scheduling/cancel.html", form=form, session=session, offer=session.status == "offered")


@bp.route("/staff/sessions/<int:session_id>/feedback", methods=["POST"])
@staff_required
def feedback_window(session_id: int) -> Response:
    """Close feedback early, or reopen it for another window."""
    session = _session_or_404(session_id)
    form = ActionForm()
    if not form.validate_on_submit() or form.action.data not in ("close", "reopen"):
        abort(400)
    back = _session_url(session)
    if form.action.data == "close":
        return apply(
            lambda: session_status.close_feedback(session, _me()),
            success="Feedback is now closed for this session.",
            back=back,
        )
    return apply(
        lambda: session_status.reopen_feedback(session, _me()),
        success=lambda _: f"Feedback is open again until {format_datetime(session.feedback_closes_at)}.",
        back=back,
    )


@bp.route("/staff/sessions/<int:session_id>/poster")
@staff_required
def poster(session_id: int) -> str:
    """A printable A4 poster: the QR code to the feedback form, the code, the place."""
    from roadshow.scheduling.poster import feedback_url, qr_svg

    session = _session_or_404(session_id)
    url = feedback_url(session)
    return render_template(
        "scheduling/poster.html", session=session, url=url, qr=qr_svg(url), languages=languages.named(session)
    )


@bp.route("/staff/sessions/<int:session_id>/questionnaire")
@staff_required
def blank_questionnaire(session_id: int) -> str:
    """A printable A4 blank questionnaire for young people without a phone; typed in later on paper entry."""
    from roadshow.questionnaire import current
    from roadshow.scheduling.paper import PAPER_AGES, layout

    session = _session_or_404(session_id)
    questionnaire = current()
    return render_template(
        "scheduling/questionnaire_print.html",
        session=session,
        questions=layout(questionnaire),
        version=questionnaire.version,
        ages=PAPER_AGES,
    )
