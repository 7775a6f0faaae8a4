"""Staff pages for a session's held feedback: the number expected, and releasing or discarding held responses."""

from __future__ import annotations

from flask import Response, abort, flash, jsonify, redirect, render_template, url_for
from flask_login import current_user

from roadshow.forms import choices
from roadshow.models.scheduling import RoadshowSession
from roadshow.scheduling import bp
from roadshow.scheduling.forms import ExpectedForm, HeldReviewForm
from roadshow.security import staff_required
from roadshow.services.feedback import review as feedback_review
from roadshow.services.scheduling import queries as session_queries
from roadshow.transaction import apply


def _session_or_404(session_id: int) -> RoadshowSession:
    return session_queries.get(session_id) or abort(404)


@bp.route("/staff/sessions/<int:session_id>/feedback-counts.json")
@staff_required
def feedback_counts(session_id: int) -> Response:
    """The session page's counts, fetched again while a facilitator leaves the page open."""
    counts = feedback_review.counts(_session_or_404(session_id).id)
    reply = jsonify(
        received=counts.received, counted=counts.counted, held=counts.held, text=feedback_review.counts_text(counts)
    )
    reply.headers["Cache-Control"] = "no-store"
    return reply


@bp.route("/staff/sessions/<int:session_id>/expected", methods=["POST"])
@staff_required
def expected(session_id: int) -> Response:
    """Change how many young people the session expects to hear from."""
    session = _session_or_404(session_id)
    form = ExpectedForm()
    back = url_for("scheduling.session_detail", session_id=session.id, _anchor="feedback")
    if not form.validate_on_submit():
        for error in form.expected.errors:
            flash(error, "error")
        return redirect(back, code=303)
    return apply(
        lambda: feedback_review.set_expected(session, form.expected.data, current_user),
        success=lambda _: f"Feedback now expected from {session.expected_young_people} young people.",
        back=back,
    )


@bp.route("/staff/sessions/<int:session_id>/held", methods=["GET", "POST"])
@staff_required
def held(session_id: int) -> str | Response:
    """Held responses for one session: count them in, or discard them."""
    session = _session_or_404(session_id)
    responses = feedback_review.held_responses(session.id)
    form = HeldReviewForm()
    form.responses.choices = choices((str(r.id), f"Response {n}") for n, r in enumerate(responses, 1))
    if form.validate_on_submit():
        ids = form.responses.data or []
        change, verb = (
            (feedback_review.discard, "discarded") if form.discard.data else (feedback_review.release, "now counted")
        )
        return apply(
            lambda: change(session, ids, current_user),
            success=lambda done: f"{done} held {'response' if done == 1 else 'responses'} {verb}.",
            back=url_for("scheduling.held", session_id=session.id),
        )
    return render_template(
        "scheduling/session_held.html",
        session=session,
        form=form,
        rows=[(str(r.id), f"Response {n}", feedback_review.labelled(r)) for n, r in enumerate(responses, 1)],
        counts=feedback_review.counts(session.id),
    )
