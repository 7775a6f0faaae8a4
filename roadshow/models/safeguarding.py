"""What the safeguarding lead did about an escalated comment: one row per entry, never edited."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from roadshow.extensions import db
from roadshow.models.types import UTCDateTime
from roadshow.timeutil import utcnow


class SafeguardingAction(db.Model):
    """One entry in an escalated comment's record: the action taken, any referral, the outcome."""

    __tablename__ = "safeguarding_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[uuid.UUID] = mapped_column(
        sa.Uuid, sa.ForeignKey("feedback_comments.id", ondelete="CASCADE"), index=True
    )
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    action_taken: Mapped[str] = mapped_column(sa.Text)
    referred_to: Mapped[str] = mapped_column(sa.String(200), default="")
    outcome: Mapped[str] = mapped_column(sa.Text, default="")
    closes_case: Mapped[bool] = mapped_column(default=False)

    comment = relationship("Comment", back_populates="actions")
    recorded_by = relationship("User", lazy="joined")
