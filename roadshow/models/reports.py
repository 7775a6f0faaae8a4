"""Pre-aggregated feedback counts for reports, so a report reads thousands of rows, not millions.

Counts are kept per month and per district of the session: every fixed period
(quarter, financial year, all time) is a run of whole months. They are derived
data, rebuilt from the responses whenever they no longer match them.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from roadshow.extensions import db

__all__ = ["RollupAnswer", "RollupCount", "RollupPerson", "RollupState"]


class _RollupRow:
    """What every count row shares: its month, district and session, the count, and a check on it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(sa.Date)
    district: Mapped[str] = mapped_column(sa.String(40))
    session_id: Mapped[int] = mapped_column()  # each session's month is rebuilt on its own when it changes
    n: Mapped[int] = mapped_column()
    key_sum: Mapped[int] = mapped_column(default=0)  # the counted responses' record keys, modulo 256

    @declared_attr.directive
    def __table_args__(cls) -> tuple[sa.Index, ...]:
        """Reports read by month and district, so each table is indexed on them."""
        return (sa.Index(f"ix_{cls.__tablename__}_month", "month", "district"),)


class RollupAnswer(_RollupRow, db.Model):
    """How many times an option was chosen; value "*" counts respondents who answered the question."""

    __tablename__ = "report_rollup_answers"

    questionnaire_version: Mapped[int] = mapped_column()
    question_key: Mapped[str] = mapped_column(sa.String(40))
    value: Mapped[str] = mapped_column(sa.String(40))


class RollupPerson(_RollupRow, db.Model):
    """Respondents by one "about you" dimension and their stop-and-search answer ("" if none)."""

    __tablename__ = "report_rollup_people"

    dimension: Mapped[str] = mapped_column(sa.String(16))
    category: Mapped[str] = mapped_column(sa.String(40))  # "" when not answered
    stopped: Mapped[str] = mapped_column(sa.String(40))  # "" when the question was not answered


class RollupState(db.Model):
    """The one row refreshes lock so only one runs at a time; how many responses the rollup holds."""

    __tablename__ = "report_rollup_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    counted: Mapped[int] = mapped_column(default=0)
    # No time of the last refresh: beside the counts it would say which responses came after it.


class RollupCount(db.Model):
    """How many responses of one session and month the rollup counted: a changed count rebuilds that part."""

    __tablename__ = "report_rollup_counts"

    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    session_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    counted: Mapped[int] = mapped_column()
