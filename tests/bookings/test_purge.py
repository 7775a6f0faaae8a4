"""`flask purge` removes a group's contact details once the retention period after its session has passed."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import AuditEntry, RoadshowSession
from roadshow.timeutil import months_before, utcnow


def _months_ago(n: int, days: int = 0) -> datetime:
    return months_before(utcnow(), n) - timedelta(days=days)


def _session_for(booking, ends_at: datetime) -> RoadshowSession:
    session = RoadshowSession(
        request_id=booking.id,
        status="delivered",
        title=booking.organisation,
        starts_at=ends_at - timedelta(hours=2),
        ends_at=ends_at,
        venue="Hall",
        district=booking.district,
        feedback_code=uuid.uuid4().hex[:8],
        feedback_opens_at=ends_at - timedelta(hours=2),
        feedback_closes_at=ends_at + timedelta(days=7),
        ics_uid=uuid.uuid4().hex,
    )
    db.session.add(session)
    return session


def _purge(app) -> str:
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    return result.output


def _contact(booking) -> tuple[str, str, str]:
    db.session.refresh(booking)
    return booking.contact_name, booking.email, booking.phone


def test_session_ended_over_a_year_ago_loses_contact_details_but_keeps_the_counts(app, make_request):
    booking, _ = make_request(status="delivered")
    _session_for(booking, _months_ago(12, days=1))
    db.session.commit()
    output = _purge(app)
    assert "booking contact details removed: 1" in output
    assert _contact(booking) == ("", "", "")
    assert booking.contact_purged_at is not None
    assert (booking.organisation, booking.district, booking.group_size) == ("Ely Scouts", "east_cambridgeshire", 20)
    assert db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "booking.purge")) is not None


def test_recent_session_keeps_contact_details_even_if_the_request_is_old(app, make_request):
    booking, _ = make_request(status="delivered")
    booking.updated_at = _months_ago(30)
    _session_for(booking, _months_ago(11))
    db.session.commit()
    _purge(app)
    assert _contact(booking)[1] == "jo.scout@example.org"


@pytest.mark.parametrize("status", ["declined", "cancelled", "withdrawn"])
def test_closed_request_without_a_session_is_purged_a_year_after_its_last_change(app, make_request, status):
    old, _ = make_request(status=status)
    recent, _ = make_request(status=status)
    old.updated_at = _months_ago(12, days=1)
    recent.updated_at = _months_ago(11)
    db.session.commit()
    _purge(app)
    assert _contact(old) == ("", "", "")
    assert _contact(recent)[1] == "jo.scout@example.org"


def test_open_request_is_never_purged(app, make_request):
    booking, _ = make_request(status="under_review")
    booking.updated_at = _months_ago(24)
    db.session.commit()
    _purge(app)
    assert _contact(booking)[1] == "jo.scout@example.org"


def test_retention_period_comes_from_config(app, make_request):
    app.config["BOOKING_RETENTION_MONTHS"] = 3
    booking, _ = make_request(status="declined")
    booking.updated_at = _months_ago(4)
    db.session.commit()
    _purge(app)
    assert _contact(booking) == ("", "", "")


def test_purge_twice_counts_each_request_once(app, make_request):
    booking, _ = make_request(status="withdrawn")
    booking.updated_at = _months_ago(13)
    db.session.commit()
    assert "booking contact details removed: 1" in _purge(app)
    assert "booking contact details removed: 0" in _purge(app)
