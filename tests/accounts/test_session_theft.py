"""A staff session cookie copied to another browser or address no longer signs anyone in."""

from __future__ import annotations

HOME = {"REMOTE_ADDR": "192.0.2.10", "HTTP_USER_AGENT": "OfficeBrowser/1.0"}
THIEF = {"REMOTE_ADDR": "203.0.113.66", "HTTP_USER_AGENT": "ThiefBrowser/9.9"}


def _stolen_cookie(app, client, users, login) -> str:
    client.environ_base.update(HOME)
    login(users["coordinator"])
    assert client.get("/staff/").status_code == 200
    return client.get_cookie("session").value


def test_a_replayed_session_cookie_from_another_browser_is_signed_out(app, client, users, login):
    cookie = _stolen_cookie(app, client, users, login)
    thief = app.test_client()
    thief.environ_base.update(THIEF)
    thief.set_cookie("session", cookie)
    reply = thief.get("/staff/")
    print(f"replayed staff cookie from another browser and address: {reply.status_code}")
    assert reply.status_code == 302 and "/staff/login" in reply.headers["Location"]


def test_the_owner_stays_signed_in_on_their_own_browser(app, client, users, login):
    _stolen_cookie(app, client, users, login)
    for _ in range(3):
        assert client.get("/staff/").status_code == 200
