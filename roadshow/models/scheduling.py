"""Roadshow sessions: an offered or scheduled visit to a group, who facilitates it, and its history."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from roadshow.extensions import db
from roadshow.models.columns import parent_id
from roadshow.models.types import UTCDateTime
from roadshow.timeutil import utcnow

session_facilitators = sa.Table(
    "session_facilitators",
    db.metadata,
    sa.Column("session_id", sa.ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class SessionStatus(enum.StrEnum):
    """A pending offer holds its slot until the group accepts or it is withdrawn."""

    OFFERED = "offered"
    SCHEDULED = "scheduled"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    WITHDRAWN = "withdrawn"

    HOLDS_SLOT = enum.nonmember((OFFERED, SCHEDULED, DELIVERED))
    LABELS = enum.nonmember(
        {
            OFFERED: "Offered, waiting for the group",
            SCHEDULED: "Scheduled",
            DELIVERED: "Delivered",
            CANCELLED: "Cancelled",
            WITHDRAWN: "Offer withdrawn",
        }
    )


class RoadshowSession(db.Model):
    """One roadshow visit. Named so it never clashes with the database session."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The booking request it came from.
    request_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("booking_requests.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(sa.String(12), default=SessionStatus.SCHEDULED, index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    venue: Mapped[str] = mapped_column(sa.String(300))
    postcode: Mapped[str] = mapped_column(sa.String(10), default="")
    district: Mapped[str] = mapped_column(sa.String(40), index=True)
    capacity: Mapped[int | None] = mapped_column()
    attendance: Mapped[int | None] = mapped_column()
    # How many young people feedback is expected from (the booking's group size, editable by staff):
    # responses beyond it and a margin are held for review.
    expected_young_people: Mapped[int | None] = mapped_column()
    # Short code read aloud to young people; the feedback window is stored, not derived,
    # so closing early or reopening is one update.
    feedback_code: Mapped[str] = mapped_column(sa.String(8), unique=True)
    feedback_opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    feedback_closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The languages besides English this session's poster names, as codes ("pl ur"); see roadshow.i18n.
    feedback_languages: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    ics_uid: Mapped[str] = mapped_column(sa.String(80), unique=True)
    ics_sequence: Mapped[int] = mapped_column(default=0)
    cancel_reason: Mapped[str] = mapped_column(sa.String(500), default="")
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # An offer lapses at its deadline; each reminder is sent once (`flask send-reminders`).
    offer_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    offer_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    facilitators = relationship("User", secondary=session_facilitators, lazy="selectin", order_by="User.name")
    events = relationship(
        "SessionEvent",
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="SessionEvent.id",
        lazy="selectin",
    )

    def feedback_open(self, now: datetime) -> bool:
        """Young people may answer from the start until the window closes."""
        return (
            self.status in (SessionStatus.SCHEDULED, SessionStatus.DELIVERED)
            and self.feedback_opens_at <= now < self.feedback_closes_at
        )

    @property
    def status_label(self) -> str:
        return SessionStatus.LABELS.get(self.status, self.status)

    @property
    def address(self) -> str:
        """The venue typed out in one line, with its postcode."""
        return ", ".join(part for part in (self.venue.strip(), self.postcode.strip()) if part)

    def __repr__(self) -> str:
        return f"<RoadshowSession {self.id} {self.status}>"


EVENT_LABELS = {
    "offered": "Date offered to the group",
    "scheduled": "Scheduled",
    "accepted": "Accepted",
    "rescheduled": "Changed",
    "cancelled": "Cancelled",
    "another_date_asked": "Another date asked for",
    "offer_withdrawn": "Offer withdrawn",
    "offer_lapsed": "Offer lapsed at its deadline",
    "declined": "Request declined, offer withdrawn",
    "delivered": "Delivered",
    "feedback_closed": "Feedback closed early",
    "feedback_reopened": "Feedback reopened",
}


class SessionEvent(db.Model):
    """One change to a session: offered, accepted, rescheduled, cancelled, delivered, feedback window."""

    __tablename__ = "session_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = parent_id("sessions")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # Who acted when it was not a signed-in user, e.g. "the group".
    actor_label: Mapped[str] = mapped_column(sa.String(60), default="")
    action: Mapped[str] = mapped_column(sa.String(40))
    note: Mapped[str] = mapped_column(sa.String(500), default="")

    session = relationship("RoadshowSession", back_populates="events")
    actor = relationship("User", lazy="joined")

    @property
    def label(self) -> str:
        return EVENT_LABELS.get(self.action, self.action)

    @property
    def who(self) -> str:
        if self.actor is not None:
            return self.actor.name
        return self.actor_label or "System"
