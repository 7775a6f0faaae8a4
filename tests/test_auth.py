"""Signing in and out: generic errors, lock-out, real sign-out, idle timeout, safe redirects."""

from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun import freeze_time

from roadshow.auth.views import GENERIC_FAILURE
from roadshow.extensions import db
from roadshow.models import AuditEntry
from tests.support.fixtures import PASSWORD


def test_sign_in_sends_each_role_to_its_home(client, users, login):
    assert login(users["coordinator"]).headers["Location"] == "/staff/"
    client.post("/staff/logout")
    assert login(users["panel"]).headers["Location"] == "/reports/"


@pytest.mark.parametrize(
    "email,password", [("coordinator@example.org", "wrong-password-000"), ("nobody@example.org", PASSWORD)]
)
def test_failed_sign_in_shows_one_generic_message(client, users, email, password):
    response = client.post("/staff/login", data={"email": email, "password": password})
    assert response.status_code == 200
    assert GENERIC_FAILURE.replace("'", "&#39;") in response.text
    assert client.get("/staff/").status_code == 302


def test_repeated_failures_delay_a_new_browser_even_with_the_right_password(app, client, users, login):
    user = users["coordinator"]
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        login(user, "not-the-password-1")
    response = login(user)
    assert response.status_code == 200
    assert client.get("/staff/").status_code == 302
    assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "auth.delayed_attempt")) is not None


def test_the_delay_lapses(app, client, users, login):
    user = users["coordinator"]
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        login(user, "not-the-password-1")
    with freeze_time(timedelta(seconds=app.config["LOGIN_DELAY_CAP_SECONDS"] + 1)):
        assert login(user).status_code == 303


def test_deactivated_account_cannot_sign_in(client, users, login, make_user):
    user = make_user("coordinator", active=False)
    assert login(user).status_code == 200
    assert client.get("/staff/").status_code == 302


def test_session_cookie_is_httponly_and_samesite_lax(client, users, login):
    response = login(users["coordinator"])
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # only in production, which needs https


def test_production_cookie_is_secure():
    from config import ProductionConfig

    assert ProductionConfig.SESSION_COOKIE_SECURE is True


def test_no_remember_me_cookie_is_ever_set(client, users, login):
    response = login(users["coordinator"])
    assert not any(h.startswith("remember_token") for h in response.headers.getlist("Set-Cookie"))


def test_replaying_the_cookie_after_sign_out_is_refused(app, client, users, login):
    login(users["coordinator"])
    stolen = client.get_cookie("session").value
    client.post("/staff/logout")
    replay = app.test_client()
    replay.set_cookie("session", stolen)
    assert replay.get("/staff/").status_code == 302


def test_sign_in_starts_a_fresh_session(client, users, login):
    with client.session_transaction() as sess:
        sess["planted"] = "before sign-in"
    login(users["coordinator"])
    with client.session_transaction() as sess:
        assert "planted" not in sess
        assert "_user_id" in sess


def test_idle_session_expires_after_30_minutes(app, client, users, login):
    login(users["coordinator"])
    assert client.get("/staff/").status_code == 200
    with freeze_time(timedelta(minutes=31)):
        assert client.get("/staff/").status_code == 302


def test_activity_keeps_the_session_alive(client, users, login):
    login(users["coordinator"])
    with freeze_time(timedelta(minutes=20)):
        assert client.get("/staff/").status_code == 200
    with freeze_time(timedelta(minutes=40)):
        assert client.get("/staff/").status_code == 200


@pytest.mark.parametrize(
    "target,expected",
    [
        ("/staff/users", "/staff/users"),
        ("https://evil.example/", "/staff/"),
        ("//evil.example/", "/staff/"),
        ("/\\evil.example", "/staff/"),
        ("javascript:alert(1)", "/staff/"),
    ],
)
def test_next_only_redirects_to_local_paths(users, login, target, expected):
    response = login(users["admin"], query_string={"next": target})
    assert response.headers["Location"] == expected


def test_one_time_password_must_be_changed_before_anything_else(client, make_user, login):
    user = make_user("coordinator", must_change_password=True)
    login(user)
    assert client.get("/staff/").headers["Location"] == "/staff/password"
    response = client.post(
        "/staff/password",
        data={"current": PASSWORD, "new": "a-brand-new-passphrase", "confirm": "a-brand-new-passphrase"},
    )
    assert response.status_code == 303
    assert client.get("/staff/").status_code == 200


@pytest.mark.parametrize("new,message", [("short-one", "at least 12"), ("password1234", "too common")])
def test_weak_new_passwords_are_refused(client, users, login, new, message):
    login(users["coordinator"])
    response = client.post("/staff/password", data={"current": PASSWORD, "new": new, "confirm": new})
    assert response.status_code == 200
    assert message in response.text
