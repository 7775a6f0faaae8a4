"""Invites and "forgot password": expiring single-use links, one answer for every address."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa
from freezegun import freeze_time

from roadshow.extensions import db
from roadshow.models import AccountToken
from tests.support.fixtures import PASSWORD

NEW = "river-lantern-orchard-77"


def _path(smtp, address: str, kind: str) -> str:
    text = smtp.text(smtp.to(address)[-1])
    return re.search(rf"/staff/{kind}/\S+", text).group(0)


def test_forgot_password_says_the_same_whether_or_not_the_account_exists(client, users, smtp):
    known = client.post("/staff/forgot", data={"email": users["coordinator"].email}, follow_redirects=True)
    unknown = client.post("/staff/forgot", data={"email": "nobody@example.org"}, follow_redirects=True)
    assert known.text.count("If that address belongs to a staff account") == 1
    assert unknown.text.count("If that address belongs to a staff account") == 1
    assert len(smtp.messages) == 1 and smtp.to(users["coordinator"].email)


def test_only_one_reset_email_per_account_every_quarter_hour(client, users, smtp):
    for _ in range(5):
        client.post("/staff/forgot", data={"email": users["coordinator"].email})
    assert len(smtp.to(users["coordinator"].email)) == 1


def test_a_reset_link_works_once_and_keeps_two_factor(client, users, smtp):
    admin = users["admin"]
    client.post("/staff/forgot", data={"email": admin.email})
    path = _path(smtp, admin.email, "reset")
    assert client.post(path, data={"new": NEW, "confirm": NEW}).headers["Location"] == "/staff/login"
    assert client.get(path).status_code == 410
    response = client.post("/staff/login", data={"email": admin.email, "password": NEW})
    assert response.headers["Location"] == "/staff/login/code"  # the link does not skip the second step


def test_a_reset_link_expires_after_an_hour(client, users, smtp):
    with freeze_time("2026-03-02 09:00:00") as clock:
        client.post("/staff/forgot", data={"email": users["coordinator"].email})
        path = _path(smtp, users["coordinator"].email, "reset")
        clock.tick(timedelta(minutes=61))
        assert client.post(path, data={"new": NEW, "confirm": NEW}).status_code == 410
    signed_in = client.post("/staff/login", data={"email": users["coordinator"].email, "password": PASSWORD})
    assert signed_in.status_code == 303


def test_an_invite_lasts_three_days_and_only_the_hash_is_kept(client, users, login, smtp):
    with freeze_time("2026-03-02 09:00:00") as clock:
        login(users["admin"])
        client.post(
            "/staff/users/invite",
            data={"invite-name": "Alex Lee", "invite-email": "alex@example.org", "invite-role": "coordinator"},
        )
        path = _path(smtp, "alex@example.org", "welcome")
        token = path.rsplit("/", 1)[1]
        assert token not in {row.token_hash for row in db.session.scalars(sa.select(AccountToken))}
        clock.tick(timedelta(hours=73))
        assert client.get(path).status_code == 410


def test_an_invite_sets_a_password_and_signs_in(app, users, login, client, smtp):
    login(users["admin"])
    client.post(
        "/staff/users/invite",
        data={"invite-name": "Alex Lee", "invite-email": "alex@example.org", "invite-role": "coordinator"},
    )
    invited = app.test_client()
    path = _path(smtp, "alex@example.org", "welcome")
    assert invited.post(path, data={"new": NEW, "confirm": NEW}).headers["Location"] == "/staff/two-factor"
    assert invited.get("/staff/").status_code == 200
    assert invited.get(path).status_code == 410
