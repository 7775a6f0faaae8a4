"""Feedback pages: the public code entry and three-step form, paper entry and moderation for staff."""

from __future__ import annotations

from urllib.parse import urlsplit
from uuid import UUID

from flask import Response, abort, current_app, flash, redirect, render_template, request, send_from_directory, url_for
from flask_login import current_user

from roadshow import questionnaire, ratelimit
from roadshow.constants import YOUTH_AGES_TEXT
from roadshow.extensions import csrf, db
from roadshow.feedback import bp, flow, steps
from roadshow.feedback.forms import CodeForm, ModerationForm
from roadshow.i18n import lazy_gettext
from roadshow.models import Comment, RoadshowSession
from roadshow.models.feedback import CommentStatus
from roadshow.security import public, staff_required
from roadshow.services import DomainError
from roadshow.services.feedback import intake as feedback
from roadshow.services.feedback import moderation as moderation_service
from roadshow.services.feedback.intake import AgeGate
from roadshow.transaction import commit_and_send

NOT_FOUND = lazy_gettext("We can't find that code. Check it and try again.")
TOO_MANY_WRONG = lazy_gettext(
    "That code is not right, and a lot of wrong codes came from here. Check the poster, wait a minute, then try again."
)
PER_PAGE = 25


@bp.after_request
def _no_store_answers(response: Response) -> Response:
    # Step pages carry the answers so far: a shared school tablet must not show them to the next person.
    if request.endpoint in ("feedback.form", "feedback.paper", *steps.STEP_ENDPOINTS):
        response.headers["Cache-Control"] = "no-store"
    if request.endpoint in steps.STEP_ENDPOINTS:  # the address carries the sealed answers: never pass it on
        response.headers["Referrer-Policy"] = "no-referrer"
    return response


PUBLIC_POSTS = ("feedback.start", "feedback.form", *steps.STEP_ENDPOINTS)


@bp.before_request
def _refuse_other_sites() -> None:
    """A young person's answers come from our own pages: a POST another site made a browser send is refused."""
    if request.method != "POST" or request.endpoint not in PUBLIC_POSTS:
        return
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        if fetch_site not in ("same-origin", "none"):
            abort(403)
        return
    origin = request.headers.get("Origin")
    if origin and origin != "null" and urlsplit(origin).netloc not in _own_hosts():
        abort(403)


def _own_hosts() -> set[str]:
    return {request.host, urlsplit(current_app.config["PUBLIC_BASE_URL"]).netloc}


def _not_found(form: CodeForm) -> tuple[str, int]:
    # Only wrong codes count, and only towards refusing more wrong codes: a class sharing one
    # school address always reaches the form with the right code, however many typos came first.
    allowed = ratelimit.wrong_code_allowed()
    form.code.errors = [*form.code.errors, NOT_FOUND if allowed else TOO_MANY_WRONG]
    return render_template("feedback/start.html", form=form), 404 if allowed else 429


# The public pages are exempt from the global CSRF check because Flask-WTF keeps its token
# in the session cookie, and these pages must set no cookie at all. A forged post gains
# nothing here (there is no signed-in person to act as); the signed state in each form
# (roadshow.feedback.state) carries a one-time submission id that only this app can issue.
@bp.route("/feedback/", methods=["GET", "POST"])
@public
@csrf.exempt
def start() -> str | Response | tuple[str, int]:
    """Enter your session code."""
    form = CodeForm()
    if not form.validate_on_submit():
        return render_template("feedback/start.html", form=form)
    session = feedback.find_session(form.code.data or "")
    if session is None:
        return _not_found(form)
    return redirect(url_for("feedback.form", code=session.feedback_code), code=303)


@bp.route("/feedback/<code>", methods=["GET", "POST"])
@public
@csrf.exempt
def form(code: str) -> str | Response | tuple[str, int]:
    """The three-step feedback form for one session, while its window is open."""
    session = feedback.lookup_session(code)
    if session is None:
        return _not_found(CodeForm(formdata=None, code=code[:20]))
    if request.method == "GET" and code != session.feedback_code:
        return redirect(url_for("feedback.form", code=session.feedback_code), code=301)
    if not feedback.is_open(session):
        return steps.closed(session)
    if request.method == "GET":
        return steps.show_step(flow.begin(session))
    return steps.after_post(session, flow.advance(session, "online", check=True))


