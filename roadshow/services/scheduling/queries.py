"""Reading sessions: by id, by request, the pending offer, the staff list, a date range, the facilitators."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import User
from roadshow.models.scheduling import RoadshowSession, SessionStatus, session_facilitators
from roadshow.models.user import Role
from roadshow.timeutil import utcnow


def get(session_id: int) -> RoadshowSession | None:
    return db.session.get(RoadshowSession, session_id)


def for_request(request_id: int) -> list[RoadshowSession]:
    """Every session made from one booking request, newest first."""
    query = sa.select(RoadshowSession).where(RoadshowSession.request_id == request_id)
    return list(db.session.scalars(query.order_by(RoadshowSession.id.desc())))


def pending_offer(request_id: int) -> RoadshowSession | None:
    query = sa.select(RoadshowSession).where(
        RoadshowSession.request_id == request_id, RoadshowSession.status == SessionStatus.OFFERED
    )
    return db.session.scalar(query.order_by(RoadshowSession.id.desc()).limit(1))


def list_query(
    *, past: bool, district: str = "", facilitator_id: int | None = None, status: str = "", now: datetime | None = None
) -> sa.Select:
    """Sessions for the staff list: upcoming soonest first, past most recent first."""
    now = now or utcnow()
    query = sa.select(RoadshowSession)
    if past:
        query = query.where(RoadshowSession.ends_at < now).order_by(RoadshowSession.starts_at.desc())
    else:
        query = query.where(RoadshowSession.ends_at >= now).order_by(RoadshowSession.starts_at)
    if district:
        query = query.where(RoadshowSession.district == district)
    if status:
        query = query.where(RoadshowSession.status == status)
    if facilitator_id:
        query = query.where(
            RoadshowSession.id.in_(
                sa.select(session_facilitators.c.session_id).where(session_facilitators.c.user_id == facilitator_id)
            )
        )
    return query


def between(start: datetime, end: datetime) -> list[RoadshowSession]:
    """Sessions and pending offers that start in [start, end), for the calendar."""
    query = sa.select(RoadshowSession).where(
        RoadshowSession.starts_at >= start,
        RoadshowSession.starts_at < end,
        RoadshowSession.status.in_(SessionStatus.HOLDS_SLOT),
    )
    return list(db.session.scalars(query.order_by(RoadshowSession.starts_at)))


def facilitator_choices() -> list[User]:
    """Staff who can run a session: active coordinators and admins."""
    query = sa.select(User).where(User.active.is_(True), User.role.in_((Role.COORDINATOR, Role.ADMIN)))
    return list(db.session.scalars(query.order_by(User.name)))
