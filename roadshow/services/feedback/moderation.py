"""Moderating young people's comments before anyone outside the office reads them.

Every comment arrives pending. Coordinators approve it (with a theme for the reports, and
with names or places taken out first if needed), reject it, or escalate it to the
safeguarding leads. Each decision is audited by id only: the comment's words, and what a
redaction removed, never go into the audit log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import Comment, RoadshowSession, User
from roadshow.models.feedback import CommentStatus
from roadshow.services import DomainError, audit, mail
from roadshow.services.feedback import safeguarding
from roadshow.timeutil import utcnow

# Words that suggest someone may be at risk. A match only moves the comment to the top of
# the moderation queue for a person to read first; it never decides anything by itself.
HARM_WORDS = (
    "abuse",
    "abused",
    "assault",
    "attacked",
    "beat me",
    "beaten",
    "bleeding",
    "cut myself",
    "groomed",
    "grooming",
    "hit me",
    "hurt",
    "hurting",
    "kill",
    "knife",
    "rape",
    "raped",
    "scared",
    "self harm",
    "self-harm",
    "stab",
    "stabbed",
    "suicide",
    "threatened",
    "touched me",
    "unsafe",
    "want to die",
    "weapon",
)
_HARM = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in HARM_WORDS) + r")\b", re.IGNORECASE)


def mentions_harm(text: str) -> bool:
    """Whether a comment should go to the top of the queue for a person to read first."""
    return bool(_HARM.search(text or ""))


# The legal moves. Escalated comments stay with the safeguarding leads: never back to the panel's view.
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
REDACTED_MAX = 2000  # a redaction may add "[name]" markers, so a little over the form's own cap


@dataclass(frozen=True)
class Decision:
    """What a moderation decision did: the comment, whether its text was edited, who was emailed."""

    comment: Comment
    redacted: bool = False
    notices: tuple[mail.Notice, ...] = ()  # the safeguarding leads' emails, sent after the commit


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


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").strip()


def _redact(comment: Comment, edited: str | None, actor: User) -> bool:
    """Keep only the moderator's edited text; the audit says that it changed, never what was removed."""
    if edited is None or _normalise(edited) == _normalise(comment.text):
        return False
    text = _normalise(edited)
    if not text:
        raise DomainError("A comment cannot be approved empty. Reject it instead.")
    if len(text) > REDACTED_MAX:
        raise DomainError(f"Keep the comment under {REDACTED_MAX} characters.")
    comment.text = text
    audit.record("comment.redact", comment, actor=actor, detail="text edited before approval")
    return True


def moderate(comment: Comment, action: str, actor: User, theme: str = "", text: str | None = None) -> Decision:
    """Apply one moderation decision, if it is a legal move from the comment's state.

    `text` is the comment as the moderator edited it; it is kept only when the comment is approved.
    """
    target = ACTIONS.get(action)
    if target is None or target not in TRANSITIONS[comment.status]:
        raise DomainError("That comment cannot be changed in that way.")
    if theme and theme not in THEMES:
        raise DomainError("Choose a theme from the list.")
    redacted = _redact(comment, text, actor) if target == CommentStatus.APPROVED else False
    comment.status = target
    if target == CommentStatus.APPROVED:
        comment.theme = theme or comment.theme or "Other"
    comment.moderated_by_id = actor.id
    comment.moderated_at = utcnow()
    db.session.flush()
    audit.record(f"comment.{action}", comment, actor=actor, detail=f"session {comment.session_id}")
    notices = safeguarding.escalate(comment, actor) if target == CommentStatus.ESCALATED else []
    return Decision(comment, redacted=redacted, notices=tuple(notices))
