"""Retention: a group's contact details go once its session (or its closed request) is old enough."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from roadshow.extensions import db
from roadshow.models import RoadshowSession
from roadshow.models.booking import BookingRequest, BookingStatus
from roadshow.services import audit
from roadshow.timeutil import months_before, utcnow

S = BookingStatus


def purge_contact_details() -> int:
    """Blank the contact's name, email and phone once the request is long over; the rest stays for counts."""
    cutoff = months_before(utcnow(), current_app.config["BOOKING_RETENTION_MONTHS"])
    last_session_end = (
        sa.select(sa.func.max(RoadshowSession.ends_at))
        .where(RoadshowSession.request_id == BookingRequest.id)
        .scalar_subquery()
    )
    has_session = sa.exists().where(RoadshowSession.request_id == BookingRequest.id)
    due = db.session.scalars(
        sa.select(BookingRequest).where(
            BookingRequest.contact_purged_at.is_(None),
            sa.or_(
                sa.and_(has_session, last_session_end < cutoff),
                sa.and_(
                    ~has_session,
                    BookingRequest.status.in_((S.DECLINED, S.CANCELLED, S.WITHDRAWN)),
                    BookingRequest.updated_at < cutoff,
                ),
            ),
        )
    ).all()
    now = utcnow()
    for request in due:
        request.contact_name = request.email = request.phone = ""
        request.contact_purged_at = now
    if due:
        audit.record("booking.purge", object_type="BookingRequest", detail=f"{len(due)} contacts removed")
    return len(due)
