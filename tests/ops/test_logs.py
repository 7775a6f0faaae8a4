"""The request log line: JSON, useful, and with nothing that could identify the person asking."""

from __future__ import annotations

import json

from tests.support.app import make_app

LEAKS = ("198.51.100.23", "someone@example.org", "hunter2-password", "NosyBrowser", "from-here.example", "/staff")


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_request_line_is_json_with_no_address_email_agent_or_query(database_url, capsys):
    app = make_app(database_url, LOG_FORMAT="json")  # built here so its handler writes to capsys
    client = app.test_client()
    response = client.post(
        "/staff/login?next=/staff/users&email=someone@example.org",
        data={"email": "someone@example.org", "password": "hunter2-password"},
        environ_base={"REMOTE_ADDR": "198.51.100.23"},
        headers={"User-Agent": "NosyBrowser/1.0", "Referer": "https://from-here.example/?q=1"},
    )
    assert response.status_code == 200
    err = capsys.readouterr().err
    requests = [e for e in _lines(err) if e["logger"] == "roadshow.request"]
    assert len(requests) == 1
    line = requests[0]
    assert line["method"] == "POST" and line["endpoint"] == "auth.login" and line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    for leak in LEAKS:
        assert leak not in err, f"{leak!r} appeared in the log"


def test_unknown_pages_are_logged_without_their_path(database_url, capsys):
    app = make_app(database_url, LOG_FORMAT="json")
    app.test_client().get("/bookings/manage/secret-token-123")
    err = capsys.readouterr().err
    (line,) = [e for e in _lines(err) if e["logger"] == "roadshow.request"]
    assert line["status"] == 404 and line["endpoint"] == "-"
    assert "secret-token-123" not in err


def test_text_format_for_development_and_request_log_can_be_turned_off(database_url, capsys):
    app = make_app(database_url, LOG_FORMAT="text")
    app.test_client().get("/healthz")
    err = capsys.readouterr().err
    assert "roadshow.request: request method=GET endpoint=main.healthz status=200" in err

    quiet = make_app(database_url, LOG_FORMAT="json", REQUEST_LOG=False)
    quiet.test_client().get("/healthz")
    assert "roadshow.request" not in capsys.readouterr().err
