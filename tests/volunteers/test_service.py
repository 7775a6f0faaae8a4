"""Rules the service enforces for any caller, and the demo data."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models.volunteer import VolunteerApplication
from roadshow.services import DomainError
from roadshow.services.volunteers import intake as volunteers

VALID = {
    "group": "panel",
    "first_name": "Ira",
    "age": 30,
    "district": "cambridge",
    "contact_by": "email",
    "email": "ira@example.com",
    "consent": True,
}


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"group": "club"}, "Choose a group and a district"),
        ({"district": "london"}, "Choose a group and a district"),
        ({"contact_by": "pigeon"}, "Choose how you would like us to contact you."),
        ({"group": "youth", "age": 12}, "You can apply when you are 13."),
        ({"group": "youth", "age": 15}, "parent or carer"),
        ({"email": "", "phone": ""}, "Enter an email address or a phone number"),
        ({"consent": False}, "Tick the box to say we can contact you."),
    ],
)
def test_submit_refuses_what_the_form_would_refuse(app, changes, message):
    with pytest.raises(DomainError, match=message):
        volunteers.submit(volunteers.ApplicationInput(**{**VALID, **changes}))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(VolunteerApplication)) == 0


def test_guardian_rule_boundary(app):
    assert volunteers.needs_guardian(15) is True
    assert volunteers.needs_guardian(16) is False


def test_demo_seed_has_an_application_in_every_status(app):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    statuses = set(db.session.scalars(sa.select(VolunteerApplication.status)))
    assert statuses == {"new", "contacted", "invited", "joined", "not_proceeding"}
    under_16 = db.session.scalar(sa.select(VolunteerApplication).where(VolunteerApplication.age < 16))
    assert under_16.guardian_name and under_16.guardian_agreed
    joined = db.session.scalar(sa.select(VolunteerApplication).where(VolunteerApplication.status == "joined"))
    assert [h.to_status for h in joined.history] == ["new", "contacted", "invited", "joined"]
