"""Figures for the staff dashboard, and the list of things that need someone to act. Each feature adds its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import Comment, RoadshowSession
from roadshow.models.booking import BookingRequest, BookingStatus
from roadshow.models.feedback import CommentStatus
from roadshow.models.scheduling import SessionStatus
from roadshow.models.volunteer import VolunteerApplication, VolunteerStatus
from roadshow.timeutil import utcnow

PER_KIND = 10


@dataclass(frozen=True)
class ActionItem:
    """One thing waiting for staff: what it is, why, and the page where it is done."""

    what: str
    why: str
    endpoint: str
    args: dict = field(default_factory=dict)
    since: datetime | None = None


@dataclass(frozen=True)
class DashboardSummary:
    pending_comments: int
    upcoming_sessions: list[RoadshowSession] = field(default_factory=list)
    new_requests: int = 0
    needs_action: list[ActionItem] = field(default_factory=list)


def _requests_to_act_on() -> list[ActionItem]:
    """New requests, and requests back under review with no date offered (another date asked, offer lapsed)."""
    live = sa.select(RoadshowSession.request_id).where(
        RoadshowSession.status.in_((SessionStatus.OFFERED, SessionStatus.SCHEDULED)),
        RoadshowSession.request_id.is_not(None),
    )
    rows = db.session.scalars(
        sa.select(BookingRequest)
        .where(
            sa.or_(
                BookingRequest.status == BookingStatus.REQUESTED,
                sa.and_(BookingRequest.status == BookingStatus.UNDER_REVIEW, BookingRequest.id.not_in(live)),
            )
        )
        .order_by(BookingRequest.updated_at)
        .limit(PER_KIND)
    )
    return [
        ActionItem(
            f"{r.reference} {r.organisation}",
            "New request: start the review" if r.status == BookingStatus.REQUESTED else "Under review: offer a date",
            "bookings.request_detail",
            {"request_id": r.id},
            r.updated_at,
        )
        for r in rows
    ]


def _sessions_to_close() -> list[ActionItem]:
    """Sessions that have ended but are not yet marked delivered."""
    rows = db.session.scalars(
        sa.select(RoadshowSession)
        .where(RoadshowSession.status == SessionStatus.SCHEDULED, RoadshowSession.ends_at < utcnow())
        .order_by(RoadshowSession.starts_at)
        .limit(PER_KIND)
    )
    return [
        ActionItem(
            s.title, "Session over: record attendance", "scheduling.session_detail", {"session_id": s.id}, s.ends_at
        )
        for s in rows
    ]


def _new_volunteers() -> list[ActionItem]:
    rows = db.session.scalars(
        sa.select(VolunteerApplication)
        .where(VolunteerApplication.status == VolunteerStatus.NEW)
        .order_by(VolunteerApplication.created_at)
        .limit(PER_KIND)
    )
    return [
        ActionItem(
            f"{v.first_name} ({v.group_label})",
            "New volunteer application: get in touch",
            "volunteers.staff_detail",
            {"application_id": v.id},
            v.created_at,
        )
        for v in rows
    ]


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

    return DashboardSummary(
        pending_comments=pending or 0,
        upcoming_sessions=list(upcoming),
        new_requests=count_new(),
        needs_action=[*_requests_to_act_on(), *_sessions_to_close(), *_new_volunteers()],
    )
