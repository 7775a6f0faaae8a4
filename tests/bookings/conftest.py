"""Factories for booking tests: valid form data and requests made through the service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from roadshow.extensions import db
from roadshow.models.booking import BookingRequest
from roadshow.services import bookings
from roadshow.services.bookings import NewRequest, PreferredDate
from roadshow.timeutil import today_london


def in_days(n: int) -> date:
    return today_london() + timedelta(days=n)


def form_data(**changes: object) -> dict[str, object]:
    """What a group leader types into a correct booking form."""
    data: dict[str, object] = {
        "organisation": "March Youth Club",
        "group_type": "youth_club",
        "contact_name": "Sam Leader",
        "contact_role": "Youth worker",
        "email": "sam.leader@example.org",
        "phone": "01354 123456",
        "district": "fenland",
        "venue_address": "The Hall, 1 High Street\nMarch",
        "postcode": "pe15 8aa",
        "group_size": "18",
        "age_min": "13",
        "age_max": "16",
        "date_1": in_days(30).isoformat(),
        "part_1": "evening",
        "date_2": in_days(37).isoformat(),
        "part_2": "evening",
        "date_3": "",
        "topics": "both",
        "access_needs": "Two wheelchair users; step-free hall.",
        "responsible_adult": "y",
        "consent_to_contact": "y",
        "website": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def new_request(**changes: object) -> NewRequest:
    values: dict[str, object] = {
        "organisation": "Ely Scouts",
        "group_type": "uniformed",
        "contact_name": "Jo Scout",
        "contact_role": "Group leader",
        "email": "jo.scout@example.org",
        "phone": "07700900123",
        "district": "east_cambridgeshire",
        "venue_address": "Scout Hut, Station Road, Ely",
        "postcode": "CB7 4BS",
        "group_size": 20,
        "age_min": 14,
        "age_max": 17,
        "preferred_dates": (PreferredDate(in_days(40), "evening"),),
        "topics": "stop_search",
    }
    values.update(changes)
    return NewRequest(**values)  # type: ignore[arg-type]


def committed_request(status: str | None = None, **changes: object) -> tuple[BookingRequest, str]:
    """Create (and commit) a request through the service; returns it and its manage token."""
    submitted = bookings.submit(new_request(**changes))
    if status is not None:
        submitted.request.status = status  # a starting point for transition tests
    db.session.commit()
    return submitted.request, submitted.token


@pytest.fixture
def make_request(app) -> Callable[..., tuple[BookingRequest, str]]:
    """committed_request as a fixture, so a test gets the app first."""
    return committed_request
