"""Approved comments for the reports, grouped by session and theme; coordinators tag the themes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import Comment, RoadshowSession, User
from roadshow.models.feedback import CommentStatus
from roadshow.services import DomainError, audit

if TYPE_CHECKING:
    from roadshow.services.reports import ReportFilter

COMMENT_LIMIT = 300


@dataclass(frozen=True)
class CommentGroup:
    session_title: str
    session_start: datetime
    themes: list[tuple[str, list[Comment]]] = field(default_factory=list)


def approved_comments(f: ReportFilter) -> tuple[list[CommentGroup], bool]:
    """Approved comments only, grouped by session then theme; never pending, rejected or escalated ones."""
    where = [Comment.status == CommentStatus.APPROVED]
    if f.period.start is not None:
        where.append(Comment.submitted_on >= f.period.start)
    if f.period.end is not None:
        where.append(Comment.submitted_on < f.period.end)
    if f.session_id is not None:
        where.append(Comment.session_id == f.session_id)
    elif f.district:
        where.append(RoadshowSession.district == f.district)
    query = (
        sa.select(Comment, RoadshowSession.title, RoadshowSession.starts_at)
        .join(RoadshowSession, RoadshowSession.id == Comment.session_id)
        .where(*where)
        .order_by(RoadshowSession.starts_at.desc(), RoadshowSession.id, Comment.theme, Comment.id)
        .limit(COMMENT_LIMIT + 1)
    )
    rows = db.session.execute(query).all()
    groups: dict[int, CommentGroup] = {}
    themes: dict[tuple[int, str], list[Comment]] = {}
    for comment, title, starts_at in rows[:COMMENT_LIMIT]:
        group = groups.setdefault(comment.session_id, CommentGroup(title, starts_at))
        theme = comment.theme or "No theme yet"
        if (comment.session_id, theme) not in themes:
            themes[(comment.session_id, theme)] = []
            group.themes.append((theme, themes[(comment.session_id, theme)]))
        themes[(comment.session_id, theme)].append(comment)
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
