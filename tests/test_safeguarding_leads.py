"""Designated safeguarding leads are set by `flask create-user --safeguarding-lead` and on /staff/users."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import AuditEntry, User


def _user(email: str) -> User:
    return db.session.scalar(sa.select(User).where(User.email == email))


def test_create_user_can_make_a_safeguarding_lead(app):
    result = app.test_cli_runner().invoke(
        args=["create-user", "--email", "dsl@example.org", "--name", "Dee", "--role", "coordinator",
              "--safeguarding-lead", "--generate"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "designated safeguarding lead" in result.output
    assert _user("dsl@example.org").is_safeguarding_lead


def test_create_user_makes_no_lead_unless_asked(app):
    args = ["create-user", "--email", "c@example.org", "--name", "Cat", "--role", "coordinator", "--generate"]
    assert app.test_cli_runner().invoke(args=args).exit_code == 0
    assert not _user("c@example.org").is_safeguarding_lead


def test_a_panel_member_cannot_be_a_safeguarding_lead(app):
    args = ["create-user", "--email", "p@example.org", "--name", "Pat", "--role", "panel", "--safeguarding-lead"]
    result = app.test_cli_runner().invoke(args=[*args, "--generate"])
    assert result.exit_code != 0 and "Only coordinators and admins" in result.output
    assert _user("p@example.org") is None


def test_admin_creates_a_lead_on_the_users_page(client, users, login):
    login(users["admin"])
    data = {"name": "Dana Lead", "email": "dana@example.org", "role": "coordinator", "safeguarding_lead": "y"}
    assert client.post("/staff/users", data=data).status_code == 200
    assert _user("dana@example.org").is_safeguarding_lead
    assert "Coordinator, safeguarding lead" in client.get("/staff/users").text  # role names as on every page


def test_the_users_page_refuses_a_panel_lead_with_a_message(client, users, login):
    login(users["admin"])
    data = {"name": "Pan", "email": "pan@example.org", "role": "panel", "safeguarding_lead": "y"}
    page = client.post("/staff/users", data=data).text
    assert "There is a problem" in page and "Only coordinators and admins can be safeguarding leads." in page
    assert _user("pan@example.org") is None


@pytest.mark.parametrize("checked,expected", [("y", True), (None, False)])
def test_admin_marks_and_unmarks_a_lead_and_it_is_audited(client, users, login, checked, expected):
    person = users["coordinator"]
    person.is_safeguarding_lead = not expected
    db.session.commit()
    login(users["admin"])
    data = {"lead-submit": "Save", **({"lead-safeguarding_lead": checked} if checked else {})}
    response = client.post(f"/staff/users/{person.id}", data=data, follow_redirects=True)
    assert ("is now a safeguarding lead" if expected else "no longer a safeguarding lead") in response.text
    db.session.refresh(person)
    assert person.is_safeguarding_lead is expected
    action = "user.safeguarding_lead" if expected else "user.safeguarding_lead_removed"
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == action))
    assert (entry.object_id, entry.actor_id) == (str(person.id), users["admin"].id)


def test_a_lead_cannot_be_moved_to_the_panel_without_losing_the_mark_first(client, users, login):
    person = users["coordinator"]
    person.is_safeguarding_lead = True
    db.session.commit()
    login(users["admin"])
    response = client.post(f"/staff/users/{person.id}", data={"role": "panel"}, follow_redirects=True)
    assert "Remove the safeguarding lead mark first." in response.text
    db.session.refresh(person)
    assert person.role == "coordinator"


def test_coordinators_cannot_make_themselves_leads(client, users, login):
    person = users["coordinator"]
    login(person)
    response = client.post(f"/staff/users/{person.id}", data={"lead-submit": "Save", "lead-safeguarding_lead": "y"})
    assert response.status_code == 403
    db.session.refresh(person)
    assert not person.is_safeguarding_lead
