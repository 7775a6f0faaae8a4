"""Feedback integrity, tried as an attacker would: every answer counted once, one client adds no more than a class.

Each test prints its figure ("FIGURE: ...", run with -s) so the before and after can be compared.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from freezegun import freeze_time

from roadshow.extensions import db
from roadshow.models import Comment, FeedbackAnswer, FeedbackResponse
from roadshow.services.feedback import intake as feedback
from roadshow.services.reports import rollup as report_rollup
from roadshow.services.scheduling import status as session_status
from roadshow.services.scheduling.sessions import Actor
from tests.feedback.factories import (
    ANSWERS,
    CHECK_HEADING,
    STEP1,
    STEP2,
    complete,
    make_session,
    post_page,
    state_of,
    to_check,
)
from tests.support.app import make_app

# A Tuesday morning in term time, later than the real clock: the in-memory rate-limit store expires its
# counts from a thread that freezegun leaves on the real clock, which must not wipe them early.
START = datetime(2030, 5, 14, 9, 0, tzinfo=UTC)
SCHOOL = {"REMOTE_ADDR": "198.51.100.20"}


def _figure(text: str) -> None:
    print(f"FIGURE: {text}")


def _count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where)) or 0


def _report_responses() -> int:
    """The report's "Responses" figure before disclosure control: what the rollup counts."""
    from roadshow.models.reports import RollupPerson

    report_rollup.refresh()
    db.session.commit()
    total = db.session.scalar(sa.select(sa.func.sum(RollupPerson.n)).where(RollupPerson.dimension == "age_band"))
    return int(total or 0)


def _open_session(code: str, **changes):
    """A session whose feedback opened at START, expecting a class of 30 where the model knows that."""
    session = make_session(code, **changes)
    session.feedback_opens_at = START - timedelta(hours=1)
    session.feedback_closes_at = START + timedelta(days=7)
    if hasattr(session, "expected_young_people"):
        session.expected_young_people = 30
    db.session.commit()
    return session


@pytest.fixture
def limited(app, database_url):
    """An app with its rate limits switched on, as in production (the `app` fixture empties the database)."""
    app = make_app(database_url, RATELIMIT_ENABLED=True)
    with app.app_context():
        yield app


def _paced_walk(client, code: str, clock, environ=SCHOOL, pause=timedelta(seconds=50), step1=STEP1, step2=STEP2):
    """One person: each step read for `pause` before pressing Next."""
    return complete(client, code, step1=step1, step2=step2, before_each=lambda: clock.tick(pause), environ_base=environ)


# Amplification -----------------------------------------------------------------------------------


def test_fifty_copies_of_one_option_store_one_answer(client):
    _open_session("AMP234")
    with freeze_time(START) as clock:
        reply = _paced_walk(client, "AMP234", clock, step1={**STEP1, "force": ["taser"] * 50})
    assert reply.status_code == 303
    stored = _count(FeedbackAnswer, FeedbackAnswer.question_key == "force")
    _figure(f"50 copies of force=taser stored {stored} answer rows")
    assert stored == 1


def test_an_unknown_option_or_question_sent_to_the_service_stores_nothing(app):
    session = _open_session("UNK234")
    answers = {"stopped": "sometimes", "force": ["laser", "laser"], "useful": "9", "hacked": "yes", "respect": "3"}
    sub = feedback.Submission(session.id, 1, "13-15", answers, feedback.new_token())
    feedback.submit(sub)
    db.session.commit()
    rows = db.session.execute(sa.select(FeedbackAnswer.question_key, FeedbackAnswer.value)).all()
    _figure(f"unknown options and questions stored {len(rows)} answer rows: {sorted(map(tuple, rows))}")
    assert rows == []  # "respect" does not apply: it is asked only of someone who was stopped


def test_an_unknown_option_on_the_form_shows_the_step_again(client):
    _open_session("UNF234")
    with freeze_time(START):
        reply = client.get("/feedback/UNF234")
        for _page in range(12):  # page after page until the one that asks about force shows the error
            if 'name="force"' in reply.get_data(as_text=True):
                break
            reply = post_page(client, "/feedback/UNF234", {**STEP1, "state": state_of(reply.get_data(as_text=True))})
        reply = client.post(
            "/feedback/UNF234", data={**STEP1, "force": ["laser"], "state": state_of(reply.get_data(as_text=True))}
        )
    assert reply.status_code == 200
    assert "Not a valid choice" in reply.get_data(as_text=True) or "error" in reply.get_data(as_text=True)
    assert _count(FeedbackAnswer) == 0


# Volume ------------------------------------------------------------------------------------------


