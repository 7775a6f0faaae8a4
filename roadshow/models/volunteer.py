"""Offers to volunteer: the youth scrutiny team and the Community Scrutiny Panel.

Applications hold personal details, so they are seen by coordinators and admins
only and deleted when they go nowhere (see services.volunteers.purge_stale).
What survives a purge is a count by group and district, nothing more.
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

__all__ = [
    "VolunteerApplication",
    "VolunteerCount",
    "VolunteerGroup",
    "VolunteerNote",
    "VolunteerStatus",
    "VolunteerStatusChange",
]


class VolunteerGroup:
    YOUTH = "youth"
    PANEL = "panel"

    LABELS = {YOUTH: "Youth scrutiny team", PANEL: "Community Scrutiny Panel"}


class VolunteerStatus(enum.StrEnum):
    NEW = "new"
    CONTACTED = "contacted"
    INVITED = "invited"
    JOINED = "joined"
    NOT_PROCEEDING = "not_proceeding"

    LABELS = enum.nonmember(
        {
            NEW: "New",
            CONTACTED: "Contacted",
            INVITED: "Invited to induction",
            JOINED: "Joined",
            NOT_PROCEEDING: "Not proceeding",
        }
    )


class VolunteerApplication(db.Model):
    """One person's expression of interest, with a parent or carer's details when under 16."""

    __tablename__ = "volunteer_applications"
    __table_args__ = (sa.Index("ix_volunteer_applications_status_changed", "status", "status_changed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(sa.String(16), unique=True)
    group: Mapped[str] = mapped_column(sa.String(12), index=True)
    first_name: Mapped[str] = mapped_column(sa.String(60))
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    phone: Mapped[str] = mapped_column(sa.String(20), default="")
    contact_by: Mapped[str] = mapped_column(sa.String(12))  # email | phone | text
    age: Mapped[int] = mapped_column()
    district: Mapped[str] = mapped_column(sa.String(40), index=True)
    access_needs: Mapped[str] = mapped_column(sa.Text, default="")
    why_join: Mapped[str] = mapped_column(sa.Text, default="")
    guardian_name: Mapped[str] = mapped_column(sa.String(120), default="")
    guardian_email: Mapped[str] = mapped_column(sa.String(254), default="")
    guardian_phone: Mapped[str] = mapped_column(sa.String(20), default="")
    guardian_agreed: Mapped[bool] = mapped_column(default=False)
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(sa.String(16), default=VolunteerStatus.NEW)
    not_proceeding_reason: Mapped[str] = mapped_column(sa.String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Retention counts from the last change of status, not from the first contact.
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    notes = relationship(
        "VolunteerNote", cascade="all, delete-orphan", order_by="VolunteerNote.id", back_populates="application"
    )
    history = relationship(
        "VolunteerStatusChange",
        cascade="all, delete-orphan",
        order_by="VolunteerStatusChange.id",
        back_populates="application",
    )

    @property
    def group_label(self) -> str:
        return VolunteerGroup.LABELS.get(self.group, self.group)

    @property
    def status_label(self) -> str:
        return VolunteerStatus.LABELS.get(self.status, self.status)

    @property
    def has_guardian(self) -> bool:
        return bool(self.guardian_name)


class VolunteerNote(db.Model):
    """A coordinator's note on an application."""

    __tablename__ = "volunteer_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = parent_id("volunteer_applications")
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    application = relationship("VolunteerApplication", back_populates="notes")
    author = relationship("User", lazy="joined")


class VolunteerStatusChange(db.Model):
    """One step in an application's history: who moved it, from what, to what, and why."""

    __tablename__ = "volunteer_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = parent_id("volunteer_applications")
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    from_status: Mapped[str] = mapped_column(sa.String(16), default="")
    to_status: Mapped[str] = mapped_column(sa.String(16))
    reason: Mapped[str] = mapped_column(sa.String(40), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    application = relationship("VolunteerApplication", back_populates="history")
    actor = relationship("User", lazy="joined")

    @property
    def from_label(self) -> str:
        return VolunteerStatus.LABELS.get(self.from_status, self.from_status)

    @property
    def to_label(self) -> str:
        return VolunteerStatus.LABELS.get(self.to_status, self.to_status)


class VolunteerCount(db.Model):
    """Anonymous counts of purged applications, kept for reporting after the details are gone."""

    __tablename__ = "volunteer_counts"
    __table_args__ = (sa.UniqueConstraint("quarter", "group", "district", "outcome", name="uq_volunteer_counts_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quarter: Mapped[str] = mapped_column(sa.String(7))  # quarter received, e.g. 2026-Q2
    group: Mapped[str] = mapped_column(sa.String(12))
    district: Mapped[str] = mapped_column(sa.String(40))
    outcome: Mapped[str] = mapped_column(sa.String(16))  # the status it had when purged
    count: Mapped[int] = mapped_column(default=0)