@bp.route("/feedback/<code>/thanks")
@public
def thanks(code: str) -> str:
    """Thank you, what happens next, and where to get help."""
    return render_template("feedback/thanks.html")


@bp.route("/feedback/sw.js")
@public
def service_worker() -> Response:
    """The form's service worker, served from /feedback/ so its scope can cover the form and nothing else."""
    response = send_from_directory(current_app.static_folder or "", "js/feedback-sw.js", max_age=0)
    response.headers["Cache-Control"] = "no-cache"  # a changed worker reaches phones at their next visit
    return response


def _render_step(outcome: flow.Outcome, action: str, paper: RoadshowSession) -> str:
    return steps.render_step(outcome, action, paper=paper)


@bp.route("/staff/sessions/<int:session_id>/paper", methods=["GET", "POST"])
@staff_required
def paper(session_id: int) -> str | Response:
    """Type in a paper feedback form from a session, through the same questionnaire."""
    session = db.session.get(RoadshowSession, session_id) or abort(404)
    action = url_for("feedback.paper", session_id=session.id)
    if request.method == "GET":
        return _render_step(flow.begin(session), action, paper=session)
    outcome = flow.advance(session, "paper", actor=current_user)
    messages = {
        flow.SAVED: ("Paper form saved. You can type in the next one.", "success"),
        flow.DUPLICATE: ("That paper form was saved already.", "warning"),
        AgeGate.TOO_YOUNG: (f"Only ages {YOUTH_AGES_TEXT} are recorded: nothing was saved from that form.", "warning"),
        AgeGate.TOO_OLD: (f"Only ages {YOUTH_AGES_TEXT} are recorded: nothing was saved from that form.", "warning"),
        flow.RESTART: ("That form had expired. Please start it again.", "error"),
    }
    if outcome.kind in messages:
        db.session.commit()
        flash(*messages[outcome.kind])
        return redirect(action, code=303)
    return _render_step(outcome, action, paper=session)


@bp.route("/staff/moderation")
@staff_required
def moderation() -> str:
    """Young people's comments by state; those that may mention harm first."""
    status = request.args.get("status", CommentStatus.PENDING)
    if status not in moderation_service.STATUSES:
        status = CommentStatus.PENDING
    page = db.paginate(moderation_service.queue(status), per_page=PER_PAGE, error_out=False)
    return render_template(
        "feedback/moderation.html",
        page=page,
        status=status,
        counts=moderation_service.counts(),
        form=ModerationForm(),
        transitions=moderation_service.TRANSITIONS,
        themes=moderation_service.THEMES,
        version_of=questionnaire.get,
    )


@bp.route("/staff/moderation/<uuid:comment_id>", methods=["POST"])
@staff_required
def moderate(comment_id: UUID) -> Response:
    """Approve (after any redaction), reject or escalate one comment."""
    comment = db.session.get(Comment, comment_id) or abort(404)
    before = comment.status
    form = ModerationForm()
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            abort(400)
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
        return redirect(url_for("feedback.moderation", status=before), code=303)
    edited = form.text.data if form.text.raw_data else None  # absent when the page had no text box
    try:
        decision = moderation_service.moderate(
            comment, form.action.data or "", current_user, form.theme.data or "", text=edited
        )
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        sent = commit_and_send(decision.notices)
        flash(_decision_message(decision, sent), "success")
    return redirect(url_for("feedback.moderation", status=before), code=303)


def _decision_message(decision: moderation_service.Decision, sent: int) -> str:
    message = f"Comment {decision.comment.id} {decision.comment.status}"
    if decision.redacted:
        message += " with your edits; the original words were not kept"
    if decision.comment.status == CommentStatus.ESCALATED:
        message += f". People told by email at once: {sent}"
        if waiting := len(decision.notices) - sent:
            message += f". Not reached yet, retried shortly: {waiting}. Phone the safeguarding lead"
    return message + "."
