"""Newsletter subscribers (double opt-in) and the per-recipient state of each edition's send.

An unsubscribed person's address is erased; only a keyed hash stays, so the
counts remain right and a later re-subscription finds the same row.
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from roadshow.extensions import db
from roadshow.models.columns import parent_id
from roadshow.models.types import UTCDateTime
from roadshow.timeutil import utcnow

__all__ = ["EditionSend", "SendRecipient", "SendState", "Subscriber", "SubscriberStatus"]


class SubscriberStatus(enum.StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    UNSUBSCRIBED = "unsubscribed"


class Subscriber(db.Model):
    __tablename__ = "news_subscribers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    email: Mapped[str | None] = mapped_column(sa.String(254))
    first_name: Mapped[str] = mapped_column(sa.String(60), default="")
    status: Mapped[str] = mapped_column(sa.String(14), default=SubscriberStatus.PENDING, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    unsubscribed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SendState(enum.StrEnum):
    QUEUED = "queued"
    # Handed to SMTP but not yet recorded as sent: after a crash it may or may not have gone,
    # so it is never sent again (each person gets an edition at most once).
    SENDING = "sending"
    SENT = "sent"
    SKIPPED = "skipped"  # unsubscribed after the send started
    FAILED = "failed"  # the mail server refused this address


class EditionSend(db.Model):
    """Sending one edition to the confirmed subscribers of the moment it started."""

    __tablename__ = "news_edition_sends"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(sa.ForeignKey("news_editions.id", ondelete="CASCADE"), unique=True)
    status: Mapped[str] = mapped_column(sa.String(12), default="sending")
    total: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    edition = relationship("Edition")


class SendRecipient(db.Model):
    __tablename__ = "news_send_recipients"
    __table_args__ = (sa.UniqueConstraint("send_id", "subscriber_id", name="uq_news_send_recipients_send_subscriber"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    send_id: Mapped[int] = parent_id("news_edition_sends")
    subscriber_id: Mapped[int | None] = mapped_column(sa.ForeignKey("news_subscribers.id", ondelete="SET NULL"))
    state: Mapped[str] = mapped_column(sa.String(10), default=SendState.QUEUED, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
