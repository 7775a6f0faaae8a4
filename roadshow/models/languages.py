"""Which translations of the feedback journey a fluent speaker has reviewed (set by an admin)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from roadshow.extensions import db
from roadshow.models.types import UTCDateTime


class LanguageReview(db.Model):
    """One language's translation, checked by someone who speaks it well. No row: not reviewed yet."""

    __tablename__ = "language_reviews"

    code: Mapped[str] = mapped_column(sa.String(8), primary_key=True)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
