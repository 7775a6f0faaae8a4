"""The booking lifecycle: one function per transition, moving a request and its session together.

Each function checks the request's table (`services.bookings.status`) and the session's table
(`services.scheduling.sessions`) before it changes anything, moves both, records one history entry on each
(with its audit line), and returns the notices to send. The caller queues them in the same
transaction, commits, and sends them after the commit (`commit_and_send` in the views).
The whole lifecycle is one table in docs/ARCHITECTURE.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app

from roadshow.extensions import db
from roadshow.models.booking import BookingRequest, BookingStatus
from roadshow.models.scheduling import RoadshowSession, SessionStatus
from roadshow.services import DomainError, bookings
from roadshow.services.mail import Notice
from roadshow.services.scheduling import mail as emails
from roadshow.services.scheduling import queries as session_queries
from roadshow.services.scheduling import sessions as scheduling
from roadshow.services.scheduling import status as session_status
from roadshow.services.scheduling.mail import GroupContact
from roadshow.services.scheduling.sessions import Actor, SessionDetails
from roadshow.timeutil import utcnow

R, S = BookingStatus, SessionStatus
THE_GROUP = Actor(label=scheduling.GROUP)
SYSTEM = Actor(label="system")


@dataclass(frozen=True)
class Outcome:
    """What a transition did: the session it touched (if any) and the emails it asks for."""

    session: RoadshowSession | None = None
    notices: list[Notice] = field(default_factory=list)


# Reading -----------------------------------------------------------------------------------------


def request_of(session: RoadshowSession) -> BookingRequest | None:
    return db.session.get(BookingRequest, session.request_id) if session.request_id else None


def contact(request: BookingRequest | None) -> GroupContact | None:
    """The group's contact and private link, or None once retention has removed the details."""
    if request is None or not request.email:
        return None
    return GroupContact(request.email, request.contact_name, request.reference, bookings.link_of(request))


def live_session(request: BookingRequest) -> RoadshowSession | None:
    """The request's pending offer or booked session, if it has one."""
    live = [s for s in session_queries.for_request(request.id) if s.status in (S.OFFERED, S.SCHEDULED)]
    return live[0] if live else None


def offer_deadline(starts_at: datetime, now: datetime | None = None) -> datetime:
    """OFFER_REPLY_DAYS from now, but at the latest two days before the session (and never before tomorrow)."""
    now = now or utcnow()
    deadline = min(now + timedelta(days=current_app.config["OFFER_REPLY_DAYS"]), starts_at - timedelta(days=2))
    return max(deadline, min(now + timedelta(days=1), starts_at))


# Checking both tables before anything moves ------------------------------------------------------


def _check(
    request: BookingRequest | None, to_request: str, session: RoadshowSession | None, to_session: str, reason: str = ""
) -> None:
    if request is not None and to_request and request.status != to_request:
        bookings.check(request, to_request, reason.strip())
    if session is not None and to_session:
        session_status.check(session, to_session)


def _move(
    request: BookingRequest | None, to: str, actor: Actor, *, by_group: bool = False, note: str = "", reason: str = ""
) -> None:
    if request is None or request.status == to:
        return
    label = bookings.GROUP if by_group else actor.label
    bookings.transition(request, to, actor=actor.user, actor_label=label, note=note, reason=reason)


def _group_update(request: BookingRequest) -> list[Notice]:
    if not request.email:
        return []
    subject = f"Your roadshow request {request.reference}: {R.LABELS[request.status].lower()}"
    return [bookings.update_notice(request, subject, request.events[-1])]


def _office(request: BookingRequest, subject: str, template: str, **context: object) -> list[Notice]:
    return [bookings.office_notice(request, f"{subject} {request.reference}", template, **context)]


# The transitions ---------------------------------------------------------------------------------


def start_review(request: BookingRequest, actor: Actor) -> Outcome:
    """requested -> under review; the group hears we are looking at it."""
    _check(request, R.UNDER_REVIEW, None, "")
    _move(request, R.UNDER_REVIEW, actor)
    return Outcome(None, _group_update(request))


def schedule(details: SessionDetails, actor: Actor) -> Outcome:
    """A session with no request (agreed outside the site): the facilitators get the invite."""
    session = scheduling.create(details, actor)
    return Outcome(session, emails.confirmed(session, None))


def offer(request: BookingRequest, details: SessionDetails, actor: Actor, *, agreed_by_phone: bool = False) -> Outcome:
    """under review -> offered (or booked at once, when the date was agreed by phone)."""
    to = R.SCHEDULED if agreed_by_phone else R.OFFERED
    _check(request, to, None, "")
    if live_session(request) is not None:
        raise DomainError(f"{request.reference} already has a date offered or booked. Change that one instead.")
    status = S.SCHEDULED if agreed_by_phone else S.OFFERED
    session = scheduling.create(details, actor, status=status, request_id=request.id)
    note = "Agreed with the group by phone." if agreed_by_phone else ""
    _move(request, to, actor, note=note)
    if agreed_by_phone:
        return Outcome(session, emails.confirmed(session, contact(request)))
    session.offer_expires_at = offer_deadline(session.starts_at)
    return Outcome(session, emails.offer(session, contact(request)))


