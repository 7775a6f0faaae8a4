"""Approved comments for the reports, grouped by session and theme; coordinators tag the themes.

A session with fewer than MIN_BASE respondents is never named beside its comments: they are shown
under its district and quarter, together with any other small sessions there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

import sqlalchemy as sa

from roadshow.constants import DISTRICT_NAMES
from roadshow.extensions import db
from roadshow.models import Comment, FeedbackResponse, RoadshowSession, User
from roadshow.models.feedback import CommentStatus
from roadshow.services import DomainError, audit
from roadshow.services.reports.disclosure import MIN_BASE
from roadshow.services.reports.periods import quarter_of
from roadshow.services.reports.queries import in_period
from roadshow.timeutil import to_london

if TYPE_CHECKING:
    from roadshow.services.reports.queries import ReportFilter

COMMENT_LIMIT = 300


@dataclass(frozen=True)
class CommentGroup:
    """A named session (`session_start` set) or a district and quarter standing for small sessions."""

    heading: str
    session_start: datetime | None
    period_label: str = ""
    themes: list[tuple[str, list[Comment]]] = field(default_factory=list)


def _respondents(session_ids: set[int]) -> dict[int, int]:
    query = (
        sa.select(FeedbackResponse.session_id, sa.func.count())
        .where(FeedbackResponse.session_id.in_(session_ids))
        .group_by(FeedbackResponse.session_id)
    )
    return {session_id: n for session_id, n in db.session.execute(query)}


def _group_for(session_id: int, title: str, district: str, starts_at: datetime, small: bool) -> tuple:
    """The group key and a fresh group: the session itself, or its district and quarter if it is small."""
    if not small:
        return ("session", session_id), CommentGroup(title, starts_at)
    period = quarter_of(to_london(starts_at).date())
    heading = f"Sessions in {DISTRICT_NAMES.get(district, district)} with fewer than {MIN_BASE} young people"
    return ("area", district, period.code), CommentGroup(heading, None, period.label)


def approved_comments(f: ReportFilter) -> tuple[list[CommentGroup], bool]:
    """Approved comments only, grouped by session then theme; never pending, rejected or escalated ones."""
    where = [Comment.status == CommentStatus.APPROVED, *in_period(Comment.submitted_on, f.period)]
    if f.session_id is not None:
        where.append(Comment.session_id == f.session_id)
    elif f.district:
        where.append(RoadshowSession.district == f.district)
    query = (
        sa.select(Comment, RoadshowSession.title, RoadshowSession.district, RoadshowSession.starts_at)
        .join(RoadshowSession, RoadshowSession.id == Comment.session_id)
        .where(*where)
        .order_by(RoadshowSession.starts_at.desc(), RoadshowSession.id, Comment.theme, Comment.id)
        .limit(COMMENT_LIMIT + 1)
    )
    rows = db.session.execute(query).all()
    sizes = _respondents({comment.session_id for comment, *_ in rows[:COMMENT_LIMIT]})
    groups: dict[tuple, CommentGroup] = {}
    themes: dict[tuple, list[Comment]] = {}
    for comment, title, district, starts_at in rows[:COMMENT_LIMIT]:
        small = sizes.get(comment.session_id, 0) < MIN_BASE
        key, fresh = _group_for(comment.session_id, title, district, starts_at, small)
        group = groups.setdefault(key, fresh)
        theme = comment.theme or "No theme yet"
        if (key, theme) not in themes:
            themes[(key, theme)] = []
            group.themes.append((theme, themes[(key, theme)]))
        themes[(key, theme)].append(comment)
    return list(groups.values()), len(rows) > COMMENT_LIMIT


def tag_theme(comment_id: UUID, theme: str, actor: User) -> Comment:
    """A coordinator labels an approved comment with a theme so the panel can read comments by theme."""
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.status != CommentStatus.APPROVED:
        raise DomainError("Only approved comments can be given a theme.")
    comment.theme = theme.strip()[:60] or None
    db.session.flush()
    audit.record("comment.theme", comment, actor=actor, detail=comment.theme or "cleared")
    return comment


def existing_themes() -> list[str]:
    query = sa.select(Comment.theme).where(Comment.theme.is_not(None)).distinct().order_by(Comment.theme)
    return list(db.session.scalars(query))
