"""Public booking pages: about the roadshow, the request form, and the group's private page."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_wtf.csrf import generate_csrf

from roadshow import pagecache
from roadshow.bookings import bp
from roadshow.bookings.forms import BookingForm, CancelForm, DetailsForm, ReplacedLinkForm, ResendLinkForm
from roadshow.extensions import db, limiter
from roadshow.formatting import phone as phone_format
from roadshow.models.booking import BookingStatus
from roadshow.ratelimit import booking_limit
from roadshow.security import public
from roadshow.services import DomainError, bookings
from roadshow.services.bookings import GROUP_WORDS, LABELS
from roadshow.services.scheduling import visits
from roadshow.transaction import commit_and_send, refuse

CONFIRMATION_KEY = "booking_confirmation"


@bp.route("/roadshow/")
@public
def index() -> str:
    """What a roadshow session is, who it is for, how to book, and what we do with the details."""
    return render_template("bookings/index.html", retention_months=current_app.config["BOOKING_RETENTION_MONTHS"])


@bp.route("/roadshow/book", methods=["GET", "POST"])
@public
@limiter.limit(booking_limit, methods=["POST"])
def book() -> str | Response:
    """The request form; a valid request gets a reference, a confirmation page and two emails."""
    form = BookingForm()
    if form.validate_on_submit():
        if form.website.caught:
            # Only bots fill the hidden box: answer as if it worked, keep nothing.
            return render_template("bookings/confirmation.html", reference=None)
        try:
            submitted = bookings.submit(form.to_request())
        except DomainError as exc:  # the form checks the same rules first; this is the date turning over
            refuse(exc)
            return render_template("bookings/book.html", form=form)
        session[CONFIRMATION_KEY] = {
            "reference": submitted.request.reference,
            "email": submitted.request.email,
            "token": submitted.token,
        }
        commit_and_send(bookings.submission_notices(submitted))
        return redirect(url_for("bookings.confirmation"), code=303)
    if request.method == "GET":  # the empty form: the same page for everyone but its CSRF token
        token = {"csrf": generate_csrf()} if form.meta.csrf else {}
        page = lambda: render_template("bookings/book.html", form=form)  # noqa: E731
        return pagecache.render_once("bookings", "book", page, token)
    return render_template("bookings/book.html", form=form)


@bp.route("/roadshow/book/confirmation")
@public
def confirmation() -> str | Response:
    """The reference, once. The private link is shown on the first view only (shared computers)."""
    details = session.get(CONFIRMATION_KEY)
    if not details:
        return redirect(url_for("bookings.book"))
    token = details.pop("token", None)
    session[CONFIRMATION_KEY] = details
    manage_link = url_for("bookings.manage", token=token) if token else None
    return render_template(
        "bookings/confirmation.html", reference=details["reference"], email=details["email"], manage_link=manage_link
    )


@bp.route("/roadshow/booking/<token>", methods=["GET", "POST"])
@public
@limiter.limit(booking_limit, methods=["POST"])
def manage(token: str) -> str | Response:
    """The group's private page: status, details, history, and cancelling with a reason."""
    request_ = bookings.find_by_token(token)
    if request_ is None:
        return _replaced(token)
    form = CancelForm()
    if request_.is_open and form.validate_on_submit():
        try:
            outcome = visits.cancel_by_group(request_, form.reason.data or "")
        except DomainError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            commit_and_send(outcome.notices)
            word = "cancelled" if request_.status == "cancelled" else "withdrawn"
            flash(f"Your request {request_.reference} has been {word}. We have emailed you to confirm.", "success")
            return redirect(url_for("bookings.manage", token=token), code=303)
    history = [e for e in request_.events if e.visible_to_group]
    response = current_app.make_response(
        render_template(
            "bookings/manage.html",
            booking=request_,
            form=form,
            history=history,
            words=GROUP_WORDS,
            labels=LABELS,
            status_labels=BookingStatus.LABELS,
            can_correct=bookings.can_correct(request_),
        )
    )
    return _private(response)


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _replaced(token: str) -> Response:
    """An old link says it was replaced (and offers a new one); anything else is a plain 404."""
    if not bookings.was_replaced(token):
        abort(404)
    page = render_template("bookings/link_replaced.html", form=ReplacedLinkForm(), token=token)
    return _private(current_app.make_response(page))


@bp.route("/roadshow/booking/<token>/details", methods=["GET", "POST"])
@public
@limiter.limit(booking_limit, methods=["POST"])
def correct_details(token: str) -> str | Response:
    """The group corrects its contact and venue details until the session is booked; our team is told."""
    request_ = bookings.find_by_token(token)
    if request_ is None or not bookings.can_correct(request_):
        abort(404)
    form = DetailsForm(obj=request_ if request.method == "GET" else None)
    if request.method == "GET":
        form.phone.data = phone_format(request_.phone)
    if form.validate_on_submit():
        try:
            notices = bookings.correct(request_, form.to_details())
        except DomainError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            commit_and_send(notices)
            flash("Thank you: your details are saved and our team has been told.", "success")
        return redirect(url_for("bookings.manage", token=token), code=303)
    page = render_template("bookings/details_form.html", form=form, booking=request_, token=token)
    return _private(current_app.make_response(page))


@bp.route("/roadshow/booking/<token>/new-link", methods=["POST"])
@public
@limiter.limit(booking_limit, methods=["POST"])
def replaced_link(token: str) -> Response:
    """From a replaced link: email a new one to the address on the request (never shown here)."""
    if not bookings.was_replaced(token) or not ReplacedLinkForm().validate_on_submit():
        abort(404)
    bookings.resend_from_replaced(token)
    commit_and_send()
    flash("We have emailed a new link to the address on the request. Any older link no longer works.", "success")
    return redirect(url_for("bookings.resend_link"), code=303)


@bp.route("/roadshow/manage-link", methods=["GET", "POST"])
@public
@limiter.limit(booking_limit, methods=["POST"])
def resend_link() -> str | Response:
    """Lost the link? We email a new one to the address on the request, and say the same either way."""
    form = ResendLinkForm()
    if form.validate_on_submit():
        bookings.resend_link(form.reference.data or "", form.email.data or "")
        commit_and_send()
        flash(
            "If the reference and email address match a request, we have emailed a new link to that address. "
            "Any older link no longer works.",
            "success",
        )
        return redirect(url_for("bookings.resend_link"), code=303)
    return render_template("bookings/resend_link.html", form=form)