def _honest_class(client, code: str, clock, people: int = 30) -> list:
    """`people` young people on one school network, walking the form side by side at a human pace."""
    url = f"/feedback/{code}"
    pages = [client.get(url, environ_base=SCHOOL) for _ in range(people)]
    while any(page.status_code == 200 for page in pages):
        clock.tick(timedelta(seconds=45))  # everyone reads the page; the last of them presses Next 30 s later
        replies = []
        for page in pages:
            clock.tick(timedelta(seconds=1))
            replies.append(post_page(client, url, _next_post(page), environ_base=SCHOOL))
        pages = replies
    return pages


def _next_post(page) -> dict:
    """What a young person sends from this page: the answers, or (from "Check your answers") just the state."""
    html = page.get_data(as_text=True)
    return {"state": state_of(html), **({} if CHECK_HEADING in html else ANSWERS)}


def _post_until_taken(client, url: str, data: dict):
    """Send a step; SQLite under contention may answer 503 ("busy, try again"), as a person would retry."""
    for _attempt in range(20):
        reply = post_page(client, url, data, environ_base=SCHOOL)
        if reply.status_code != 503:
            return reply
    return reply


def test_thirty_honest_walks_run_concurrently_from_one_address_are_all_counted(limited):
    """Thirty threads, one per young person, on one school address; the clock moves while they read."""
    _open_session("HON234")
    url = "/feedback/HON234"
    with freeze_time(START) as clock:
        reading = threading.Barrier(30, action=lambda: clock.tick(timedelta(seconds=50)))
        replies: list = []
        lock = threading.Lock()

        def young_person() -> None:
            client = limited.test_client()
            page = client.get(url, environ_base=SCHOOL)
            while page.status_code == 200:
                reading.wait(timeout=60)  # everyone reads the page before pressing Next
                page = _post_until_taken(client, url, _next_post(page))
            with lock:
                replies.append(page.status_code)

        people = [threading.Thread(target=young_person) for _ in range(30)]
        for person in people:
            person.start()
        for person in people:
            person.join(timeout=120)
    counted = _report_responses()
    _figure(f"30 concurrent honest walks from one address: {replies.count(303)} sent, {counted} counted")
    assert replies == [303] * 30
    assert counted == 30


def _after_an_honest_class(limited, code: str, attack: Callable) -> tuple[list[int], int, int]:
    """Thirty honest answers first, then attack(client, clock): its statuses, responses it added, and the margin."""
    client = limited.test_client()
    _open_session(code)
    with freeze_time(START) as clock:
        _honest_class(client, code, clock)
        before = _report_responses()
        statuses = attack(client, clock)
    return statuses, _report_responses() - before, limited.config.get("FEEDBACK_EXPECTED_MARGIN", 0)


def test_four_hundred_scripted_walks_in_a_minute_add_at_most_the_margin(limited):
    def scripted(client, clock) -> list[int]:
        clock.tick(timedelta(minutes=10))
        statuses = []
        for _ in range(400):  # one scripted client: 400 walks in 60 seconds, straight through
            statuses.append(complete(client, "VOL234", environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code)
            clock.tick(timedelta(seconds=0.15))
        return statuses

    statuses, added, margin = _after_an_honest_class(limited, "VOL234", scripted)
    _figure(f"400 scripted walks: {statuses.count(303)} accepted, {added} added to the report (margin {margin})")
    assert added <= margin


def test_prepared_walks_from_many_addresses_beyond_the_class_are_held(limited):
    """The attacker prepares forms, waits out the reading time, and uses many addresses: the class size holds."""
    url = "/feedback/PRE234"

    def prepared_walks(client, clock) -> list[int]:
        prepared = []
        for n in range(60):
            who = {"REMOTE_ADDR": f"192.0.2.{n + 1}"}
            page = client.get(url, environ_base=who)
            page = to_check(client, url, page, environ_base=who)
            prepared.append((who, state_of(page.get_data(as_text=True))))
        clock.tick(timedelta(minutes=5))
        return [client.post(url, data={"state": s}, environ_base=who).status_code for who, s in prepared]

    statuses, added, margin = _after_an_honest_class(limited, "PRE234", prepared_walks)
    _figure(f"60 prepared walks from 60 addresses: {statuses.count(303)} accepted, {added} added (margin {margin})")
    assert added <= margin


def test_comments_per_code_are_capped_each_hour(limited):
    client = limited.test_client()
    _open_session("CMT234")
    with freeze_time(START) as clock:
        for n in range(80):
            who = {"REMOTE_ADDR": f"192.0.2.{n + 1}"}
            _paced_walk(client, "CMT234", clock, environ=who, pause=timedelta(seconds=1))
    stored = _count(Comment)
    cap = limited.config.get("FEEDBACK_COMMENT_LIMIT", "none")
    _figure(f"80 walks with a comment in one hour: {stored} comments stored (cap {cap})")
    assert stored <= 40


def test_a_comment_that_mentions_harm_is_kept_past_the_cap(limited):
    """The cap bounds what one client can add to moderation; it never throws away a possible disclosure."""
    client = limited.test_client()
    _open_session("CMH234")
    worrying = {**STEP2, "differently": "someone at home hurts me and I am scared"}
    quick = timedelta(seconds=1)
    with freeze_time(START) as clock:
        for n in range(45):
            _paced_walk(client, "CMH234", clock, environ={"REMOTE_ADDR": f"192.0.2.{n + 1}"}, pause=quick)
        ordinary = _count(Comment)
        _paced_walk(client, "CMH234", clock, environ={"REMOTE_ADDR": "192.0.2.99"}, step2=worrying, pause=quick)
    kept = db.session.scalars(sa.select(Comment).where(Comment.flagged)).all()
    _figure(f"past the cap ({ordinary} ordinary comments kept), a comment about harm: {len(kept)} kept")
    assert [c.text for c in kept] == [worrying["differently"]]


# Cross-site --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
)
def test_a_cross_site_post_stores_nothing(client, headers):
    _open_session("XSS234")
    with freeze_time(START) as clock:
        reply = _paced_walk(
            client,
            "XSS234",
            clock,
            environ={**SCHOOL, **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}},
        )
    stored = _count(FeedbackResponse)
    _figure(f"cross-site walk {headers}: status {reply.status_code}, {stored} responses stored")
    assert stored == 0
    assert reply.status_code == 403


