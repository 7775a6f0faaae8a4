"""Scheduling rules: sessions, conflicts, feedback codes and windows, the session's life cycle.

Every write goes through here so the same rules guard the staff forms, the group's manage link
and the command line. Functions flush, record history and audit, and raise DomainError.
"""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from flask import current_app

from roadshow.extensions import db
from roadshow.models import User
from roadshow.models.booking import BookingRequest
from roadshow.models.scheduling import RoadshowSession, SessionEvent, SessionStatus
from roadshow.services import DomainError, audit
from roadshow.timeutil import LONDON, format_datetime, format_time, to_london, utcnow

# Easy to read aloud and to type from a poster: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
GROUP = "The group"


class ConflictError(DomainError):
    """The new time clashes with another session; `clashes` names each one."""

    def __init__(self, clashes: Sequence[str]) -> None:
        super().__init__(" ".join(clashes))
        self.clashes = list(clashes)


@dataclass(frozen=True)
class SessionDetails:
    """What a coordinator enters for a session, in London wall-clock time."""

    day: date
    starts: time
    ends: time
    venue: str
    postcode: str
    district: str
    facilitator_ids: tuple[int, ...]
    title: str = ""
    capacity: int | None = None


@dataclass(frozen=True)
class Actor:
    """Who made a change: a signed-in user, or a label such as "The group"."""

    user: User | None = None
    label: str = ""


# Times ----------------------------------------------------------------------------------------


def london_time(day: date, at: time) -> datetime:
    """A London wall-clock time as aware UTC, refusing times the clocks skip in March."""
    local = datetime.combine(day, at, tzinfo=LONDON)
    utc = local.astimezone(UTC)
    if utc.astimezone(LONDON).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise DomainError(f"{format_time(local)} does not exist on {day.day} {day:%B %Y}: the clocks go forward then.")
    return utc


def span(details: SessionDetails) -> tuple[datetime, datetime]:
    starts_at = london_time(details.day, details.starts)
    ends_at = london_time(details.day, details.ends)
    if ends_at <= starts_at:
        raise DomainError("The end time must be after the start time.")
    if ends_at - starts_at > timedelta(hours=8):
        raise DomainError("A session cannot be longer than 8 hours.")
    return starts_at, ends_at


def feedback_window(starts_at: datetime) -> tuple[datetime, datetime]:
    """Opens at the start; closes FEEDBACK_WINDOW_DAYS later at the same London clock time."""
    days = current_app.config["FEEDBACK_WINDOW_DAYS"]
    closes = (to_london(starts_at) + timedelta(days=days)).astimezone(UTC)
    return starts_at, closes


# Feedback codes ------------------------------------------------------------------------------


def new_feedback_code() -> str:
    """A random code not used by any other session."""
    for _ in range(20):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        taken = db.session.scalar(sa.select(RoadshowSession.id).where(RoadshowSession.feedback_code == code))
        if taken is None:
            return code
    raise DomainError("Could not make a unique feedback code; please try again.")


# Conflicts ------------------------------------------------------------------------------------


def _venue_key(venue: str, postcode: str) -> tuple[str, str]:
    words = re.sub(r"[^a-z0-9]+", " ", venue.casefold()).split()
    return " ".join(words), re.sub(r"\s+", "", postcode).upper()


def when_text(session: RoadshowSession) -> str:
    return f"{format_datetime(session.starts_at)} to {format_time(session.ends_at)}"


def check_conflicts(
    starts_at: datetime,
    ends_at: datetime,
    *,
    venue: str,
    postcode: str,
    facilitator_ids: Sequence[int],
    exclude_id: int | None = None,
) -> None:
    """Refuse a facilitator in two sessions closer than the travel buffer, or one venue double-booked."""
    buffer = timedelta(minutes=current_app.config["TRAVEL_BUFFER_MINUTES"])
    others = sa.select(RoadshowSession).where(
        RoadshowSession.status.in_(SessionStatus.HOLDS_SLOT),
        RoadshowSession.starts_at < ends_at + buffer,
        RoadshowSession.ends_at > starts_at - buffer,
    )
    if exclude_id is not None:
        others = others.where(RoadshowSession.id != exclude_id)
    clashes: list[str] = []
    minutes = current_app.config["TRAVEL_BUFFER_MINUTES"]
    wanted = set(facilitator_ids)
    key = _venue_key(venue, postcode)
    for other in db.session.scalars(others.order_by(RoadshowSession.starts_at)):
        held = "an offer for " if other.status == SessionStatus.OFFERED else ""
        for person in other.facilitators:
            if person.id in wanted:
                clashes.append(
                    f"{person.name} is already facilitating {held}“{other.title}” on {when_text(other)}; "
                    f"sessions need at least {minutes} minutes between them for travel."
                )
        same_time = other.starts_at < ends_at and other.ends_at > starts_at
        if same_time and _venue_key(other.venue, other.postcode) == key:
            clashes.append(f"The venue is already booked for {held}“{other.title}” on {when_text(other)}.")
    if clashes:
        raise ConflictError(clashes)


# Creating and changing sessions --------------------------------------------------------------


def facilitators_by_id(ids: Sequence[int]) -> list[User]:
    if not ids:
        raise DomainError("Choose at least one facilitator.")
    people = list(db.session.scalars(sa.select(User).where(User.id.in_(ids), User.active.is_(True))))
    if len(people) != len(set(ids)):
        raise DomainError("One of the facilitators chosen is not an active staff account.")
    return people


def record(session: RoadshowSession, action: str, actor: Actor, note: str = "") -> SessionEvent:
    """Add a line to the session's history and the audit log (which never holds the note)."""
    event = SessionEvent(
        session=session, action=action, actor=actor.user, actor_label=actor.label, note=note[:500], at=utcnow()
    )
    db.session.add(event)
    db.session.flush()
    audit.record(f"session.{action}", session, actor=actor.user, actor_label=actor.label)
    return event


def create(
    details: SessionDetails, actor: Actor, *, status: str = SessionStatus.SCHEDULED, request_id: int | None = None
) -> RoadshowSession:
    """A new session (or a pending offer), after every conflict rule has passed."""
    starts_at, ends_at = span(details)
    people = facilitators_by_id(details.facilitator_ids)
    check_conflicts(
        starts_at, ends_at, venue=details.venue, postcode=details.postcode, facilitator_ids=details.facilitator_ids
    )
    opens, closes = feedback_window(starts_at)
    session = RoadshowSession(
        request_id=request_id,
        status=status,
        title=details.title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        venue=details.venue.strip(),
        postcode=details.postcode.strip().upper(),
        district=details.district,
        capacity=details.capacity,
        expected_young_people=_group_size(request_id) or details.capacity,
        feedback_code=new_feedback_code(),
        feedback_opens_at=opens,
        feedback_closes_at=closes,
        ics_uid=f"{uuid.uuid4()}@roadshow",
        ics_sequence=0,
    )
    session.facilitators = people
    db.session.add(session)
    db.session.flush()
    record(session, "offered" if status == SessionStatus.OFFERED else "scheduled", actor)
    return session


def _group_size(request_id: int | None) -> int | None:
    """The booking's group size: how many young people a session from it expects to hear from."""
    if request_id is None:
        return None
    return db.session.scalar(sa.select(BookingRequest.group_size).where(BookingRequest.id == request_id))
