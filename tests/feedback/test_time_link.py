"""No time link: once feedback is given, nothing written anywhere can time it or put it in order.

Feedback is sent over HTTP to the real app twice: served by Werkzeug's development server, and by
gunicorn with the production configuration and its access log written to a file. Then every row the
submissions added to the database (every table, every column) and every log line written meanwhile
are searched for the session's code, the form's endpoint names, its path and the time of day it
happened (hours and minutes in UTC or London time, or a Unix timestamp). Ids that refer to a
response or a comment must be random, so they cannot put submissions in order either.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import logging
import re
import threading
import time
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from roadshow.extensions import db
from roadshow.models import AuditEntry
from roadshow.services.reports import rollup as report_rollup
from tests.feedback.factories import ANSWERS, CHECK_HEADING, STEP1, complete, make_session, post_page, state_of
from tests.ops.servers import Browserish, Gunicorn, gunicorn
from tests.support.app import make_app

ENDPOINTS = ("feedback.start", "feedback.form", "feedback.thanks")
LONDON = ZoneInfo("Europe/London")
# Tables that hold answers or point at them: their ids must not count submissions.
RESPONSE_IDS = (
    ("feedback_responses", "id"),
    ("feedback_answers", "response_id"),
    ("feedback_comments", "id"),
)


def _rows(engine: sa.Engine) -> dict[str, set[str]]:
    """Every row of every table, each as one line of text."""
    tables = sa.inspect(engine).get_table_names()
    with engine.connect() as conn:
        return {
            t: {" | ".join(str(v) for v in row) for row in conn.execute(sa.text(f'SELECT * FROM "{t}"'))}  # noqa: S608
            for t in tables
        }


def _added(before: dict[str, set[str]], after: dict[str, set[str]]) -> list[tuple[str, str]]:
    return [(f"table {t}", row) for t, rows in after.items() for row in rows - before.get(t, set())]


def _times(started: float, ended: float) -> set[str]:
    """Every way the moment of sending could be written: HH:MM in UTC or London time, Unix seconds."""
    found: set[str] = set()
    for second in range(int(started) - 1, int(ended) + 2):
        moment = datetime.fromtimestamp(second, UTC)
        found |= {moment.strftime("%H:%M"), moment.astimezone(LONDON).strftime("%H:%M"), str(second)}
    return found


def _hits(written: list[tuple[str, str]], code: str, started: float, ended: float) -> list[tuple[str, str, str]]:
    # The path where a URL could stand (not inside a source file's name in a traceback).
    paths = {f"{before}/feedback" for before in (" ", '"', "'", "=", "[")}
    needles = {code, *paths, *ENDPOINTS, *_times(started, ended)}
    return [(where, needle, text[:160]) for where, text in written for needle in needles if needle in text]


def _send_feedback(port: int, code: str, times: int = 2) -> None:
    """Young people's journey over plain HTTP: type the code, answer three steps, see the thanks."""
    for _ in range(times):
        client = Browserish(port)
        status, _page = client.request("POST", "/feedback/", urlencode({"code": code}))
        assert status == 303
        status, page = client.request("GET", f"/feedback/{code}")
        for _page in range(20):  # every page, then "Check your answers"
            answers = {} if CHECK_HEADING in page else ANSWERS
            body = urlencode({**answers, "state": state_of(page)}, doseq=True)
            status, page = client.request("POST", f"/feedback/{code}", body)
            assert status == 303, page[:300]
            next_page = re.search(r'href="([^"]+)"', page).group(1)  # the redirect to the next page's address
            if next_page.endswith("/thanks"):
                break
            status, page = client.request("GET", next_page)
        assert client.request("GET", f"/feedback/{code}/thanks")[0] == 200


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@dataclass
class Served:
    port: int
    log: io.StringIO


