"""Pre-aggregated feedback counts for reports, so a report reads thousands of rows, not millions.

Counts are kept per month and per district of the session: every fixed period
(quarter, financial year, all time) is a run of whole months. They are derived
data, rebuilt from the responses whenever they no longer match them.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from roadshow.extensions import db
from roadshow.models.types import UTCDateTime

__all__ = ["RollupAnswer", "RollupPerson", "RollupState"]


class RollupAnswer(db.Model):
    """How many times an option was chosen; value "*" counts respondents who answered the question."""

    __tablename__ = "report_rollup_answers"
    __table_args__ = (sa.Index("ix_report_rollup_answers_month", "month", "district"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(sa.Date)
    district: Mapped[str] = mapped_column(sa.String(40))
    questionnaire_version: Mapped[int] = mapped_column()
    question_key: Mapped[str] = mapped_column(sa.String(40))
    value: Mapped[str] = mapped_column(sa.String(40))
    n: Mapped[int] = mapped_column()
    key_sum: Mapped[int] = mapped_column(default=0)  # the counted responses' record keys, modulo 256


class RollupPerson(db.Model):
    """Respondents by one "about you" dimension and their stop-and-search answer ("" if none)."""

    __tablename__ = "report_rollup_people"
    __table_args__ = (sa.Index("ix_report_rollup_people_month", "month", "district"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(sa.Date)
    district: Mapped[str] = mapped_column(sa.String(40))
    dimension: Mapped[str] = mapped_column(sa.String(16))
    category: Mapped[str] = mapped_column(sa.String(40))  # "" when not answered
    stopped: Mapped[str] = mapped_column(sa.String(40))  # "" when the question was not answered
    n: Mapped[int] = mapped_column()
    key_sum: Mapped[int] = mapped_column(default=0)  # the counted responses' record keys, modulo 256


class RollupState(db.Model):
    """How far the rollup has read: responses with id up to `last_response_id`, `counted` of them."""

    __tablename__ = "report_rollup_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_response_id: Mapped[int] = mapped_column(default=0)
    counted: Mapped[int] = mapped_column(default=0)
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # when deletions were last looked for
