"""Moderating young people's comments before anyone outside the office reads them.

Every comment arrives pending. Coordinators approve it (with a theme for the reports),
reject it, or escalate it to the safeguarding lead. Each decision is audited by id only:
the comment's words never go into the audit log.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import Comment, RoadshowSession, User
from roadshow.models.feedback import CommentStatus
from roadshow.services import DomainError, audit
from roadshow.timeutil import utcnow

# The legal moves. Escalated comments stay with the safeguarding lead.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    CommentStatus.PENDING: (CommentStatus.APPROVED, CommentStatus.REJECTED, CommentStatus.ESCALATED),
    CommentStatus.APPROVED: (CommentStatus.REJECTED, CommentStatus.ESCALATED),
    CommentStatus.REJECTED: (CommentStatus.APPROVED, CommentStatus.ESCALATED),
    CommentStatus.ESCALATED: (),
}
ACTIONS = {"approve": CommentStatus.APPROVED, "reject": CommentStatus.REJECTED, "escalate": CommentStatus.ESCALATED}
STATUSES = (CommentStatus.PENDING, CommentStatus.APPROVED, CommentStatus.REJECTED, CommentStatus.ESCALATED)

# Themes group approved comments in the panel's reports; stored as these words.
THEMES = (
    "Stop and search",
    "Respect and how officers speak to young people",
    "Use of force",
    "Body-worn video",
    "Trust and confidence",
    "Police presence and contact",
    "Other",
)


def queue(status: str) -> sa.Select[Any]:
    """Comments in one state: those that may mention harm first, then oldest first."""
    return (
        sa.select(Comment)
        .join(RoadshowSession, Comment.session_id == RoadshowSession.id)
        .where(Comment.status == status)
        .order_by(Comment.flagged.desc(), Comment.submitted_on, Comment.id)
    )


def counts() -> dict[str, int]:
    rows = db.session.execute(sa.select(Comment.status, sa.func.count()).group_by(Comment.status)).all()
    found = {status: count for status, count in rows}
    return {status: found.get(status, 0) for status in STATUSES}


def moderate(comment: Comment, action: str, actor: User, theme: str = "") -> Comment:
    """Apply one moderation decision, if it is a legal move from the comment's state."""
    target = ACTIONS.get(action)
    if target is None or target not in TRANSITIONS[comment.status]:
        raise DomainError("That comment cannot be changed in that way.")
    if theme and theme not in THEMES:
        raise DomainError("Choose a theme from the list.")
    comment.status = target
    if target == CommentStatus.APPROVED:
        comment.theme = theme or comment.theme or "Other"
    comment.moderated_by_id = actor.id
    comment.moderated_at = utcnow()
    db.session.flush()
    audit.record(f"comment.{action}", comment, actor=actor, detail=f"session {comment.session_id}")
    return comment
