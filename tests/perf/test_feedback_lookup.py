"""Each worker keeps a session's feedback window for a few seconds; a change by staff shows after that."""

from __future__ import annotations

from datetime import timedelta

from roadshow.extensions import db
from roadshow.services import feedback
from roadshow.timeutil import utcnow
from tests.feedback.factories import make_session


def test_a_closed_window_shows_once_the_kept_copy_lapses(app, client, monkeypatch) -> None:
    app.config["FEEDBACK_SESSION_CACHE_SECONDS"] = 10
    clock = [1000.0]
    monkeypatch.setattr(feedback.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(feedback, "_REFS", {})
    session = make_session("PRF123")
    assert "Next" in client.get("/feedback/PRF123").get_data(as_text=True)

    session.feedback_closes_at = utcnow() - timedelta(minutes=1)  # staff close the window
    db.session.commit()
    clock[0] += 5
    assert "Next" in client.get("/feedback/PRF123").get_data(as_text=True)  # within the 10 seconds
    clock[0] += 6
    closed = client.get("/feedback/PRF123").get_data(as_text=True)
    assert "Next" not in closed
    assert 'name="state"' not in closed


def test_unknown_codes_are_not_found_and_do_not_grow_the_cache_without_end(app, client, monkeypatch) -> None:
    app.config["FEEDBACK_SESSION_CACHE_SECONDS"] = 10
    monkeypatch.setattr(feedback, "_REFS", {})
    for n in range(1005):
        assert feedback.lookup_session(f"ZZ{n:05d}") is None
    assert len(feedback._REFS) <= 1001
    assert client.get("/feedback/ZZ00001").status_code == 404
