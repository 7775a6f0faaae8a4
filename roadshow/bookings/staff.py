"""Staff pages for booking requests: the queue and one request with its actions."""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, abort, render_template, request, url_for
from flask_login import current_user

from roadshow.bookings import bp
from roadshow.bookings.forms import DeclineForm, NoteForm, QueueFilterForm, ReviewForm, StaffCancelForm
from roadshow.extensions import db
from roadshow.models.booking import BookingRequest, BookingStatus
from roadshow.security import staff_required
from roadshow.services import bookings
from roadshow.services.bookings import LABELS
from roadshow.services.scheduling import visits
from roadshow.services.scheduling.sessions import Actor
from roadshow.transaction import apply

PER_PAGE = 25


@bp.route("/staff/requests")
@staff_required
def queue() -> str:
    """Every request, filtered by status and district, searched by organisation or reference."""
    form = QueueFilterForm(request.args)
    filters = {"status": "", "district": "", "text": "", "sort": "newest"}
    if form.validate():
        filters = {
            "status": form.status.data or "",
            "district": form.district.data or "",
            "text": form.q.data or "",
            "sort": form.sort.data or "newest",
        }
    page = db.paginate(bookings.search(**filters), per_page=PER_PAGE, error_out=False)
    return render_template("bookings/queue.html", form=form, page=page, filtered=any(request.args.values()))


def _request_or_404(request_id: int) -> BookingRequest:
    booking = db.session.get(BookingRequest, request_id)
    if booking is None:
        abort(404)
    return booking


def _detail(booking: BookingRequest, **forms: object) -> str:
    forms.setdefault("decline_form", DeclineForm(prefix="decline"))
    forms.setdefault("cancel_form", StaffCancelForm(prefix="cancel"))
    forms.setdefault("note_form", NoteForm(prefix="note"))
    forms.setdefault("review_form", ReviewForm(prefix="review"))
    return render_template(
        "bookings/request_detail.html",
        booking=booking,
        allowed=bookings.allowed_next(booking),
        S=BookingStatus,
        labels=LABELS,
        **forms,
    )


@bp.route("/staff/requests/<int:request_id>")
@staff_required
def request_detail(request_id: int) -> str:
    """One request: details, full history (internal notes too) and what can be done next."""
    return _detail(_request_or_404(request_id))


def _me() -> Actor:
    return Actor(user=current_user._get_current_object())


def _apply(booking: BookingRequest, action: Callable[[], object], success: str) -> Response:
    """Run one lifecycle call through the one commit rule, back to the request's page."""
    return apply(action, success=success, back=url_for("bookings.request_detail", request_id=booking.id))


@bp.route("/staff/requests/<int:request_id>/review", methods=["POST"])
@staff_required
def start_review(request_id: int) -> Response:
    """Move a new request to "under review" and tell the group."""
    booking = _request_or_404(request_id)
    if not ReviewForm(prefix="review").validate_on_submit():
        abort(400)
    return _apply(
        booking,
        lambda: visits.start_review(booking, _me()),
        f"{booking.reference} is now under review. The group has been emailed.",
    )


@bp.route("/staff/requests/<int:request_id>/decline", methods=["POST"])
@staff_required
def decline(request_id: int) -> str | Response:
    """Decline with a reason the group sees."""
    return _with_reason(request_id, DeclineForm, lambda booking, reason: visits.decline(booking, reason, _me()))


@bp.route("/staff/requests/<int:request_id>/cancel", methods=["POST"])
@staff_required
def staff_cancel(request_id: int) -> str | Response:
    """Call off a request or a booked visit, with a reason the group sees."""
    return _with_reason(
        request_id,
        StaffCancelForm,
        lambda booking, reason: visits.cancel(booking, visits.live_session(booking), reason, _me()),
    )


_REASONED = {DeclineForm: ("decline", "declined"), StaffCancelForm: ("cancel", "cancelled")}


def _with_reason(
    request_id: int, form_class: type[DeclineForm | StaffCancelForm], change: Callable[[BookingRequest, str], object]
) -> str | Response:
    """Decline or cancel with a reason the group sees: the page again when the form does not validate,
    otherwise `change(booking, reason)` through `_apply`."""
    booking = _request_or_404(request_id)
    prefix, done = _REASONED[form_class]
    form = form_class(prefix=prefix)
    if not form.validate_on_submit():
        return _detail(booking, **{f"{prefix}_form": form})
    return _apply(
        booking,
        lambda: change(booking, form.reason.data or ""),
        f"{booking.reference} has been {done}. The group has been emailed the reason.",
    )


@bp.route("/staff/requests/<int:request_id>/note", methods=["POST"])
@staff_required
def add_note(request_id: int) -> str | Response:
    """Add a note: internal by default, or shared with (and emailed to) the group."""
    booking = _request_or_404(request_id)
    form = NoteForm(prefix="note")
    if not form.validate_on_submit():
        return _detail(booking, note_form=form)
    shared = bool(form.visible_to_group.data)
    return _apply(
        booking,
        lambda: bookings.add_event(booking, note=form.note.data or "", visible_to_group=shared, actor=current_user),
        "Note added and emailed to the group." if shared else "Internal note added.",
    )
