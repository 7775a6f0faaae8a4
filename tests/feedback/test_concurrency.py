"""Fifty young people pressing "Send" at once: fifty responses, none lost, none doubled."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import Comment, FeedbackResponse, SubmissionToken
from tests.feedback.factories import ANSWERS, CHECK_HEADING, make_session, state_of, to_check

pytestmark = pytest.mark.slow
PEOPLE = 50


def _post(url: str, data: dict) -> tuple[int, str]:
    body = urllib.parse.urlencode(data, doseq=True).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=60) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _last_step_state(url: str) -> str:
    """Walk the three steps; the state of "Check your answers", to send them with."""
    with urllib.request.urlopen(url, timeout=60) as reply:
        page = reply.read().decode()
    while CHECK_HEADING not in page:  # every page; each redirect to the next page is followed
        status, page = _post(url, {**ANSWERS, "state": state_of(page)})
        assert status == 200
    return state_of(page)


def test_fifty_concurrent_submissions_make_fifty_responses(live_server):
    with live_server.app.app_context():
        make_session("CCC234")
    url = live_server("/feedback/CCC234")
    states = [_last_step_state(url) for _ in range(PEOPLE)]
    # Each final step is sent twice at the same moment (a double tap), so 100 posts race.
    senders = [state for state in states for _ in range(2)]
    start = threading.Barrier(len(senders))
    results: list[tuple[int, int]] = []  # (busy answers seen, final status)
    lock = threading.Lock()

    def send(state: str) -> None:
        start.wait()
        busy = 0
        for _attempt in range(20):
            status, page = _post(url, {"state": state})
            if status != 503:
                break
            assert "The service is busy" in page  # SQLite under contention says so: the person retries
            busy += 1
            time.sleep(0.2)
        assert "Thank you, your answers have been sent" in page
        with lock:
            results.append((busy, status))

    threads = [threading.Thread(target=send, args=(state,)) for state in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    print(f"busy answers retried: {sum(b for b, _s in results)}")
    assert len(results) == len(senders)
    assert all(status == 200 for _busy, status in results)
    with live_server.app.app_context():
        for model in (FeedbackResponse, SubmissionToken, Comment):
            assert db.session.scalar(sa.select(sa.func.count()).select_from(model)) == PEOPLE, model.__name__
        db.session.remove()


def test_a_busy_database_answers_503_and_the_retry_saves_exactly_once(client, monkeypatch):
    """What a young person sees when SQLite is locked: a friendly 503, then the retry works."""
    from sqlalchemy.exc import OperationalError

    from roadshow.services.feedback import intake as feedback

    make_session("BSY234")
    url = "/feedback/BSY234"
    page = to_check(client, url, client.get(url))
    final = {"state": state_of(page.get_data(as_text=True))}
    real_submit = feedback.submit
    calls = []

    def locked_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            real_submit(*args, **kwargs)  # wrote, then the commit-time lock fails it all
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        return real_submit(*args, **kwargs)

    monkeypatch.setattr(feedback, "submit", locked_once)
    busy = client.post(url, data=final)
    assert busy.status_code == 503
    assert "Your answers have not been saved yet" in busy.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) == 0
    retry = client.post(url, data=final)
    assert retry.status_code == 303
    for model in (FeedbackResponse, SubmissionToken, Comment):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(model)) == 1
