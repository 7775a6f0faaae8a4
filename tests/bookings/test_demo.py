"""`flask seed-demo` adds a dozen believable requests across every district, quietly."""

from __future__ import annotations

import sqlalchemy as sa

from roadshow.constants import DISTRICT_NAMES
from roadshow.extensions import db
from roadshow.models.booking import BookingRequest


def test_seed_demo_adds_requests_in_every_district_and_many_states(app, smtp):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    requests = db.session.scalars(sa.select(BookingRequest).order_by(BookingRequest.id)).all()
    assert len(requests) == 12
    assert {r.district for r in requests} == set(DISTRICT_NAMES)
    assert len({r.status for r in requests}) >= 7
    assert [r.reference[-4:] for r in requests] == [f"{n:04d}" for n in range(1, 13)]
    declined = next(r for r in requests if r.status == "declined")
    assert declined.decline_reason
    assert all(e.at >= r.created_at for r in requests for e in r.events)
    assert smtp.messages == []  # nobody at example.org is emailed by a demo
