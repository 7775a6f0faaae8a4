"""Admins: the emails the mail queue gave up on, with a button to try each again."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from roadshow import mailqueue
from roadshow.extensions import db
from roadshow.security import admin_required
from roadshow.services import DomainError, dead_letters
from roadshow.services.news import newsletter
from roadshow.staff import bp
from roadshow.staff.forms import ActionForm
from roadshow.transaction import commit_and_send


@bp.route("/mail/failed")
@admin_required
def mail_failed() -> str:
    """Failed emails (to whom, what, why) and newsletter sends that stopped, each with a way to carry on."""
    return render_template(
        "staff/mail_failed.html",
        emails=dead_letters.failed_emails(),
        stalled=newsletter.stalled_sends(),
        waiting=dead_letters.waiting_count(),
        background=mailqueue.enabled(),
        action=ActionForm(),
    )


@bp.route("/mail/failed/<int:email_id>/retry", methods=["POST"])
@admin_required
def mail_retry(email_id: int) -> Response:
    """Try one failed email again (through the queue when there is one); the request is audited."""
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        dead_letters.try_again(email_id, actor=current_user)
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        sent = commit_and_send()
        if mailqueue.enabled():
            flash(f"Email {email_id} is queued to be sent again.", "success")
        elif sent:
            flash(f"Email {email_id} has been sent.", "success")
        else:
            flash(f"Email {email_id} was refused again; it will be retried by flask retry-mail.", "warning")
    return redirect(url_for("staff.mail_failed"), code=303)
