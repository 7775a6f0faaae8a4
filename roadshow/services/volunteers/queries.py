"""Finding volunteer applications for the staff list, and recording that the list was exported."""

from __future__ import annotations

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import User
from roadshow.models.volunteer import (
    VolunteerApplication,
)
from roadshow.services import audit


def get(application_id: int) -> VolunteerApplication | None:
    return db.session.get(VolunteerApplication, application_id)


def search(group: str = "", district: str = "", status: str = "") -> sa.Select:
    """Applications matching the filters, newest first."""
    query = sa.select(VolunteerApplication).order_by(VolunteerApplication.id.desc())
    if group:
        query = query.where(VolunteerApplication.group == group)
    if district:
        query = query.where(VolunteerApplication.district == district)
    if status:
        query = query.where(VolunteerApplication.status == status)
    return query


def record_export(count: int, *, actor: User) -> None:
    audit.record("volunteer.export", actor=actor, object_type="VolunteerApplication", detail=f"rows={count}")
