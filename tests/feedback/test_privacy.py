"""Nothing that could identify a young person or their device is stored, logged or set as a cookie."""

from __future__ import annotations

import logging
import re
import urllib.parse
import urllib.request

import pytest
import sqlalchemy as sa

from roadshow.extensions import db
from tests.feedback.factories import ANSWERS, CHECK_HEADING, STEP1, complete, make_session, state_of
from tests.support.app import make_app

FEEDBACK_TABLES = ("feedback_responses", "feedback_answers", "feedback_comments", "submission_tokens")
IDENTIFYING = re.compile(r"ip|addr|agent|browser|device|cookie|fingerprint|time|hour|minute|_at$", re.IGNORECASE)
# A date-time column the young person's visit could be read from. `moderated_at` records when a
# member of staff acted on a comment, days later, so it says nothing about the submission.
STAFF_ACTION_TIMES = {("feedback_comments", "moderated_at")}


def test_no_feedback_table_has_a_column_for_address_agent_or_time(app):
    inspector = sa.inspect(db.engine)
    for table in FEEDBACK_TABLES:
        for column in inspector.get_columns(table):
            name = column["name"]
            if (table, name) in STAFF_ACTION_TIMES:
                continue
            assert not IDENTIFYING.search(name), f"{table}.{name} looks identifying"
            type_name = type(column["type"]).__name__.upper()
            assert "TIME" not in type_name, f"{table}.{name} stores a time of day ({type_name})"


def test_no_feedback_page_sets_a_cookie(client):
    make_session("CKE234")
    url = "/feedback/CKE234"
    responses = [client.get("/feedback/"), client.post("/feedback/", data={"code": "cke 234"})]
    responses.append(client.post("/feedback/", data={"code": "NOPE99"}))
    page = client.get(url)
    responses.append(page)
    while page.status_code == 200:  # every page, then "Check your answers"
        html = page.get_data(as_text=True)
        answers = {} if CHECK_HEADING in html else ANSWERS
        page = client.post(url, data={**answers, "state": state_of(html)})
        responses.append(page)
        page = client.get(page.headers["Location"])  # each post leads to its next page's own address
        responses.append(page)
        if page.request.path.endswith("/thanks"):
            break
    young = client.post(url, data={"age": "12", "state": state_of(client.get(url).get_data(as_text=True))})
    responses.append(young)
    assert responses[-2].status_code == 200
    for response in responses:
        assert "Set-Cookie" not in response.headers, response.request.path
    assert client.get_cookie("session") is None


def test_a_submission_logs_no_address_or_user_agent(client, caplog):
    make_session("LOG234")
    caplog.set_level(logging.DEBUG)
    environ = {"REMOTE_ADDR": "203.0.113.77", "HTTP_USER_AGENT": "PhoneBrowser/7.7 (Unique-Device-42)"}
    response = complete(client, "LOG234", environ_base=environ)
    assert response.status_code == 303
    assert "203.0.113.77" not in caplog.text
    assert "Unique-Device-42" not in caplog.text


def test_the_development_server_access_log_leaves_out_feedback_pages(live_server, caplog, monkeypatch):
    # Alembic's logging setup in the test harness switches existing loggers off; a real server has it on.
    monkeypatch.setattr(logging.getLogger("werkzeug"), "disabled", False)
    with live_server.app.app_context():
        make_session("LOG234")
    caplog.set_level(logging.INFO, logger="werkzeug")
    url = live_server("/feedback/LOG234")
    with urllib.request.urlopen(url) as reply:
        page = reply.read().decode()
    data = urllib.parse.urlencode({**STEP1, "state": state_of(page)}, doseq=True).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data)) as reply:
        assert reply.status == 200
    with urllib.request.urlopen(live_server("/privacy")) as reply:
        assert reply.status == 200
    feedback_lines = [r.getMessage() for r in caplog.records if "/feedback/" in r.getMessage()]
    assert feedback_lines == []  # not even without the address: the time alone says when someone answered
    other = [r.getMessage() for r in caplog.records if "/privacy" in r.getMessage()]
    assert other and "127.0.0.1" in other[0]  # the filter touches feedback lines only


@pytest.fixture
def limited_client(database_url):
    app = make_app(database_url, RATELIMIT_ENABLED=True)
    with app.app_context():
        yield app.test_client()


def test_guessing_codes_is_rate_limited_but_a_right_code_never_counts(limited_client):
    make_session("RAT234")
    for _ in range(30):
        assert limited_client.post("/feedback/", data={"code": "RAT234"}).status_code == 303
    answers = [limited_client.post("/feedback/", data={"code": f"GUE{n:03d}"}).status_code for n in range(12)]
    assert answers[:10] == [404] * 10
    assert answers[10:] == [429, 429]
    assert limited_client.get("/feedback/GUESS1").status_code == 429  # the form address shares the limit


def test_step_pages_are_never_kept_in_a_shared_devices_cache(client):
    make_session("CAC234")
    page = client.get("/feedback/CAC234")
    assert page.headers["Cache-Control"] == "no-store"
    step2 = client.post("/feedback/CAC234", data={**STEP1, "state": state_of(page.get_data(as_text=True))})
    assert step2.headers["Cache-Control"] == "no-store"
