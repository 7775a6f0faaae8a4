"""Feedback retention: free text after FEEDBACK_TEXT_RETENTION_MONTHS, spent submission ids after 90 days."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from roadshow.extensions import db
from roadshow.models import (
    Comment,
    SubmissionToken,
)
from roadshow.models.feedback import CommentStatus
from roadshow.timeutil import months_before, today_london

TOKEN_RETENTION_DAYS = 90


def purge_old_comments() -> int:
    """Free text is kept for FEEDBACK_TEXT_RETENTION_MONTHS; escalated ones follow safeguarding.purge_expired."""
    cutoff = months_before(today_london(), current_app.config["FEEDBACK_TEXT_RETENTION_MONTHS"])
    result = db.session.execute(
        sa.delete(Comment).where(Comment.submitted_on < cutoff, Comment.status != CommentStatus.ESCALATED)
    )
    return result.rowcount or 0  # type: ignore[attr-defined]


def purge_old_tokens() -> int:
    """Submission ids only stop double posts; once a session's window is long shut they have no use."""
    cutoff = today_london() - timedelta(days=TOKEN_RETENTION_DAYS)
    result = db.session.execute(sa.delete(SubmissionToken).where(SubmissionToken.issued_on < cutoff))
    return result.rowcount or 0  # type: ignore[attr-defined]
