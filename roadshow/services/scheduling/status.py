"""The session's table of legal moves and the functions that move it: reschedule, cancel, accept, withdraw, deliver."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app

from roadshow.models.scheduling import RoadshowSession, SessionStatus
from roadshow.services import DomainError
from roadshow.services.scheduling.sessions import (
    Actor,
    SessionDetails,
    check_conflicts,
    facilitators_by_id,
    feedback_window,
    record,
    span,
    when_text,
)
from roadshow.timeutil import to_london, utcnow

# The session's table of legal moves. Rescheduling keeps the status, and only these two may be moved.
S = SessionStatus
RESCHEDULABLE = (S.OFFERED, S.SCHEDULED)
TRANSITIONS: dict[str, frozenset[str]] = {
    S.OFFERED: frozenset({S.SCHEDULED, S.WITHDRAWN}),
    S.SCHEDULED: frozenset({S.DELIVERED, S.CANCELLED}),
    S.DELIVERED: frozenset(),
    S.CANCELLED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
DOING = {S.SCHEDULED: "accept", S.DELIVERED: "mark as delivered", S.CANCELLED: "cancel"}


def check(session: RoadshowSession, to_status: str, doing: str = "") -> None:
    """Raise DomainError unless the table lets the session move to `to_status`."""
    if to_status not in TRANSITIONS.get(session.status, frozenset()):
        doing = doing or DOING.get(to_status, "withdraw")
        raise DomainError(f"This session is {session.status_label.lower()}, so you cannot {doing} it.")


def _require(session: RoadshowSession, *statuses: str, doing: str) -> None:
    if session.status not in statuses:
        raise DomainError(f"This session is {session.status_label.lower()}, so you cannot {doing} it.")


def reschedule(session: RoadshowSession, details: SessionDetails, reason: str, actor: Actor) -> RoadshowSession:
    """Move a session or offer: new time, venue or facilitators; the invite's SEQUENCE goes up."""
    _require(session, *RESCHEDULABLE, doing="reschedule")
    if not reason.strip():
        raise DomainError("Give a reason for the change.")
    starts_at, ends_at = span(details)
    people = facilitators_by_id(details.facilitator_ids)
    check_conflicts(
        starts_at,
        ends_at,
        venue=details.venue,
        postcode=details.postcode,
        facilitator_ids=details.facilitator_ids,
        exclude_id=session.id,
    )
    before = when_text(session)
    session.starts_at, session.ends_at = starts_at, ends_at
    session.venue, session.postcode = details.venue.strip(), details.postcode.strip().upper()
    session.district = details.district
    session.capacity = details.capacity
    session.facilitators = people
    session.feedback_opens_at, session.feedback_closes_at = feedback_window(starts_at)
    session.ics_sequence += 1
    record(session, "rescheduled", actor, f"From {before} to {when_text(session)}. {reason.strip()}")
    return session


def cancel(session: RoadshowSession, reason: str, actor: Actor) -> RoadshowSession:
    """Cancel a scheduled session, with a reason everyone concerned will see (an offer is withdrawn)."""
    check(session, SessionStatus.CANCELLED, doing="cancel")
    if not reason.strip():
        raise DomainError("Give a reason for cancelling.")
    session.status = SessionStatus.CANCELLED
    session.cancel_reason = reason.strip()[:500]
    session.ics_sequence += 1
    record(session, "cancelled", actor, reason.strip())
    return session


def accept(session: RoadshowSession, actor: Actor) -> RoadshowSession:
    """The group accepts the offered date: the slot becomes a scheduled session."""
    check(session, SessionStatus.SCHEDULED, doing="accept")
    session.status = SessionStatus.SCHEDULED
    session.ics_sequence += 1
    record(session, "accepted", actor)
    return session


def withdraw(session: RoadshowSession, note: str, actor: Actor, action: str = "another_date_asked") -> RoadshowSession:
    """An offer that will not go ahead (the group asked for another date, or we took it back): its slot is freed."""
    check(session, SessionStatus.WITHDRAWN, doing="withdraw")
    session.status = SessionStatus.WITHDRAWN
    session.cancel_reason = note.strip()[:500]
    session.ics_sequence += 1
    record(session, action, actor, note.strip())
    return session


def mark_delivered(session: RoadshowSession, attendance: int, actor: Actor, now: datetime | None = None) -> None:
    """Record that the session happened and how many young people came."""
    now = now or utcnow()
    check(session, SessionStatus.DELIVERED, doing="mark as delivered")
    if session.starts_at > now:
        raise DomainError("A session can be marked delivered only once it has started.")
    if not 0 <= attendance <= 1000:
        raise DomainError("Enter the number of young people who came, between 0 and 1000.")
    session.status = SessionStatus.DELIVERED
    session.attendance = attendance
    session.delivered_at = now
    record(session, "delivered", actor, f"{attendance} young people came.")


def close_feedback(session: RoadshowSession, actor: Actor, now: datetime | None = None) -> None:
    """Stop taking feedback now, before the window would have closed."""
    now = now or utcnow()
    if session.feedback_closes_at <= now:
        raise DomainError("Feedback for this session is already closed.")
    session.feedback_closes_at = now
    record(session, "feedback_closed", actor)


def reopen_feedback(session: RoadshowSession, actor: Actor, now: datetime | None = None) -> None:
    """Take feedback again for another full window from now."""
    now = now or utcnow()
    _require(session, SessionStatus.SCHEDULED, SessionStatus.DELIVERED, doing="reopen feedback for")
    if session.starts_at > now:
        raise DomainError("Feedback opens by itself when the session starts.")
    if session.feedback_open(now):
        raise DomainError("Feedback for this session is already open.")
    session.feedback_closes_at = (
        to_london(now) + timedelta(days=current_app.config["FEEDBACK_WINDOW_DAYS"])
    ).astimezone(UTC)
    record(session, "feedback_reopened", actor)
