"""Booking requests from groups, what happened to each, and the per-year reference counter."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from roadshow.extensions import db
from roadshow.models.columns import parent_id
from roadshow.models.types import UTCDateTime
from roadshow.timeutil import utcnow

__all__ = [
    "BookingEvent",
    "BookingPreferredDate",
    "BookingRequest",
    "BookingStatus",
    "ReferenceCounter",
    "ReplacedLink",
]


class BookingStatus(enum.StrEnum):
    """Where a request is. The legal moves between these live in services.bookings."""

    REQUESTED = "requested"
    UNDER_REVIEW = "under_review"
    OFFERED = "offered"
    SCHEDULED = "scheduled"
    DELIVERED = "delivered"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    WITHDRAWN = "withdrawn"

    ALL = enum.nonmember((REQUESTED, UNDER_REVIEW, OFFERED, SCHEDULED, DELIVERED, DECLINED, CANCELLED, WITHDRAWN))
    OPEN = enum.nonmember((REQUESTED, UNDER_REVIEW, OFFERED, SCHEDULED))
    CLOSED = enum.nonmember((DELIVERED, DECLINED, CANCELLED, WITHDRAWN))

    # Short labels for staff lists; the group reads the longer wording in services.bookings.
    LABELS = enum.nonmember(
        {
            REQUESTED: "Requested",
            UNDER_REVIEW: "Under review",
            OFFERED: "Date offered",
            SCHEDULED: "Scheduled",
            DELIVERED: "Delivered",
            DECLINED: "Declined",
            CANCELLED: "Cancelled",
            WITHDRAWN: "Withdrawn",
        }
    )


class ReferenceCounter(db.Model):
    """The last reference number handed out in a year; locked while a request is created."""

    __tablename__ = "booking_reference_counters"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(default=0)


class BookingRequest(db.Model):
    """A group's request for a roadshow session, followed by a private link."""

    __tablename__ = "booking_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(sa.String(12), unique=True)
    # SHA-256 of the manage token; the token itself is only ever in the group's email.
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # Random salt the token is derived from under the app's link key (services.bookings.links).
    link_salt: Mapped[str] = mapped_column(sa.String(64), default="", server_default="")
    status: Mapped[str] = mapped_column(sa.String(16), default=BookingStatus.REQUESTED, index=True)

    organisation: Mapped[str] = mapped_column(sa.String(200), index=True)
    group_type: Mapped[str] = mapped_column(sa.String(30))
    contact_name: Mapped[str] = mapped_column(sa.String(120))
    contact_role: Mapped[str] = mapped_column(sa.String(120), default="")
    email: Mapped[str] = mapped_column(sa.String(254))
    phone: Mapped[str] = mapped_column(sa.String(20))
    district: Mapped[str] = mapped_column(sa.String(40), index=True)
    venue_address: Mapped[str] = mapped_column(sa.String(500))
    postcode: Mapped[str] = mapped_column(sa.String(10))
    group_size: Mapped[int] = mapped_column()
    age_min: Mapped[int] = mapped_column()
    age_max: Mapped[int] = mapped_column()
    topics: Mapped[str] = mapped_column(sa.String(20))
    access_needs: Mapped[str] = mapped_column(sa.Text, default="")
    responsible_adult: Mapped[bool] = mapped_column(default=False)
    consent_to_contact: Mapped[bool] = mapped_column(default=False)

    # What the group is told when a request ends early.
    decline_reason: Mapped[str] = mapped_column(sa.String(1000), default="")
    cancel_reason: Mapped[str] = mapped_column(sa.String(1000), default="")
    cancelled_by: Mapped[str] = mapped_column(sa.String(60), default="")

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    contact_purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    preferred_dates: Mapped[list[BookingPreferredDate]] = relationship(
        back_populates="request",
        cascade="all, delete-orphan",
        order_by="BookingPreferredDate.position",
        lazy="selectin",
    )
    events: Mapped[list[BookingEvent]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="BookingEvent.id"
    )
    # Sessions made from this request (offers and the visit itself); owned by scheduling.
    sessions = relationship(
        "RoadshowSession",
        primaryjoin="BookingRequest.id == foreign(RoadshowSession.request_id)",
        viewonly=True,
        order_by="RoadshowSession.starts_at",
    )

    @property
    def status_label(self) -> str:
        return BookingStatus.LABELS.get(self.status, self.status)

    @property
    def is_open(self) -> bool:
        return self.status in BookingStatus.OPEN

    def __repr__(self) -> str:
        return f"<BookingRequest {self.reference} {self.status}>"


class BookingPreferredDate(db.Model):
    """One of up to three dates a group would like, with a part of the day."""

    __tablename__ = "booking_preferred_dates"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = parent_id("booking_requests")
    position: Mapped[int] = mapped_column(default=1)
    day: Mapped[date] = mapped_column(sa.Date)
    part_of_day: Mapped[str] = mapped_column(sa.String(10))

    request: Mapped[BookingRequest] = relationship(back_populates="preferred_dates")


class BookingEvent(db.Model):
    """Something that happened to a request: a status change or a note.

    `reason` is written for the group; `note` is for staff only. A note event is
    shown to the group only when `visible_to_group` is set.
    """

    __tablename__ = "booking_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = parent_id("booking_requests")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(sa.String(12), default="status")  # created, status, note
    from_status: Mapped[str | None] = mapped_column(sa.String(16))
    to_status: Mapped[str | None] = mapped_column(sa.String(16))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    actor_label: Mapped[str] = mapped_column(sa.String(60), default="")
    note: Mapped[str] = mapped_column(sa.Text, default="")
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    visible_to_group: Mapped[bool] = mapped_column(default=True)

    request: Mapped[BookingRequest] = relationship(back_populates="events")
    actor = relationship("User", lazy="joined")

    @property
    def who(self) -> str:
        """A name for staff pages: the staff member, or who acted otherwise."""
        return self.actor.name if self.actor is not None else (self.actor_label or "system")


class ReplacedLink(db.Model):
    """The hash of a manage link the group replaced, so the old link can say so instead of a bare 404."""

    __tablename__ = "booking_replaced_links"

    token_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    request_id: Mapped[int] = parent_id("booking_requests")
    replaced_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