@pytest.fixture
def werkzeug_server(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    """The app as `flask run` serves it; its own log handler (JSON, as in production) writes to a buffer."""
    # Alembic's logging setup in the test harness switches existing loggers off; a real server has them on.
    monkeypatch.setattr(logging.getLogger("werkzeug"), "disabled", False)
    served = make_app(database_url, LOG_FORMAT="json", REQUEST_LOG=True)
    buffer = io.StringIO()
    for handler in logging.getLogger().handlers:
        if getattr(handler, "_roadshow", False):
            handler.setStream(buffer)  # type: ignore[attr-defined]
    server = make_server("127.0.0.1", 0, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(server.server_port, buffer)
    finally:
        server.shutdown()
        thread.join(timeout=10)


def _check(hits: list[tuple[str, str, str]], stored: list[tuple[str, str]]) -> None:
    assert any(where == "table feedback_responses" for where, _ in stored), "nothing was stored"
    assert not hits, f"{len(hits)} traces of the submissions' code, path, endpoint or time: {hits[:10]}"


def test_nothing_written_by_the_app_times_feedback(app, werkzeug_server):
    session = make_session("TLK234")
    before = _rows(db.engine)
    started = time.time()
    _send_feedback(werkzeug_server.port, session.feedback_code)
    ended = time.time()
    report_rollup.refresh()  # as when the panel opens a report: the rollup's rows are searched too
    db.session.commit()
    log = [("app log", line) for line in _lines(werkzeug_server.log.getvalue())]
    stored = _added(before, _rows(db.engine))
    _check(_hits(log + stored, session.feedback_code, started, ended), stored)


HEALTHZ_LINE = '"logger": "gunicorn.access", "method": "GET", "status": 200, "bytes": 2,'  # "ok"


def _settled(server: Gunicorn, files: tuple[Path, ...]) -> dict[Path, int]:
    """Ask for /healthz and wait for its access line, so every earlier line is in the files; count them."""
    count = sum(len(_lines(path.read_text())) for path in files if path.exists())
    assert Browserish(server.port).request("GET", "/healthz")[0] == 200
    deadline = time.monotonic() + 20
    while sum(len(_lines(path.read_text())) for path in files if path.exists()) == count:
        assert time.monotonic() < deadline, "gunicorn logged nothing for /healthz"
        time.sleep(0.02)
    return {path: len(_lines(path.read_text())) if path.exists() else 0 for path in files}


@pytest.mark.slow
def test_nothing_written_by_gunicorn_times_feedback(app, database_url, tmp_path: Path):
    code = make_session("TLG234").feedback_code
    access, errors = tmp_path / "access.log", tmp_path / "error.log"
    env = {"DATABASE_URL": database_url, "GUNICORN_ACCESS_LOG": str(access)}
    with gunicorn(env, errors) as server:
        marks = _settled(server, (access, errors))
        before = _rows(db.engine)
        started = time.time()
        _send_feedback(server.port, code)
        ended = time.time()
        after = _settled(server, (access, errors))
        written = {path: _lines(path.read_text())[: after[path]] for path in (access, errors) if path.exists()}
    assert written.get(access), "gunicorn wrote no access log file"
    since = [(p.name, line) for p, lines in written.items() for line in lines[marks[p] : after[p]]]
    since = [(where, line) for where, line in since if HEALTHZ_LINE not in line and '"main.healthz"' not in line]
    # gunicorn's own lines (a worker starting) are not about a request; they are still searched for the code.
    by_requests = [(where, line) for where, line in since if '"gunicorn.error"' not in line]
    access_lines = [(where, "access line", line) for where, line in since if "gunicorn.access" in line]
    everything = [(p.name, line) for p, lines in written.items() for line in lines]
    stored = _added(before, _rows(db.engine))
    untimed = [h for h in _hits(everything, code, 0, 0) if h[1] not in _times(0, 0)]
    _check(_hits(by_requests + stored, code, started, ended) + untimed + access_lines, stored)


def test_ids_that_point_at_answers_are_random(app, client):
    session = make_session("IDS234")
    for _ in range(3):
        page = complete(client, session.feedback_code)
        assert page.status_code == 303
    orderable = []
    with db.engine.connect() as conn:
        for table, column in RESPONSE_IDS:
            for (value,) in conn.execute(sa.text(f"SELECT {column} FROM {table}")):  # noqa: S608
                try:
                    random_id = uuid.UUID(str(value)).version == 4
                except ValueError:
                    random_id = False
                if not random_id:
                    orderable.append(f"{table}.{column}={value}")
    assert not orderable, f"{len(orderable)} ids put submissions in order: {orderable[:6]}"


def _readable(state: str) -> bytes:
    """What anyone can read from a hidden state without the key: each part base64-decoded (and inflated)."""
    found = b""
    for part in state.split("."):
        try:
            raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except ValueError:
            continue
        with contextlib.suppress(zlib.error):
            raw += zlib.decompress(raw)
        found += raw
    return found


def test_the_hidden_state_shows_neither_the_age_nor_the_answers(app, client):
    session = make_session("STA234")
    first = client.get(f"/feedback/{session.feedback_code}")
    page = post_page(client, f"/feedback/{session.feedback_code}", {**STEP1, "state": state_of(first.text)})
    state = state_of(page.text)
    readable = _readable(state)
    assert b'"15"' not in readable and b"handcuffs" not in readable and b'"t"' not in readable
    from roadshow.feedback.state import load

    with app.test_request_context():
        answers = load(state).answers
    assert "age" not in answers and answers.get("age_band") == "13-15"


def test_paper_forms_are_audited_once_per_batch(client, users, login):
    session = make_session("PBA234", status="delivered")
    login(users["coordinator"])
    url = f"/staff/sessions/{session.id}/paper"
    for _ in range(3):
        page = client.get(url)
        for _page in range(20):  # staff type in every page of the paper form; the last one saves it
            page = client.post(url, data={**ANSWERS, "state": state_of(page.text)})
            if page.status_code != 200:
                break
        assert page.status_code == 303
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action.like("feedback.paper%"))).all()
    assert len(entries) == 1, f"{len(entries)} audit entries for 3 paper forms"
    assert "3 paper responses" in entries[0].detail
    assert entries[0].object_id == str(session.id)


def test_an_error_during_feedback_is_logged_with_the_date_only(database_url, monkeypatch):
    served = make_app(database_url, LOG_FORMAT="json", FRIENDLY_ERRORS_IN_TESTS=True)
    buffer = io.StringIO()
    for handler in logging.getLogger().handlers:
        if getattr(handler, "_roadshow", False):
            handler.setStream(buffer)  # type: ignore[attr-defined]

    def broken(_code: str) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr("roadshow.services.feedback.intake.lookup_session", broken)
    # Alembic's logging setup in the test harness switches existing loggers off; a real server has them on.
    monkeypatch.setattr(logging.getLogger("roadshow.main.errors"), "disabled", False)
    started = time.time()
    assert served.test_client().get("/feedback/ERR234").status_code == 500
    lines = [json.loads(line) for line in _lines(buffer.getvalue())]
    (error,) = [line for line in lines if line["level"] == "ERROR"]  # ops still learn that it failed, and how
    assert error["ts"] == datetime.fromtimestamp(started, UTC).date().isoformat()
    assert "RuntimeError" in error["msg"] and "the database went away" in error["traceback"]
    assert not _hits([("app log", buffer.getvalue())], "ERR234", started, time.time())
