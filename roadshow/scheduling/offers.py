"""Offers: a coordinator offers a date for a booking request; the group accepts or asks for another.

The group acts from its private manage link (owned by bookings); these routes sit under it.
"""

from __future__ import annotations

from datetime import time

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from roadshow.extensions import db, limiter
from roadshow.formatting import one_line
from roadshow.models.booking import BookingRequest, BookingStatus
from roadshow.models.scheduling import RoadshowSession, SessionStatus
from roadshow.ratelimit import booking_limit
from roadshow.scheduling import bp
from roadshow.scheduling.forms import AnotherDateForm, OfferForm
from roadshow.security import public, staff_required
from roadshow.services import DomainError, bookings
from roadshow.services.scheduling import ical, visits
from roadshow.services.scheduling import queries as session_queries
from roadshow.services.scheduling.sessions import Actor, ConflictError
from roadshow.transaction import commit_and_send

# Suggested times for the part of the day a group asked for.
PART_OF_DAY_TIMES = {
    "morning": (time(10, 0), time(12, 0)),
    "afternoon": (time(14, 0), time(16, 0)),
    "evening": (time(18, 0), time(20, 0)),
}


def _request_or_404(request_id: int) -> BookingRequest:
    booking = db.session.get(BookingRequest, request_id)
    if booking is None:
        abort(404)
    return booking


def _suggested(booking: BookingRequest) -> dict:
    """The offer form starts from the group's first preferred date, part of the day and venue."""
    venue = one_line(booking.venue_address)
    data: dict = {"venue": venue[:300], "postcode": booking.postcode, "district": booking.district}
    data["capacity"] = booking.group_size or None
    if booking.preferred_dates:
        first = booking.preferred_dates[0]
        data["day"] = first.day
        data["starts"], data["ends"] = PART_OF_DAY_TIMES.get(first.part_of_day, PART_OF_DAY_TIMES["evening"])
    return data


@bp.route("/staff/requests/<int:request_id>/offer", methods=["GET", "POST"])
@staff_required
def new_offer(request_id: int) -> str | Response:
    """Offer the group a date, or schedule it straight away when they agreed by phone."""
    booking = _request_or_404(request_id)
    if BookingStatus.OFFERED not in bookings.allowed_next(booking):
        flash(f"{booking.reference} is {booking.status_label.lower()}, so you cannot make an offer now.", "error")
        return redirect(url_for("bookings.request_detail", request_id=booking.id), code=303)
    form = OfferForm(data=_suggested(booking) if request.method == "GET" else None)
    form.set_facilitators(session_queries.facilitator_choices())
    if form.validate_on_submit():
        me = Actor(user=current_user._get_current_object())
        try:
            outcome = visits.offer(
                booking, form.details(booking.organisation), me, agreed_by_phone=form.agreed_by_phone.data
            )
        except DomainError as exc:
            db.session.rollback()
            form.form_errors.extend(exc.clashes if isinstance(exc, ConflictError) else [str(exc)])
        else:
            commit_and_send(outcome.notices)
            if form.agreed_by_phone.data:
                flash("Session scheduled. The group and the facilitators have been sent the invite.", "success")
            else:
                flash("Offer sent. The group can accept it or ask for another date from their private link.", "success")
            return redirect(url_for("scheduling.session_detail", session_id=outcome.session.id), code=303)  # type: ignore[union-attr]
    return render_template("scheduling/offer.html", form=form, booking=booking)


def _booking_or_404(token: str) -> BookingRequest:
    booking = bookings.find_by_token(token)
    if booking is None:
        abort(404)
    return booking


def _pending(booking: BookingRequest) -> RoadshowSession:
    offer = session_queries.pending_offer(booking.id)
    if offer is None:
        abort(404)
    return offer


def _back(token: str) -> Response:
    return redirect(url_for("bookings.manage", token=token), code=303)


@bp.route("/roadshow/booking/<token>/offer/accept", methods=["POST"])
@public
@limiter.limit(booking_limit, methods=["POST"])
def accept_offer(token: str) -> Response:
    """The group accepts the offered date; everyone gets the calendar invite."""
    booking = _booking_or_404(token)
    offer = _pending(booking)
    form = AnotherDateForm()  # only for its CSRF token
    if not form.validate_on_submit():
        abort(400)
    try:
        outcome = visits.accept(booking, offer)
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return _back(token)
    commit_and_send(outcome.notices)
    flash("Thank you: your session is booked. We have emailed you a calendar invite.", "success")
    return _back(token)


@bp.route("/roadshow/booking/<token>/offer/another-date", methods=["GET", "POST"])
@public
@limiter.limit(booking_limit, methods=["POST"])
def another_date(token: str) -> str | Response:
    """The group would like a different date: the offer is withdrawn, the request goes back to us, we are emailed."""
    booking = _booking_or_404(token)
    offer = _pending(booking)
    form = AnotherDateForm()
    if form.validate_on_submit():
        note = (form.note.data or "").strip()
        try:
            outcome = visits.ask_for_another_date(booking, offer, note)
        except DomainError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            commit_and_send(outcome.notices)
            flash("Thank you. We have told our team, and we will email you another date.", "success")
        return _back(token)
    response = current_app.make_response(
        render_template("scheduling/another_date.html", form=form, booking=booking, offer=offer, token=token)
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.route("/roadshow/booking/<token>/session.ics")
@public
def group_invite(token: str) -> Response:
    """The group's booked session as a calendar file, from the private link."""
    booking = _booking_or_404(token)
    booked = [s for s in session_queries.for_request(booking.id) if s.status in (SessionStatus.SCHEDULED,)]
    if not booked:
        abort(404)
    data = ical.invite(booked[0], ical.REQUEST, attendees=[booking.email] if booking.email else [])
    return Response(
        data,
        headers={
            "Content-Type": "text/calendar; charset=utf-8; method=REQUEST",
            "Content-Disposition": 'attachment; filename="roadshow-session.ics"',
            "Cache-Control": "no-store",
            "Referrer-Policy": "no-referrer",
        },
    )
