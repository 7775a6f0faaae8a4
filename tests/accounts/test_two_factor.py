"""Two-factor sign-in: who must use it, codes accepted once, recovery codes, admin reset, scripts."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import sqlalchemy as sa
from freezegun import freeze_time

from roadshow.extensions import db
from roadshow.models import AuditEntry, User
from roadshow.services.accounts import two_factor
from tests.support.fixtures import PASSWORD, TOTP_SECRET, current_code, sign_in


def _password_step(client, user, password=PASSWORD):
    return client.post("/staff/login", data={"email": user.email, "password": password})


def test_an_admin_with_the_password_alone_is_not_signed_in(client, users):
    response = _password_step(client, users["admin"])
    assert response.headers["Location"] == "/staff/login/code"
    assert client.get("/staff/").status_code == 302


def test_an_admin_without_two_factor_must_set_it_up_before_anything_else(client, make_user, login):
    admin = make_user("admin", totp_secret=None, totp_enrolled_at=None)
    assert login(admin).status_code == 303
    assert client.get("/staff/users").headers["Location"] == "/staff/two-factor"
    page = client.get("/staff/two-factor").text
    key = re.search(r'id="manual-key">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    response = client.post("/staff/two-factor", data={"code": pyotp.TOTP(key).now()})
    assert "Your recovery codes" in response.text
    assert client.get("/staff/users").status_code == 200


def test_a_safeguarding_lead_must_use_two_factor(make_user):
    lead = make_user("coordinator")
    assert not two_factor.requires_two_factor(lead)
    lead.is_safeguarding_lead = True  # the flag another change adds to User
    assert two_factor.requires_two_factor(lead)


def test_a_coordinator_is_offered_two_factor_but_not_forced(client, users, login):
    assert login(users["coordinator"]).status_code == 303
    assert client.get("/staff/").status_code == 200
    assert "Set up two-factor sign-in" in client.get("/staff/two-factor").text


def test_a_code_is_accepted_once(app, client, users):
    admin = users["admin"]
    code = current_code(admin)
    _password_step(client, admin)
    assert client.post("/staff/login/code", data={"code": code}).status_code == 303
    client.post("/staff/logout")
    _password_step(client, admin)
    response = client.post("/staff/login/code", data={"code": code})
    assert response.status_code == 200 and "That code is not right" in response.text


def test_a_recovery_code_works_once(client, users):
    admin = users["admin"]
    codes = two_factor.new_recovery_codes(admin)
    db.session.commit()
    _password_step(client, admin)
    assert client.post("/staff/login/code", data={"code": codes[0].upper()}).status_code == 303
    client.post("/staff/logout")
    _password_step(client, admin)
    assert client.post("/staff/login/code", data={"code": codes[0]}).status_code == 200


def test_wrong_codes_slow_down_a_stranger_who_has_the_password(app, users):
    admin = users["admin"]
    stranger = app.test_client()
    with freeze_time("2026-03-02 09:00:00"):
        for _ in range(app.config["LOGIN_MAX_FAILURES"]):
            _password_step(stranger, admin)
            stranger.post("/staff/login/code", data={"code": "000000"})
        _password_step(stranger, admin)
        refused = stranger.post("/staff/login/code", data={"code": current_code(admin)})
        assert refused.status_code == 200


def test_the_code_step_lapses_after_five_minutes(client, users):
    admin = users["admin"]
    with freeze_time("2026-03-02 09:00:00") as clock:
        _password_step(client, admin)
        clock.tick(timedelta(minutes=6))
        assert client.post("/staff/login/code", data={"code": current_code(admin)}).headers["Location"] == (
            "/staff/login"
        )


def test_an_admin_resets_someones_two_factor_and_it_is_audited(app, client, users, login, make_user):
    other = make_user("admin", name="Alex Lee")
    elsewhere = app.test_client()
    sign_in(elsewhere, other)
    login(users["admin"])
    client.post(f"/staff/users/{other.id}", data={"action": "reset_two_factor"})
    db.session.refresh(other)
    assert not other.has_two_factor
    assert elsewhere.get("/staff/").status_code == 302  # signed out everywhere
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "user.two_factor_reset"))
    assert entry.actor_id == users["admin"].id and entry.object_id == str(other.id)


def test_create_user_enrols_the_secret_a_script_gives(app):
    result = app.test_cli_runner().invoke(
        args=[
            *("create-user", "--email", "monitor@example.org", "--name", "Monitor", "--role", "admin"),
            *("--totp-secret", TOTP_SECRET),
        ],
        input=f"{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.email == "monitor@example.org"))
    assert sign_in(app.test_client(), user).status_code == 303


def test_create_user_refuses_a_secret_that_is_not_base32(app):
    result = app.test_cli_runner().invoke(
        args=["create-user", "--email", "m@example.org", "--name", "M", "--role", "admin", "--totp-secret", "not!b32"],
        input=f"{PASSWORD}\n",
    )
    assert result.exit_code != 0 and "base32" in result.output
