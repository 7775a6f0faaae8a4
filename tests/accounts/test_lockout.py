"""Failed sign-ins slow a guesser down but never keep the owner out, and take the same time in every state."""

from __future__ import annotations

import statistics
import time

from freezegun import freeze_time

from roadshow.auth.views import GENERIC_FAILURE
from tests.support.fixtures import PASSWORD, sign_in

OWNER = "192.0.2.10"
ATTACKER = "198.51.100.7"
WRONG = "not-the-password-1"


def _client(app, address: str):
    """A browser of its own from one client address."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _signed_in(client) -> bool:
    return client.get("/staff/").status_code == 200


def test_a_client_that_keeps_failing_cannot_keep_the_owner_out(app, users):
    admin = users["admin"]  # two-factor enrolled, as every admin must be
    owner = _client(app, OWNER)
    attacker = _client(app, ATTACKER)
    with freeze_time("2026-03-02 09:00:00") as clock:
        sign_in(owner, admin)  # the owner's own browser, used before
        owner.post("/staff/logout")
        for _ in range(60):  # a wrong password every second for a minute
            attacker.post("/staff/login", data={"email": admin.email, "password": WRONG})
            clock.tick(1)
        response = sign_in(owner, admin)
        assert response.status_code == 303, "the owner was kept out by someone else's failures"
        assert _signed_in(owner)
        attacker.post("/staff/login", data={"email": admin.email, "password": WRONG})
        assert not _signed_in(attacker)


def test_a_guesser_is_slowed_and_the_delay_lapses(app, make_user):
    user = make_user("coordinator")
    with freeze_time("2026-03-02 09:00:00") as clock:
        for n in range(8):
            _client(app, f"203.0.113.{n}").post("/staff/login", data={"email": user.email, "password": WRONG})
        stranger = _client(app, "203.0.113.99")
        refused = sign_in(stranger, user)
        assert refused.status_code == 200 and GENERIC_FAILURE.split(",")[0] in refused.text
        clock.tick(app.config["LOGIN_DELAY_CAP_SECONDS"] + 1)
        assert sign_in(stranger, user).status_code == 303


def test_an_address_that_keeps_failing_is_slowed_for_every_account(app, make_user):
    people = [make_user("coordinator") for _ in range(3)]
    guesser = _client(app, ATTACKER)
    with freeze_time("2026-03-02 09:00:00"):
        for _ in range(app.config["LOGIN_ADDRESS_FREE_FAILURES"] + 1):
            for person in people:
                guesser.post("/staff/login", data={"email": person.email, "password": WRONG})
        assert sign_in(guesser, people[0]).status_code == 200


def _timed_wrong_attempt(app, email: str, address: str) -> float:
    """The work one wrong attempt costs the server: CPU time of this process (the app runs in it).

    A timing oracle comes from work one path skips; CPU time measures that work and, unlike the wall
    clock, is not stretched by whatever else the machine is running.
    """
    client = _client(app, address)
    start = time.process_time()
    client.post("/staff/login", data={"email": email, "password": WRONG})
    return time.process_time() - start


def test_locked_and_open_accounts_answer_a_wrong_password_in_the_same_time(app, make_user):
    # Hashing near production cost, so the password check is most of the work, as on the real server.
    app.config.update(ARGON2_TIME_COST=2, ARGON2_MEMORY_COST=32768)
    locked = make_user("coordinator")
    for n in range(20):
        _client(app, f"203.0.1.{n}").post("/staff/login", data={"email": locked.email, "password": WRONG})
    open_accounts = [make_user("coordinator") for _ in range(11)]  # fresh each time: none reaches a delay
    _timed_wrong_attempt(app, locked.email, "203.0.4.1")  # one of each first, untimed: warm caches
    _timed_wrong_attempt(app, open_accounts.pop().email, "203.0.4.2")
    locked_times, open_times = [], []
    for n, account in enumerate(open_accounts):  # interleaved, in turns, so a busy machine slows both alike
        pair = [(locked_times, locked.email, f"203.0.2.{n}"), (open_times, account.email, f"203.0.3.{n}")]
        for times, email, address in pair if n % 2 else reversed(pair):
            times.append(_timed_wrong_attempt(app, email, address))
    locked_ms, open_ms = statistics.median(locked_times) * 1000, statistics.median(open_times) * 1000
    print(f"median of 10: delayed account {locked_ms:.1f} ms, open account {open_ms:.1f} ms")
    assert max(locked_ms, open_ms) / min(locked_ms, open_ms) <= 1.5


def test_the_change_password_page_stops_a_guesser_with_a_stolen_session(client, users, login):
    login(users["coordinator"])
    answered = 0
    for _ in range(30):
        response = client.post("/staff/password", data={"current": WRONG, "new": "x" * 14, "confirm": "x" * 14})
        answered += "Your current password is not right." in response.text
    print(f"wrong current passwords answered: {answered} of 30")
    assert answered <= 5
    assert not _signed_in(client)


def test_flask_unlock_user_clears_the_delay(app, make_user):
    user = make_user("coordinator")
    with freeze_time("2026-03-02 09:00:00"):
        for n in range(10):
            _client(app, f"203.0.113.{n}").post("/staff/login", data={"email": user.email, "password": WRONG})
        result = app.test_cli_runner().invoke(args=["unlock-user", "--email", user.email])
        assert result.exit_code == 0, result.output
        fresh = _client(app, "203.0.113.200")
        assert sign_in(fresh, user, PASSWORD).status_code == 303


def test_one_time_passwords_expire_after_a_day(client, make_user, login):
    user = make_user("coordinator")
    with freeze_time("2026-03-02 09:00:00"):
        from roadshow.extensions import db
        from roadshow.services.accounts import users as user_service

        password = user_service.set_one_time_password(user, actor=None)
        db.session.commit()
        assert not set(password) & set("lI1O0o"), password
    with freeze_time("2026-03-03 09:01:00"):
        assert login(user, password).status_code == 200
