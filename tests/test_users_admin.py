"""Admins manage accounts; every change is audited and the last admin cannot be removed."""

from __future__ import annotations

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import AuditEntry, User
from tests.support.fixtures import PASSWORD


def _audit_actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))


def test_admin_sees_accounts_with_role_and_last_sign_in(client, users, login):
    login(users["admin"])
    page = client.get("/staff/users").text
    assert "coordinator@example.org" in page and "panel@example.org" in page
    assert "Never" in page  # the panel member has not signed in


def test_admin_creates_an_account_with_a_one_time_password(client, users, login):
    login(users["admin"])
    response = client.post(
        "/staff/users", data={"name": "New Person", "email": "New@Example.org", "role": "coordinator"}
    )
    assert response.status_code == 200
    password = response.text.split("<code>")[1].split("</code>")[0]
    user = db.session.scalar(sa.select(User).where(User.email == "new@example.org"))
    assert user.must_change_password
    assert "user.create" in _audit_actions()
    other = client.application.test_client()
    signed_in = other.post("/staff/login", data={"email": "new@example.org", "password": password})
    assert signed_in.status_code == 303
    assert other.get("/staff/").headers["Location"] == "/staff/password"


def test_duplicate_email_is_refused_with_the_input_kept(client, users, login):
    login(users["admin"])
    response = client.post("/staff/users", data={"name": "Dup", "email": "panel@example.org", "role": "panel"})
    assert "already exists" in response.text
    assert 'value="Dup"' in response.text


def test_changing_a_role_is_audited_and_signs_the_person_out(app, client, users, login):
    target = users["coordinator"]
    other = app.test_client()
    other.post("/staff/login", data={"email": target.email, "password": PASSWORD})
    assert other.get("/staff/").status_code == 200
    login(users["admin"])
    client.post(f"/staff/users/{target.id}", data={"role": "panel"})
    db.session.refresh(target)
    assert target.role == "panel"
    assert "user.role_changed" in _audit_actions()
    assert other.get("/staff/").status_code == 302


def test_deactivating_ends_sessions_at_once(app, client, users, login):
    target = users["coordinator"]
    other = app.test_client()
    other.post("/staff/login", data={"email": target.email, "password": PASSWORD})
    login(users["admin"])
    client.post(f"/staff/users/{target.id}", data={"action": "deactivate"})
    assert other.get("/staff/").status_code == 302
    assert "user.deactivated" in _audit_actions()


def test_last_admin_cannot_be_demoted_or_deactivated(client, users, login):
    admin = users["admin"]
    login(admin)
    response = client.post(f"/staff/users/{admin.id}", data={"role": "coordinator"}, follow_redirects=True)
    assert "last admin" in response.text
    client.post(f"/staff/users/{admin.id}", data={"action": "deactivate"})
    db.session.refresh(admin)
    assert admin.role == "admin" and admin.active


def test_one_time_password_reset(client, users, login):
    login(users["admin"])
    response = client.post(f"/staff/users/{users['panel'].id}", data={"action": "reset"})
    password = response.text.split("<code>")[1].split("</code>")[0]
    other = client.application.test_client()
    assert other.post("/staff/login", data={"email": "panel@example.org", "password": password}).status_code == 303
    assert other.post("/staff/login", data={"email": "panel@example.org", "password": PASSWORD}).status_code in (
        200,
        302,
    )


def test_audit_log_lists_and_filters_entries(client, users, login):
    login(users["admin"])
    client.post(f"/staff/users/{users['panel'].id}", data={"action": "reset"})
    page = client.get("/staff/audit", query_string={"action": "user."}).text
    assert "user.one_time_password" in page
    assert "auth.login" not in page


def test_audit_entries_hold_no_email_addresses(client, users, login):
    login(users["admin"])
    client.post("/staff/users", data={"name": "Private Person", "email": "private@example.org", "role": "panel"})
    texts = db.session.scalars(sa.select(AuditEntry.detail)).all()
    assert not any("@" in t or "Private Person" in t for t in texts)
