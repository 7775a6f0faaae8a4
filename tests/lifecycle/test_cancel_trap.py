"""The cancel trap: a booked session that staff cancel stays cancelled, with no false "offer withdrawn"."""

from __future__ import annotations

import re
from pathlib import Path

from roadshow.extensions import db
from roadshow.models.booking import BookingStatus
from roadshow.models.scheduling import SessionStatus
from roadshow.services import bookings
from roadshow.services.scheduling import visits

ROADSHOW = Path(__file__).resolve().parents[2] / "roadshow"
# The only SQLAlchemy listeners allowed: database plumbing, never a business rule.
ALLOWED_LISTENERS = {
    "roadshow/__init__.py": "SQLite pragmas on each new connection",
}


def test_staff_cancelling_a_booked_session_from_its_page_keeps_it_cancelled(client, login, users, booking, offered):
    session = offered(agreed_by_phone=True)
    login(users["coordinator"])
    client.post(f"/staff/sessions/{session.id}/cancel", data={"reason": "Facilitators unwell"})
    db.session.expire_all()
    assert session.status == SessionStatus.CANCELLED
    assert [e.action for e in session.events] == ["scheduled", "cancelled"]
    assert booking[0].status == BookingStatus.CANCELLED


def test_both_moves_in_one_unflushed_unit_of_work_leave_the_session_cancelled(booking, offered, staff):
    """The old listener rewrote this to withdrawn with an offer_withdrawn event (see the report)."""
    session = offered(agreed_by_phone=True)
    with db.session.no_autoflush:
        session.status = SessionStatus.CANCELLED  # as if a caller set it without flushing
        bookings.transition(booking[0], BookingStatus.CANCELLED, actor=staff.user, reason="Facilitators unwell")
    db.session.commit()
    assert session.status == SessionStatus.CANCELLED
    assert "offer_withdrawn" not in [e.action for e in session.events]


def test_cancelling_from_the_request_page_cancels_the_booked_session_once(booking, offered, staff):
    session = offered(agreed_by_phone=True)
    visits.cancel(booking[0], visits.live_session(booking[0]), "Hall closed", staff)
    db.session.commit()
    assert session.status == SessionStatus.CANCELLED
    assert [e.action for e in session.events] == ["scheduled", "cancelled"]


def test_no_sqlalchemy_listener_carries_a_business_rule():
    found = {}
    for path in ROADSHOW.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"listens_for|event\.listen\(|before_flush|after_flush|after_commit", text):
            found[str(path.relative_to(ROADSHOW.parent))] = text
    assert set(found) <= set(ALLOWED_LISTENERS), (
        f"listeners outside the allowed plumbing: {set(found) - set(ALLOWED_LISTENERS)}"
    )
    pragmas = found.get("roadshow/__init__.py", "")
    assert "BookingRequest" not in pragmas and "RoadshowSession" not in pragmas and "mail" not in pragmas