def test_a_same_origin_post_with_a_null_origin_is_taken(client):
    """A browser sends `Origin: null` under some referrer policies; Sec-Fetch-Site says it is ours."""
    _open_session("SAM234")
    environ = {"HTTP_ORIGIN": "null", "HTTP_SEC_FETCH_SITE": "same-origin"}
    with freeze_time(START) as clock:
        reply = _paced_walk(client, "SAM234", clock, environ={**SCHOOL, **environ})
    assert reply.status_code == 303
    assert _count(FeedbackResponse) == 1


# Closing early -----------------------------------------------------------------------------------


def test_a_submission_prepared_before_an_early_close_is_refused_in_both_workers(app, database_url):
    """Two apps on one database stand in for two gunicorn workers, each with production's settings."""
    workers = [make_app(database_url, FEEDBACK_SESSION_CACHE_SECONDS=10) for _ in range(2)]
    clients = [w.test_client() for w in workers]
    session = make_session("CLS234")
    url = "/feedback/CLS234"
    prepared = []
    for n in range(20):
        client = clients[n % 2]
        page = client.get(url)
        page = to_check(client, url, page)
        prepared.append((client, state_of(page.get_data(as_text=True))))
    session_status.close_feedback(session, Actor(label="test"))  # the coordinator closes it early
    db.session.commit()
    statuses = [client.post(url, data={"state": state}).status_code for client, state in prepared]
    stored = _count(FeedbackResponse)
    _figure(f"20 submissions prepared before an early close: {stored} stored after it")
    assert stored == 0
    assert all(s == 200 for s in statuses)
    assert all("closed" in c.get(url).get_data(as_text=True).lower() for c in clients)


def test_reopening_takes_effect_at_once_in_both_workers(app, database_url):
    workers = [make_app(database_url, FEEDBACK_SESSION_CACHE_SECONDS=10) for _ in range(2)]
    clients = [w.test_client() for w in workers]
    session = make_session("REO234")
    session_status.close_feedback(session, Actor(label="test"))
    db.session.commit()
    assert all("Continue" not in c.get("/feedback/REO234").get_data(as_text=True) for c in clients)
    session_status.reopen_feedback(session, Actor(label="test"))
    db.session.commit()
    assert all("Continue" in c.get("/feedback/REO234").get_data(as_text=True) for c in clients)


# Wrong codes -------------------------------------------------------------------------------------


def test_twenty_two_wrong_codes_then_the_right_one_still_reach_the_form(limited):
    client = limited.test_client()
    _open_session("RGT234")
    with freeze_time(START):
        wrong = [
            client.post("/feedback/", data={"code": f"WRG{n:03d}"}, environ_base=SCHOOL).status_code for n in range(22)
        ]
        right = client.post("/feedback/", data={"code": "rgt 234"}, environ_base=SCHOOL)
        form = client.get("/feedback/RGT234", environ_base=SCHOOL)
        again = client.post("/feedback/", data={"code": "WRG999"}, environ_base=SCHOOL)
    _figure(
        f"22 wrong codes ({wrong.count(429)} refused 429), then the right code: {right.status_code},"
        f" form {form.status_code}"
    )
    assert right.status_code == 303
    assert form.status_code == 200 and 'name="state"' in form.get_data(as_text=True)
    assert 429 in wrong  # guessing is still limited, with the code box there to try again
    assert again.status_code == 429 and "a lot of wrong codes came from here" in again.get_data(as_text=True)
