"""Emails waiting to be sent (or refused): the durable record each mail-queue job delivers, or `flask retry-mail`."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from roadshow.extensions import db
from roadshow.models.types import UTCDateTime
from roadshow.timeutil import utcnow


class OutboundEmail(db.Model):
    __tablename__ = "outbound_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    subject: Mapped[str] = mapped_column(sa.String(200))
    raw: Mapped[bytes] = mapped_column(sa.LargeBinary)
    status: Mapped[str] = mapped_column(sa.String(12), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(sa.String(300), default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When a sender took it ("sending"): only a claim older than mail.STALE_SENDING is taken back.
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
