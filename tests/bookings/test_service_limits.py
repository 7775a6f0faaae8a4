"""The booking rules hold in the service itself, not only in the public form (a script, a seeder or a
new form calling `bookings.submit` cannot store a request the form would refuse)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models.booking import BookingRequest
from roadshow.services import DomainError, bookings
from roadshow.services.bookings import PreferredDate
from tests.bookings.conftest import in_days, new_request


@pytest.mark.parametrize(
    "changes",
    [
        {"group_size": 500},
        {"group_size": 1},
        {"age_min": 8, "age_max": 10},
        {"age_min": 13, "age_max": 25},
        {"age_min": 17, "age_max": 14},
        {"preferred_dates": (PreferredDate(in_days(2), "evening"),)},
        {"preferred_dates": ()},
        {"preferred_dates": (PreferredDate(in_days(30), "evening"),) * 2},
        {"preferred_dates": (PreferredDate(in_days(30), "midnight"),)},
        {"district": "london"},
        {"group_type": "gang"},
        {"topics": "anything"},
    ],
)
def test_the_service_refuses_what_the_form_refuses(app, changes):
    with pytest.raises(DomainError):
        bookings.submit(new_request(**changes))
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BookingRequest)) == 0


def test_the_limits_themselves_are_accepted(app):
    booking = bookings.submit(
        new_request(group_size=5, age_min=13, age_max=18, preferred_dates=(PreferredDate(in_days(14), "morning"),))
    ).request
    assert booking.group_size == 5 and (booking.age_min, booking.age_max) == (13, 18)
