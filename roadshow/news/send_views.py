"""Staff: subscriber counts, the address export (admins), and sending an edition by email."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from roadshow import mailqueue, pagecache
from roadshow.extensions import db
from roadshow.models import Edition, EditionSend
from roadshow.news import bp
from roadshow.news.forms import SendEditionForm
from roadshow.security import admin_required, staff_required
from roadshow.services import DomainError
from roadshow.services.news import newsletter
from roadshow.services.news import subscribers as subscriber_service
from roadshow.staff.forms import ActionForm
from roadshow.timeutil import today_london
from roadshow.transaction import refuse

PER_PAGE = 50
# The email preview carries its own inline styles, which the site's CSP would block.
EMAIL_PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"


def _edition_or_404(edition_id: int) -> Edition:
    return db.session.get(Edition, edition_id) or abort(404)


@bp.route("/staff/news/subscribers")
@staff_required
def subscribers() -> str:
    """Counts for everyone; the addresses themselves only for admins."""
    page = None
    if current_user.is_admin:
        page = db.paginate(subscriber_service.with_addresses(), per_page=PER_PAGE, error_out=False)
    return render_template("news/staff/subscribers.html", counts=subscriber_service.counts(), page=page)


@bp.route("/staff/news/subscribers/export.csv")
@admin_required
def subscribers_export() -> Response:
    """Every address still on the list as CSV; the export is written to the audit log."""
    body = subscriber_service.export_csv(actor=current_user)
    db.session.commit()
    filename = f"newsletter-subscribers-{today_london().isoformat()}.csv"
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/staff/news/editions/<int:edition_id>/send")
@staff_required
def send_page(edition_id: int, form: SendEditionForm | None = None) -> str:
    """Preview, test send, send (after a confirming tick), and the progress of the send."""
    edition = _edition_or_404(edition_id)
    send = newsletter.send_for(edition)
    return render_template(
        "news/staff/send.html",
        edition=edition,
        send=send,
        progress=newsletter.progress(send) if send else None,
        counts=subscriber_service.counts(),
        background=mailqueue.enabled(),
        action=ActionForm(),
        form=form or SendEditionForm(formdata=None),
    )


@bp.route("/staff/news/editions/<int:edition_id>/email")
@staff_required
def email_preview(edition_id: int) -> Response:
    """The HTML email exactly as subscribers will get it (with a sample name)."""
    edition = _edition_or_404(edition_id)
    content = newsletter.render_edition(edition)
    html = pagecache.fill(content.html, {"first_name": "reader", "unsubscribe_url": "#unsubscribe"})
    return Response(html, headers={"Content-Security-Policy": EMAIL_PREVIEW_CSP})


@bp.route("/staff/news/editions/<int:edition_id>/send/test", methods=["POST"])
@staff_required
def send_test(edition_id: int) -> Response:
    """Send one copy to the signed-in member of staff."""
    edition = _edition_or_404(edition_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    delivered = newsletter.send_test(edition, current_user.email, actor=current_user)
    db.session.commit()
    if delivered and mailqueue.enabled():
        flash(f"A test copy is on its way to {current_user.email}.", "success")
    elif delivered:
        flash(f"A test copy has been sent to {current_user.email}.", "success")
    else:
        flash("The test copy could not be sent now; it will be retried.", "warning")
    return redirect(url_for("news.send_page", edition_id=edition.id), code=303)


@bp.route("/staff/news/editions/<int:edition_id>/send", methods=["POST"])
@staff_required
def send_start(edition_id: int) -> Response | tuple[str, int]:
    """Start the send once confirmed, or carry on with one that stopped; sends for a while, then shows progress."""
    edition = _edition_or_404(edition_id)
    if newsletter.send_for(edition) is None:
        form = SendEditionForm()
        if not form.validate_on_submit():
            if "csrf_token" in form.errors:
                abort(400)
            return send_page(edition_id, form=form), 400
    elif not ActionForm().validate_on_submit():
        abort(400)
    try:
        send = newsletter.start_send(edition, actor=current_user)
    except DomainError as exc:
        refuse(exc)
        return redirect(url_for("news.send_page", edition_id=edition.id), code=303)
    if mailqueue.enabled():
        return _hand_to_workers(send)
    result = newsletter.send_batches(send, seconds=current_app.config["NEWSLETTER_SEND_SECONDS"])
    if result.error:
        flash(f"{result.error} Sent so far: {result.sent} of {result.total}. Press the button to carry on.", "error")
    elif result.finished:
        flash(f"Sent to {result.sent} subscriber{'' if result.sent == 1 else 's'}.", "success")
    else:
        flash(f"Sent {result.sent} of {result.total} so far. Press the button to carry on.", "warning")
    return redirect(url_for("news.send_page", edition_id=edition.id), code=303)


def _hand_to_workers(send: EditionSend) -> Response:
    """With the mail queue: put the batches on it and come straight back to the page that shows progress."""
    try:
        newsletter.queue_batches(send)
    except DomainError as exc:
        refuse(exc)
        return redirect(url_for("news.send_page", edition_id=send.edition_id), code=303)
    progress = newsletter.progress(send)
    if progress.finished:
        flash(f"Sent to {progress.sent} subscriber{'' if progress.sent == 1 else 's'}.", "success")
    else:
        flash(f"Sending has started: {progress.queued} to go. This page shows how far it has got.", "success")
    return redirect(url_for("news.send_page", edition_id=send.edition_id), code=303)
