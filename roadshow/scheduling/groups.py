"""Where scheduling meets booking requests: the group's contact and the request's status.

Sessions made directly (no request) have no group contact and no request to move. The request
follows its session through `services.bookings.transition`, the one table of legal moves.
"""

from __future__ import annotations

from datetime import time

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session as SASession

from roadshow.extensions import db
from roadshow.models import AuditEntry, User
from roadshow.models.booking import BookingRequest, BookingStatus
from roadshow.models.scheduling import RoadshowSession, SessionEvent, SessionStatus
from roadshow.services import bookings
from roadshow.services import scheduling_mail as notices
from roadshow.services.scheduling import GROUP as GROUP_LABEL
from roadshow.services.scheduling_mail import GroupContact
from roadshow.timeutil import utcnow

# Suggested times for the part of the day a group asked for.
PART_OF_DAY_TIMES = {
    "morning": (time(10, 0), time(12, 0)),
    "afternoon": (time(14, 0), time(16, 0)),
    "evening": (time(18, 0), time(20, 0)),
}


def request_for(session: RoadshowSession) -> BookingRequest | None:
    return db.session.get(BookingRequest, session.request_id) if session.request_id else None


def contact_of(request: BookingRequest, manage_url: str = "") -> GroupContact | None:
    if not request.email:  # contact details already removed by retention
        return None
    return GroupContact(
        email=request.email, name=request.contact_name, reference=request.reference, manage_url=manage_url
    )


def group_contact(session: RoadshowSession, *, fresh_link: bool = False) -> GroupContact | None:
    """The group's contact for a session that came from a booking request.

    With `fresh_link`, the request gets a new private link to put in the email (only its hash is
    stored, so the old one cannot be resent; it stops working).
    """
    request = request_for(session)
    if request is None:
        return None
    return contact_of(request, bookings.new_manage_link(request) if fresh_link and request.email else "")


def move_request(
    request: BookingRequest, to_status: str, *, actor: User | None = None, by_group: bool = False, **kw: str
) -> None:
    """One legal step of the request's status, told to the group by scheduling's own emails."""
    if request.status == to_status:
        return
    label = bookings.GROUP if by_group else ""
    bookings.transition(request, to_status, actor=actor, actor_label=label, notify_group=False, **kw)


def request_status_follows(session: RoadshowSession, status: str, actor: User | None, note: str = "") -> None:
    """Move the booking request along with its session (delivered, cancelled)."""
    request = request_for(session)
    if request is None:
        return
    if status == BookingStatus.CANCELLED and session.status == SessionStatus.WITHDRAWN:
        move_request(request, BookingStatus.UNDER_REVIEW, actor=actor, note=note)
    elif status == BookingStatus.CANCELLED:
        move_request(request, BookingStatus.CANCELLED, actor=actor, reason=note)
    else:
        move_request(request, status, actor=actor)


# When a request closes from the bookings side (the group cancels from its link, or staff decline
# or cancel the request), its live sessions follow: a pending offer is withdrawn, a booked session
# cancelled with a calendar cancellation to everyone. Hooked on the flush so bookings need not know.
CLOSING = {BookingStatus.CANCELLED, BookingStatus.WITHDRAWN, BookingStatus.DECLINED}


@sa_event.listens_for(SASession, "before_flush")
def _sessions_follow_closed_requests(db_session: SASession, _context: object, _instances: object) -> None:
    for obj in list(db_session.dirty):
        if not isinstance(obj, BookingRequest) or obj.status not in CLOSING:
            continue
        history = sa_inspect(obj).attrs.status.history
        if not history.deleted:
            continue
        for session in db_session.scalars(
            sa.select(RoadshowSession).where(
                RoadshowSession.request_id == obj.id,
                RoadshowSession.status.in_((SessionStatus.OFFERED, SessionStatus.SCHEDULED)),
            )
        ):
            _close(db_session, session, obj)


def _close(db_session: SASession, session: RoadshowSession, request: BookingRequest) -> None:
    reason = request.cancel_reason or request.decline_reason or "The booking request was closed."
    by_group = request.cancelled_by == "the group"
    was_booked = session.status == SessionStatus.SCHEDULED
    session.status = SessionStatus.CANCELLED if was_booked else SessionStatus.WITHDRAWN
    session.cancel_reason = reason[:500]
    session.ics_sequence += 1
    label = GROUP_LABEL if by_group else "Booking request closed"
    db_session.add(
        SessionEvent(
            session=session,
            action="cancelled" if was_booked else "offer_withdrawn",
            actor_label=label,
            note=reason[:500],
            at=utcnow(),
        )
    )
    db_session.add(
        AuditEntry(
            actor_label=label,
            action="session.cancelled" if was_booked else "session.offer_withdrawn",
            object_type="RoadshowSession",
            object_id=str(session.id),
            detail="",
        )
    )
    if was_booked:
        notices.cancelled(session, contact_of(request), reason, by_group=by_group)
