"""Volunteer retention: stale applications deleted after the retention period, kept only as anonymous counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from roadshow.extensions import db
from roadshow.models.volunteer import (
    VolunteerApplication,
    VolunteerCount,
    VolunteerStatus,
)
from roadshow.services import audit
from roadshow.timeutil import months_before, to_london, utcnow

# Applications in these statuses are deleted once untouched for the retention period.
PURGEABLE = (VolunteerStatus.NEW, VolunteerStatus.CONTACTED, VolunteerStatus.NOT_PROCEEDING)


def quarter_of(moment: datetime) -> str:
    local = to_london(moment)
    return f"{local.year}-Q{(local.month - 1) // 3 + 1}"


def purge_stale() -> int:
    """Delete applications that went nowhere, keeping only counts by quarter, group and district."""
    cutoff = months_before(utcnow(), int(current_app.config["VOLUNTEER_RETENTION_MONTHS"]))
    stale = db.session.scalars(
        sa.select(VolunteerApplication).where(
            VolunteerApplication.status.in_(PURGEABLE), VolunteerApplication.status_changed_at < cutoff
        )
    ).all()
    tally = Counter((quarter_of(a.created_at), a.group, a.district, a.status) for a in stale)
    for (quarter, group, district, outcome), number in tally.items():
        add_count(quarter, group, district, outcome, number)
    for application in stale:
        db.session.delete(application)
    if stale:
        audit.record(
            "volunteer.purged", object_type="VolunteerApplication", actor_label="system", detail=f"rows={len(stale)}"
        )
    db.session.flush()
    return len(stale)


def add_count(quarter: str, group: str, district: str, outcome: str, number: int) -> None:
    row = db.session.scalar(
        sa.select(VolunteerCount).filter_by(quarter=quarter, group=group, district=district, outcome=outcome)
    )
    if row is None:
        row = VolunteerCount(quarter=quarter, group=group, district=district, outcome=outcome, count=0)
        db.session.add(row)
    row.count += number


@dataclass(frozen=True)
class CountRow:
    group: str
    district: str
    current: int
    deleted: int

    @property
    def total(self) -> int:
        return self.current + self.deleted


def counts_by_group_and_district() -> list[CountRow]:
    """Every application ever received, by group and district: those held plus those purged."""
    a = VolunteerApplication
    current = db.session.execute(sa.select(a.group, a.district, sa.func.count()).group_by(a.group, a.district))
    c = VolunteerCount
    deleted = db.session.execute(sa.select(c.group, c.district, sa.func.sum(c.count)).group_by(c.group, c.district))
    held = {(g, d): n for g, d, n in current}
    gone = {(g, d): int(n or 0) for g, d, n in deleted}
    keys = sorted(set(held) | set(gone))
    return [CountRow(g, d, held.get((g, d), 0), gone.get((g, d), 0)) for g, d in keys]
