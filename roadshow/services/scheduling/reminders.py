"""`flask send-reminders`: offer deadlines (a reminder, then the offer lapses) and the reminder before a visit.

Each reminder is sent once (its time is recorded on the session); each item is its own transaction,
so one failure never holds back the rest and a second run sends nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from roadshow.extensions import db
from roadshow.models.scheduling import RoadshowSession, SessionStatus
from roadshow.services import DomainError, mail
from roadshow.services.scheduling import mail as emails
from roadshow.services.scheduling import visits
from roadshow.timeutil import utcnow
from roadshow.transaction import commit_and_send

S = SessionStatus
LAPSE_REASON = "We did not hear back from you before the date we were holding it until."


@dataclass(frozen=True)
class ReminderRun:
    """What one run did, for the command's output."""

    offer_reminders: int = 0
    lapsed: int = 0
    session_reminders: int = 0


def _ids(query: sa.Select) -> list[int]:
    return list(db.session.scalars(query.with_only_columns(RoadshowSession.id).order_by(RoadshowSession.id)))


def _each(ids: list[int], step: Callable[[RoadshowSession], list[mail.Notice]]) -> int:
    """Run `step` on each session in its own transaction, sending its emails after the commit."""
    done = 0
    for session_id in ids:
        session = db.session.get(RoadshowSession, session_id)
        try:
            notices = step(session)  # type: ignore[arg-type]
        except DomainError:
            db.session.rollback()
            continue
        commit_and_send(notices)  # a command's batch: each session is its own change
        done += 1
    return done


def _remind_offer(session: RoadshowSession) -> list[mail.Notice]:
    session.offer_reminded_at = utcnow()
    return emails.offer_reminder(session, visits.contact(visits.request_of(session)))


def _lapse(session: RoadshowSession) -> list[mail.Notice]:
    return visits.withdraw_offer(session, LAPSE_REASON, visits.SYSTEM, lapsed=True).notices


def _remind_session(session: RoadshowSession) -> list[mail.Notice]:
    session.reminder_sent_at = utcnow()
    return emails.session_reminder(session, visits.contact(visits.request_of(session)))


def send_reminders(now: datetime | None = None) -> ReminderRun:
    """Lapse offers past their deadline, remind groups of offers near it and of sessions near their day."""
    now = now or utcnow()
    cfg = current_app.config
    offers = sa.select(RoadshowSession).where(RoadshowSession.status == S.OFFERED)
    lapsed = _each(_ids(offers.where(RoadshowSession.offer_expires_at <= now)), _lapse)
    soon = now + timedelta(days=cfg["OFFER_REMINDER_DAYS"])
    nudge = offers.where(
        RoadshowSession.offer_expires_at > now,
        RoadshowSession.offer_expires_at <= soon,
        RoadshowSession.offer_reminded_at.is_(None),
    )
    reminded = _each(_ids(nudge), _remind_offer)
    upcoming = sa.select(RoadshowSession).where(
        RoadshowSession.status == S.SCHEDULED,
        RoadshowSession.request_id.is_not(None),
        RoadshowSession.starts_at > now,
        RoadshowSession.starts_at <= now + timedelta(days=cfg["SESSION_REMINDER_DAYS"]),
        RoadshowSession.reminder_sent_at.is_(None),
    )
    sessions = _each(_ids(upcoming), _remind_session)
    return ReminderRun(offer_reminders=reminded, lapsed=lapsed, session_reminders=sessions)
