"""'You said, we did': the panel's findings for a reporting period and the responses to each.

Every text is kept twice: the draft staff are working on, and the `public_*` copy young people
read. Only publishing a period copies drafts to the public copy, so nothing a panel member writes
or edits reaches the public page until a coordinator publishes it.
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

__all__ = ["Responder", "ResponseStatus", "YouSaidFinding", "YouSaidPeriod", "YouSaidResponse"]


class ResponseStatus(enum.StrEnum):
    """Where a response stands; 'not taken forward' always comes with the reason why."""

    PLANNED = "planned"
    DONE = "done"
    NOT_TAKEN_FORWARD = "not_taken_forward"

    LABELS = enum.nonmember({PLANNED: "Planned", DONE: "Done", NOT_TAKEN_FORWARD: "Not taken forward"})
    # What young people read on the public page.
    PLAIN = enum.nonmember(
        {PLANNED: "We are going to do this", DONE: "Done", NOT_TAKEN_FORWARD: "We are not doing this"}
    )


class Responder(enum.StrEnum):
    """Who answered a finding: the police force or the Commissioner's office."""

    FORCE = "force"
    OFFICE = "office"

    LABELS = enum.nonmember({FORCE: "Cambridgeshire Constabulary", OFFICE: "The Commissioner's office"})
    PLAIN = enum.nonmember({FORCE: "The police", OFFICE: "The Commissioner's office"})


class YouSaidPeriod(db.Model):
    """A fixed reporting period (a quarter or a financial year) with its findings."""

    __tablename__ = "yousaid_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    # A code from services.reports.periods, e.g. "q-2026-2" or "fy-2026".
    period_code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    first_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Headline figures as the disclosure control printed them when last published ("45", "<10").
    sessions_figure: Mapped[str] = mapped_column(sa.String(20), default="")
    responses_figure: Mapped[str] = mapped_column(sa.String(20), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    findings: Mapped[list[YouSaidFinding]] = relationship(
        back_populates="period", cascade="all, delete-orphan", order_by="YouSaidFinding.id", lazy="selectin"
    )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def has_unpublished_changes(self) -> bool:
        return any(f.has_unpublished_changes for f in self.findings)


class YouSaidFinding(db.Model):
    """What young people told the panel, in the panel's words."""

    __tablename__ = "yousaid_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = parent_id("yousaid_periods")
    text: Mapped[str] = mapped_column(sa.Text)
    public_text: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    period: Mapped[YouSaidPeriod] = relationship(back_populates="findings")
    responses: Mapped[list[YouSaidResponse]] = relationship(
        back_populates="finding", cascade="all, delete-orphan", order_by="YouSaidResponse.id", lazy="selectin"
    )

    @property
    def is_published(self) -> bool:
        return self.public_text is not None

    @property
    def has_unpublished_changes(self) -> bool:
        return self.public_text != self.text or any(r.has_unpublished_changes for r in self.responses)

    @property
    def public_responses(self) -> list[YouSaidResponse]:
        return [r for r in self.responses if r.is_published]


class YouSaidResponse(db.Model):
    """What the force or the office did, or will do, about a finding."""

    __tablename__ = "yousaid_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = parent_id("yousaid_findings")
    responder: Mapped[str] = mapped_column(sa.String(10))
    text: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(20))
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    public_responder: Mapped[str | None] = mapped_column(sa.String(10))
    public_text: Mapped[str | None] = mapped_column(sa.Text)
    public_status: Mapped[str | None] = mapped_column(sa.String(20))
    public_reason: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    finding: Mapped[YouSaidFinding] = relationship(back_populates="responses")

    @property
    def is_published(self) -> bool:
        return self.public_text is not None

    @property
    def has_unpublished_changes(self) -> bool:
        draft = (self.responder, self.text, self.status, self.reason)
        return draft != (self.public_responder, self.public_text, self.public_status, self.public_reason)

    @property
    def status_label(self) -> str:
        return ResponseStatus.LABELS.get(self.status, self.status)
