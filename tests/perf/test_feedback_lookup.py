"""The public form reads its session afresh on every request: a change by staff shows on the next one."""

from __future__ import annotations

from datetime import timedelta

from roadshow.extensions import db
from roadshow.timeutil import utcnow
from tests.feedback.factories import make_session


def test_a_closed_window_shows_on_the_very_next_request(app, client) -> None:
    session = make_session("PRF123")
    assert "Continue" in client.get("/feedback/PRF123").get_data(as_text=True)
    session.feedback_closes_at = utcnow() - timedelta(minutes=1)  # staff close the window
    db.session.commit()
    closed = client.get("/feedback/PRF123").get_data(as_text=True)
    assert "Continue" not in closed
    assert 'name="state"' not in closed


def test_unknown_codes_are_not_found(app, client) -> None:
    assert client.get("/feedback/ZZ00001").status_code == 404
