"""Young people's feedback. Nothing here can identify a person or a device.

No name, IP address, user agent or time of day is stored: a response keeps the
date only. The one-time submission ids that stop double submits live in a table
of their own with no link to the answers.

Responses, their answers and comments are numbered with random UUIDs, never a counter, and on
SQLite kept WITHOUT ROWID (stored in id order), so neither their ids nor the order rows come back
in can put submissions in order.
"""

from __future__ import annotations

import enum
import secrets
import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from roadshow.extensions import db
from roadshow.models.types import UTCDateTime


class FeedbackResponse(db.Model):
    """One young person's answers to one questionnaire version, for one session."""

    __tablename__ = "feedback_responses"
    __table_args__ = (
        sa.Index("ix_feedback_responses_session_date", "session_id", "submitted_on"),
        # Covers the rollup's count of counted responses per day and session, read on every report.
        sa.Index("ix_feedback_responses_counting", "held", "submitted_on", "session_id"),
        {"sqlite_with_rowid": False},
    )

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("sessions.id", ondelete="CASCADE"))
    questionnaire_version: Mapped[int] = mapped_column()
    submitted_on: Mapped[date] = mapped_column(sa.Date, index=True)
    channel: Mapped[str] = mapped_column(sa.String(8), default="online")  # online | paper
    # "About you": band from the age question; the rest optional, "prefer_not" allowed.
    age_band: Mapped[str] = mapped_column(sa.String(8))  # 13-15 | 16-17 | 18
    gender: Mapped[str | None] = mapped_column(sa.String(24))
    ethnicity: Mapped[str | None] = mapped_column(sa.String(24))
    district: Mapped[str | None] = mapped_column(sa.String(40))
    # Random and never shown: the reports' cell-key perturbation sums these (services/reports/disclosure.py).
    record_key: Mapped[int] = mapped_column(default=lambda: secrets.randbelow(256))
    # Held for a coordinator's review (beyond the class size, or sent faster than anyone reads): not counted.
    held: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    answers = relationship("FeedbackAnswer", cascade="all, delete-orphan", lazy="selectin")


class FeedbackAnswer(db.Model):
    """One chosen option (or scale point) for one question; several rows for multi-choice."""

    __tablename__ = "feedback_answers"
    __table_args__ = (
        sa.Index("ix_feedback_answers_question_value", "question_key", "value"),
        {"sqlite_with_rowid": False},
    )

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    response_id: Mapped[uuid.UUID] = mapped_column(
        sa.Uuid, sa.ForeignKey("feedback_responses.id", ondelete="CASCADE"), index=True
    )
    question_key: Mapped[str] = mapped_column(sa.String(40))
    value: Mapped[str] = mapped_column(sa.String(40))


class CommentStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    ESCALATED = "escalated"


class Comment(db.Model):
    """Free text from a response, kept apart from it and shown only once approved."""

    __tablename__ = "feedback_comments"
    __table_args__ = {"sqlite_with_rowid": False}

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    questionnaire_version: Mapped[int] = mapped_column()
    question_key: Mapped[str] = mapped_column(sa.String(40))
    text: Mapped[str] = mapped_column(sa.Text)
    submitted_on: Mapped[date] = mapped_column(sa.Date, index=True)
    channel: Mapped[str] = mapped_column(sa.String(8), default="online")
    status: Mapped[str] = mapped_column(sa.String(12), default=CommentStatus.PENDING, index=True)
    flagged: Mapped[bool] = mapped_column(default=False)  # mentions possible harm
    theme: Mapped[str | None] = mapped_column(sa.String(60))
    moderated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Escalated comments only: the safeguarding record is kept until this day, then purged.
    keep_until: Mapped[date | None] = mapped_column(sa.Date)

    session = relationship("RoadshowSession")
    actions = relationship(
        "SafeguardingAction",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="SafeguardingAction.id",
        back_populates="comment",
    )


class SubmissionToken(db.Model):
    """A one-time id handed out with a form: a refresh or double click saves one response."""

    __tablename__ = "submission_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    issued_on: Mapped[date] = mapped_column(sa.Date, index=True)
    used: Mapped[bool] = mapped_column(default=False)
