"""Factories for lifecycle tests: a request, a facilitator, offers and bookings made through the real services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from roadshow.models.booking import BookingRequest, BookingStatus
from roadshow.models.scheduling import RoadshowSession
from roadshow.services.scheduling import visits
from roadshow.services.scheduling.sessions import Actor
from roadshow.timeutil import today_london
from roadshow.transaction import commit_and_send
from tests.bookings.conftest import committed_request
from tests.scheduling.conftest import details

GROUP_EMAIL = "jo.scout@example.org"


@pytest.fixture
def facilitator(make_user):
    return make_user("coordinator", name="Sam Facilitator", email="sam.facilitator@example.org")


@pytest.fixture
def staff(users) -> Actor:
    return Actor(user=users["coordinator"])


@pytest.fixture
def booking(app) -> tuple[BookingRequest, str]:
    """A request under review, and the token from its first email."""
    return committed_request(BookingStatus.UNDER_REVIEW)


@pytest.fixture
def offered(booking, facilitator, staff) -> Callable[..., RoadshowSession]:
    """Offer the request a date (or book it, agreed by phone), committing and sending as a view does."""

    def _offer(days: int = 40, *, agreed_by_phone: bool = False) -> RoadshowSession:
        day = today_london() + timedelta(days=days)
        outcome = visits.offer(
            booking[0], details(day=day, facilitator_ids=(facilitator.id,)), staff, agreed_by_phone=agreed_by_phone
        )
        commit_and_send(outcome.notices)
        return outcome.session  # type: ignore[return-value]

    return _offer
