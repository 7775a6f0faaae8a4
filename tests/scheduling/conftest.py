"""Factories for scheduling tests: sessions made through the real service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

import pytest

from roadshow.extensions import db
from roadshow.models.scheduling import RoadshowSession, SessionStatus
from roadshow.services.scheduling import sessions as scheduling
from roadshow.services.scheduling.sessions import Actor, SessionDetails


def details(**changes) -> SessionDetails:
    values = {
        "day": date(2027, 3, 10),
        "starts": time(18, 0),
        "ends": time(20, 0),
        "venue": "Oak Road Youth Centre, 12 Oak Road, Wisbech",
        "postcode": "PE13 1AB",
        "district": "fenland",
        "facilitator_ids": (),
        "title": "Wisbech Youth Club",
        "capacity": 30,
    }
    values.update(changes)
    return SessionDetails(**values)


@pytest.fixture
def facilitator(make_user):
    return make_user("coordinator", name="Sam Facilitator")


@pytest.fixture
def schedule(app, facilitator) -> Callable[..., RoadshowSession]:
    """Create and commit a session; facilitated by `facilitator` unless told otherwise."""

    def _schedule(status: str = SessionStatus.SCHEDULED, request_id: int | None = None, **changes) -> RoadshowSession:
        changes.setdefault("facilitator_ids", (facilitator.id,))
        session = scheduling.create(details(**changes), Actor(label="test"), status=status, request_id=request_id)
        db.session.commit()
        return session

    return _schedule
