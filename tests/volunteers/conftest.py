"""Helpers for the volunteering tests: a valid form and applications made through the service."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from roadshow.extensions import db
from roadshow.models.volunteer import VolunteerApplication
from roadshow.services.volunteers import intake as volunteers

ADULT = {
    "group": "panel",
    "first_name": "Morgan",
    "age": "34",
    "district": "fenland",
    "email": "morgan@example.com",
    "phone": "",
    "contact_by": "email",
    "access_needs": "",
    "why_join": "I want to help.",
    "consent": "y",
}
UNDER_16 = {
    **ADULT,
    "group": "youth",
    "first_name": "Sam",
    "age": "15",
    "email": "sam@example.com",
    "guardian_name": "Jo Carer",
    "guardian_email": "jo.carer@example.com",
    "guardian_phone": "",
    "guardian_agreed": "y",
}


def form_data(base: dict[str, str] | None = None, **changes: str | None) -> dict[str, str]:
    """A valid submission with some fields changed; a value of None leaves the field out."""
    data = {**(base or ADULT), **changes}
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def make_application(app) -> Callable[..., VolunteerApplication]:
    """Create (and commit) an application through the real service."""
    counter = iter(range(1, 10_000))

    def _make(**changes: object) -> VolunteerApplication:
        n = next(counter)
        values = {
            "group": "panel",
            "first_name": f"Person{n}",
            "age": 30,
            "district": "cambridge",
            "contact_by": "email",
            "email": f"person{n}@example.com",
            "consent": True,
            **changes,
        }
        application = volunteers.submit(volunteers.ApplicationInput(**values))
        db.session.commit()
        return application

    return _make
