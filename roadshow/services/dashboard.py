"""Figures for the staff dashboard. Each feature adds its own counts here."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import Comment, RoadshowSession
from roadshow.models.feedback import CommentStatus
from roadshow.models.scheduling import SessionStatus
from roadshow.timeutil import utcnow


@dataclass(frozen=True)
class DashboardSummary:
    pending_comments: int
    upcoming_sessions: list[RoadshowSession] = field(default_factory=list)
    new_requests: int = 0


def summary() -> DashboardSummary:
    pending = db.session.scalar(
        sa.select(sa.func.count()).select_from(Comment).where(Comment.status == CommentStatus.PENDING)
    )
    upcoming = db.session.scalars(
        sa.select(RoadshowSession)
        .where(RoadshowSession.starts_at >= utcnow(), RoadshowSession.status == SessionStatus.SCHEDULED)
        .order_by(RoadshowSession.starts_at)
        .limit(10)
    ).all()
    from roadshow.services.bookings import count_new

    return DashboardSummary(pending_comments=pending or 0, upcoming_sessions=list(upcoming), new_requests=count_new())
