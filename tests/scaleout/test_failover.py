"""An app server killed mid-load loses nothing it said was sent.

Young people send their answers through nginx from several threads at once; part way through,
one app server (master and workers) is killed with SIGKILL, as a crashed machine would be. A
submission answered 303 (to the thank-you page) must be in the database: the answer is given only
after the commit. Requests cut off by the kill get nginx's 502 and were never promised; the other
server carries on answering.
"""

from __future__ import annotations

import http.client
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.feedback import state as form_state
from roadshow.models import SubmissionToken
from roadshow.services.feedback import intake as feedback
from tests.feedback.factories import ANSWERS, CHECK_HEADING, make_session, state_of
from tests.scaleout.cluster import Visitor, wait_until

pytestmark = pytest.mark.slow
THREADS = 6
BEFORE_KILL, AFTER_KILL = 30, 30  # submissions answered 303 before the kill, and after it, at least


def _check_state(visitor: Visitor, code: str) -> str:
    """Walk every page of the form through nginx to "Check your answers"; that page's sealed state."""
    status, page, location = visitor.request("GET", f"/feedback/{code}")
    url = f"/feedback/{code}"
    for _ in range(20):
        assert status == 200, f"{url} gave {status}"
        if CHECK_HEADING in page:
            return state_of(page)
        status, _, location = visitor.request("POST", url, {**ANSWERS, "state": state_of(page)})
        assert status == 303, f"posting {url} gave {status}"
        parts = urlsplit(location)
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        status, page, _ = visitor.request("GET", url)
    raise AssertionError("never reached Check your answers")


def _copies(state: str, count: int) -> list[tuple[str, str]]:
    """(sealed state, submission id) pairs: the same answers, each with a new one-time submission id."""
    loaded = form_state.load(state)
    assert loaded is not None
    out = []
    for _ in range(count):
        loaded.token = feedback.new_token()
        out.append((form_state.dump(loaded), loaded.token))
    return out


def test_killing_one_app_server_mid_load_loses_no_submission_that_was_answered(cluster, site):
    session = make_session(f"KL{secrets.token_hex(3).upper()}", expected_young_people=1000)
    code = session.feedback_code
    pool = _copies(_check_state(cluster.visitor(), code), 600)
    answered: list[tuple[str, int]] = []  # (submission id, app server port) of every 303
    other: list[int] = []
    lock, stop = threading.Lock(), threading.Event()
    ports = {str(app.port): app.port for app in cluster.apps}

    def send(item: tuple[str, str]) -> None:
        if stop.is_set():
            return
        sealed, token = item
        visitor = cluster.visitor()
        try:
            status, _, location = visitor.request("POST", f"/feedback/{code}/check", {"state": sealed, "next": "next"})
        except (OSError, http.client.HTTPException):
            status, location = 0, ""  # cut off before an answer: nothing was promised
        with lock:
            if status == 303 and location.endswith("/thanks"):
                answered.append((token, ports.get(visitor.upstream.rsplit(":", 1)[-1], 0)))
            else:
                other.append(status)

    victim = cluster.apps[0]
    try:
        with ThreadPoolExecutor(max_workers=THREADS) as threads:
            futures = [threads.submit(send, item) for item in pool]
            assert wait_until(lambda: len(answered) >= BEFORE_KILL, timeout=60), "the load never got going"
            victim.kill()
            killed_at = len(answered)
            assert wait_until(lambda: len(answered) >= killed_at + AFTER_KILL, 60), "no answers after the kill"
            stop.set()
            for future in futures:
                future.result()
    finally:
        stop.set()
        cluster.restart(0)  # the other tests need both servers, whatever happened here

    stored = set(db.session.scalars(sa.select(SubmissionToken.token_hash)))
    lost = [token for token, _ in answered if feedback.token_hash(token) not in stored]
    by_server = {port: sum(1 for _, p in answered if p == port) for port in ports.values()}
    assert lost == [], f"{len(lost)} of {len(answered)} submissions answered 303 are not in the database ({by_server})"
    assert all(by_server.values()), f"both servers should have answered some: {by_server}"
    assert set(other) <= {502, 0}, f"unexpected answers: {sorted(set(other))}"