def accept(request: BookingRequest, session: RoadshowSession) -> Outcome:
    """The group accepts the offered date: offered -> scheduled on both; everyone gets the invite."""
    _check(request, R.SCHEDULED, session, S.SCHEDULED)
    if session.offer_expires_at is not None and session.offer_expires_at <= utcnow():
        raise DomainError("Sorry, the time to accept this date has passed. We will be in touch about another date.")
    session_status.accept(session, THE_GROUP)
    _move(request, R.SCHEDULED, THE_GROUP, by_group=True)
    return Outcome(session, emails.confirmed(session, contact(request)))


def ask_for_another_date(request: BookingRequest, session: RoadshowSession, note: str) -> Outcome:
    """The group turns the date down: the offer is withdrawn, the request is back with us, and we are told."""
    _check(request, R.UNDER_REVIEW, session, S.WITHDRAWN)
    session_status.withdraw(session, note, THE_GROUP, action="another_date_asked")
    _move(request, R.UNDER_REVIEW, THE_GROUP, by_group=True, note=note)
    notices = _office(request, "The group asks for another date:", "booking_another_date", session=session, note=note)
    return Outcome(session, _group_update(request) + notices)


def withdraw_offer(session: RoadshowSession, reason: str, actor: Actor, *, lapsed: bool = False) -> Outcome:
    """Staff take an offer back, or its deadline passed: the slot is freed and the request is back under review."""
    request = request_of(session)
    _check(request, R.UNDER_REVIEW, session, S.WITHDRAWN)
    if not reason.strip():
        raise DomainError("Give a reason. The group will see it.")
    session_status.withdraw(session, reason, actor, action="offer_lapsed" if lapsed else "offer_withdrawn")
    _move(request, R.UNDER_REVIEW, actor, note=reason)
    notices = emails.offer_withdrawn(session, contact(request), reason, lapsed=lapsed)
    if lapsed and request is not None:
        notices += _office(request, "An offer lapsed without a reply:", "booking_offer_lapsed", session=session)
    return Outcome(session, notices)


def decline(request: BookingRequest, reason: str, actor: Actor) -> Outcome:
    """Staff decline with a reason the group sees; a pending offer goes with it."""
    session = live_session(request)
    _check(request, R.DECLINED, session, S.WITHDRAWN if session else "", reason)
    if session is not None:
        session_status.withdraw(session, reason, actor, action="declined")
    _move(request, R.DECLINED, actor, reason=reason)
    return Outcome(session, _group_update(request))


def reschedule(session: RoadshowSession, details: SessionDetails, reason: str, actor: Actor) -> Outcome:
    """A new date, time, place or team: an offer is offered again with a new deadline, a booking is updated."""
    session_status.reschedule(session, details, reason, actor)
    session.reminder_sent_at = session.offer_reminded_at = None
    request = request_of(session)
    if session.status == S.OFFERED:
        session.offer_expires_at = offer_deadline(session.starts_at)
        return Outcome(session, emails.offer(session, contact(request)))
    return Outcome(session, emails.changed(session, contact(request), reason.strip()))


def cancel(request: BookingRequest | None, session: RoadshowSession | None, reason: str, actor: Actor) -> Outcome:
    """Staff call off a request or a booked session; a pending offer is withdrawn with it."""
    return _close(request, session, reason, actor, by_group=False)


def cancel_by_group(request: BookingRequest, reason: str) -> Outcome:
    """The group calls it off from its link: a booking is cancelled, anything earlier withdrawn; we are told."""
    return _close(request, live_session(request), reason, THE_GROUP, by_group=True)


def _close(
    request: BookingRequest | None, session: RoadshowSession | None, reason: str, actor: Actor, *, by_group: bool
) -> Outcome:
    reason = reason.strip()
    if not reason:
        raise DomainError("Tell us why you are cancelling." if by_group else "Give a reason for cancelling.")
    booked = session is not None and session.status == S.SCHEDULED
    to_request = R.WITHDRAWN if by_group and request is not None and request.status != R.SCHEDULED else R.CANCELLED
    to_session = "" if session is None else (S.CANCELLED if booked else S.WITHDRAWN)
    _check(request, to_request, session, to_session, reason)
    if session is not None and booked:
        session_status.cancel(session, reason, actor)
    elif session is not None:
        session_status.withdraw(session, reason, actor, action="offer_withdrawn")
    _move(request, to_request, actor, by_group=by_group, reason=reason)
    if booked:
        notices = emails.cancelled(session, contact(request), reason, by_group=by_group)  # type: ignore[arg-type]
    else:
        notices = _group_update(request) if request is not None else []
    if by_group and request is not None:
        word = R.LABELS[request.status].lower()
        notices += _office(request, f"The group has {word} its request", "booking_group_changed", reason=reason)
    return Outcome(session, notices)


def deliver(session: RoadshowSession, attendance: int, actor: Actor) -> Outcome:
    """After the visit: scheduled -> delivered on both, with the attendance."""
    request = request_of(session)
    _check(request, R.DELIVERED, session, S.DELIVERED)
    session_status.mark_delivered(session, attendance, actor)
    _move(request, R.DELIVERED, actor)
    return Outcome(session, [])
