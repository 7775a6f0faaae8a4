"""iCalendar for sessions: invites (REQUEST / CANCEL) and each facilitator's private feed."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from email.utils import parseaddr

import sqlalchemy as sa
from flask import current_app
from icalendar import Calendar, Event, vCalAddress, vText

from roadshow.extensions import db
from roadshow.models import User
from roadshow.models.scheduling import RoadshowSession, SessionStatus, session_facilitators
from roadshow.services import DomainError, audit
from roadshow.timeutil import to_london, utcnow

PRODID = "-//OPCC Cambridgeshire and Peterborough//Roadshow//EN"
REQUEST = "REQUEST"
CANCEL = "CANCEL"
ICS_MIME_REQUEST = "text/calendar; method=REQUEST"
ICS_MIME_CANCEL = "text/calendar; method=CANCEL"

_EVENT_STATUS = {
    SessionStatus.OFFERED: "TENTATIVE",
    SessionStatus.SCHEDULED: "CONFIRMED",
    SessionStatus.DELIVERED: "CONFIRMED",
    SessionStatus.CANCELLED: "CANCELLED",
    SessionStatus.WITHDRAWN: "CANCELLED",
}


def _calendar(name: str = "") -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    if name:
        cal.add("x-wr-calname", name)
    return cal


def _organiser() -> vCalAddress:
    display, address = parseaddr(current_app.config["MAIL_SENDER"])
    organiser = vCalAddress(f"mailto:{address}")
    organiser.params["cn"] = vText(display or "Roadshow")
    return organiser


def _event(session: RoadshowSession, attendees: Iterable[str] = (), cancelled: bool = False) -> Event:
    event = Event()
    event.add("uid", session.ics_uid)
    event.add("sequence", session.ics_sequence)
    event.add("dtstamp", utcnow())
    # Local London times with a TZID: calendars show the right hour on either side of the clock change.
    event.add("dtstart", to_london(session.starts_at))
    event.add("dtend", to_london(session.ends_at))
    event.add("summary", f"Youth Scrutiny Roadshow: {session.title}")
    event.add("location", session.address)
    event.add("description", _description(session))
    event.add("status", "CANCELLED" if cancelled else _EVENT_STATUS.get(session.status, "CONFIRMED"))
    event.add("organizer", _organiser())
    for address in attendees:
        attendee = vCalAddress(f"mailto:{address}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=False)
    return event


def _description(session: RoadshowSession) -> str:
    lines = [
        "A Youth Scrutiny Roadshow session about stop and search and use of force, for young people aged 13 to 18.",
        f"Venue: {session.address}",
    ]
    if session.facilitators:
        lines.append("Facilitators: " + ", ".join(f.name for f in session.facilitators))
    if session.status in (SessionStatus.CANCELLED, SessionStatus.WITHDRAWN) and session.cancel_reason:
        lines.append(f"Cancelled: {session.cancel_reason}")
    return "\n".join(lines)


def _with_timezone(cal: Calendar, first: date, last: date) -> bytes:
    """Add the Europe/London VTIMEZONE covering the dates used, then serialise."""
    cal.add_missing_timezones(first_date=first - timedelta(days=366), last_date=last + timedelta(days=366))
    return cal.to_ical()


def invite(session: RoadshowSession, method: str = REQUEST, attendees: Iterable[str] = ()) -> bytes:
    """One session as an invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL)."""
    cal = _calendar()
    cal.add("method", method)
    cal.add_component(_event(session, attendees, cancelled=method == CANCEL))
    day = to_london(session.starts_at).date()
    return _with_timezone(cal, day, day)


def feed(sessions: Iterable[RoadshowSession], name: str) -> bytes:
    """A subscribable calendar of sessions (no METHOD: it is published, not sent)."""
    cal = _calendar(name)
    sessions = list(sessions)
    for session in sessions:
        cal.add_component(_event(session))
    days = [to_london(s.starts_at).date() for s in sessions] or [to_london(utcnow()).date()]
    return _with_timezone(cal, min(days), max(days))


# Private feeds -----------------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_feed_token(user: User, actor: User) -> str:
    """A new secret feed address for `user`; any earlier one stops working. Shown once."""
    token = secrets.token_urlsafe(32)
    user.ical_token_hash = _hash(token)
    audit.record("calendar_feed.issued", user, actor=actor)
    return token


def revoke_feed_token(user: User, actor: User) -> None:
    """The feed address stops working at once."""
    if user.ical_token_hash is None:
        raise DomainError("There is no calendar feed to turn off.")
    user.ical_token_hash = None
    audit.record("calendar_feed.revoked", user, actor=actor)


def user_for_feed_token(token: str) -> User | None:
    """The active account whose feed this token opens, or None."""
    if not token or len(token) > 100:
        return None
    user = db.session.scalar(sa.select(User).where(User.ical_token_hash == _hash(token)))
    return user if user is not None and user.active else None


def feed_sessions(user: User, now: datetime | None = None) -> list[RoadshowSession]:
    """What a facilitator's calendar shows: their sessions and offers from 90 days ago on."""
    since = (now or utcnow()) - timedelta(days=90)
    query = (
        sa.select(RoadshowSession)
        .join(session_facilitators, session_facilitators.c.session_id == RoadshowSession.id)
        .where(session_facilitators.c.user_id == user.id, RoadshowSession.ends_at >= since)
        .order_by(RoadshowSession.starts_at)
    )
    return list(db.session.scalars(query))
