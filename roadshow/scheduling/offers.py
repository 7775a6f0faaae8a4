"""Offers: a coordinator offers a date for a booking request; the group accepts or asks for another.

The group acts from its private manage link (owned by bookings); these routes sit under it.
"""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from roadshow.extensions import db, limiter
from roadshow.models.booking import BookingRequest, BookingStatus
from roadshow.models.scheduling import RoadshowSession, SessionStatus
from roadshow.ratelimit import booking_limit
from roadshow.scheduling import bp
from roadshow.scheduling.forms import AnotherDateForm, OfferForm
from roadshow.scheduling.groups import PART_OF_DAY_TIMES, contact_of, move_request
from roadshow.security import public, staff_required
from roadshow.services import DomainError, bookings, ical
from roadshow.services import scheduling as service
from roadshow.services import scheduling_mail as notices
from roadshow.services.scheduling import Actor, ConflictError


def _request_or_404(request_id: int) -> BookingRequest:
    booking = db.session.get(BookingRequest, request_id)
    if booking is None:
        abort(404)
    return booking


def _suggested(booking: BookingRequest) -> dict:
    """The offer form starts from the group's first preferred date, part of the day and venue."""
    venue = ", ".join(line.strip() for line in booking.venue_address.splitlines() if line.strip())
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
    if BookingStatus.OFFERED not in bookings.allowed_next(booking) or booking.status == BookingStatus.SCHEDULED:
        flash(f"{booking.reference} is {booking.status_label.lower()}, so you cannot make an offer now.", "error")
        return redirect(url_for("bookings.request_detail", request_id=booking.id), code=303)
    form = OfferForm(data=_suggested(booking) if request.method == "GET" else None)
    form.set_facilitators(service.facilitator_choices())
    if form.validate_on_submit():
        me = current_user._get_current_object()
        try:
            session = service.create(
                form.details(booking.organisation), Actor(user=me), status=SessionStatus.OFFERED, request_id=booking.id
            )
            move_request(booking, BookingStatus.OFFERED, actor=me)
            if form.agreed_by_phone.data:
                service.accept(session, Actor(user=me))
                move_request(booking, BookingStatus.SCHEDULED, actor=me, note="Agreed with the group by phone.")
        except DomainError as exc:
            db.session.rollback()
            form.form_errors.extend(exc.clashes if isinstance(exc, ConflictError) else [str(exc)])
        else:
            if session.status == SessionStatus.SCHEDULED:
                notices.confirmed(session, contact_of(booking))
                message = "Session scheduled. The group and the facilitators have been sent the invite."
            else:
                notices.offer(session, contact_of(booking, bookings.new_manage_link(booking)))
                message = "Offer sent. The group can accept it or ask for another date from their private link."
            db.session.commit()
            flash(message, "success")
            return redirect(url_for("scheduling.session_detail", session_id=session.id), code=303)
    return render_template("scheduling/offer.html", form=form, booking=booking)


def _booking_or_404(token: str) -> BookingRequest:
    booking = bookings.find_by_token(token)
    if booking is None:
        abort(404)
    return booking


def _pending(booking: BookingRequest) -> RoadshowSession:
    offer = service.pending_offer(booking.id)
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
        service.accept(offer, Actor(label=service.GROUP))
        move_request(booking, BookingStatus.SCHEDULED, by_group=True)
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return _back(token)
    notices.confirmed(offer, contact_of(booking))
    db.session.commit()
    flash("Thank you: your session is booked. We have emailed you a calendar invite.", "success")
    return _back(token)


@bp.route("/roadshow/booking/<token>/offer/another-date", methods=["GET", "POST"])
@public
@limiter.limit(booking_limit, methods=["POST"])
def another_date(token: str) -> str | Response:
    """The group would like a different date: the offer is withdrawn and the request goes back to us."""
    booking = _booking_or_404(token)
    offer = _pending(booking)
    form = AnotherDateForm()
    if form.validate_on_submit():
        note = (form.note.data or "").strip()
        try:
            service.withdraw(offer, note, Actor(label=service.GROUP))
            move_request(booking, BookingStatus.UNDER_REVIEW, by_group=True, note=note)
        except DomainError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash("Thank you. We will look for another date and email you.", "success")
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
    booked = [s for s in service.for_request(booking.id) if s.status in (SessionStatus.SCHEDULED,)]
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
