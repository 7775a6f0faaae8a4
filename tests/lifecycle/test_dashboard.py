"""The dashboard lists what needs someone to act, each with a link to the page where it is done."""

from __future__ import annotations

from datetime import timedelta

from roadshow.extensions import db
from roadshow.services import bookings
from roadshow.services.scheduling import visits
from roadshow.services.volunteers import intake as volunteers
from roadshow.transaction import commit_and_send
from tests.bookings.conftest import new_request


def test_needs_action_lists_requests_to_review_and_new_volunteers(client, login, users, booking, offered):
    request, _ = booking
    session = offered()
    login(users["coordinator"])
    page = client.get("/staff/").text
    assert request.reference not in page  # a date is offered: the group has to act, not us
    commit_and_send(visits.ask_for_another_date(request, session, "").notices)
    bookings.submit(new_request(organisation="Soham Youth Club"))
    volunteers.submit(
        volunteers.ApplicationInput(
            group="panel", first_name="Morgan", age=34, district="fenland", contact_by="email",
            email="morgan@example.com", consent=True,
        )
    )  # fmt: skip
    db.session.commit()
    page = client.get("/staff/").text
    assert "Needs action" in page
    assert f"/staff/requests/{request.id}" in page and "Under review: offer a date" in page
    assert "New request: start the review" in page
    assert "New volunteer application" in page


def test_a_session_that_has_ended_asks_for_its_attendance(client, login, users, offered):
    session = offered(agreed_by_phone=True)
    session.starts_at, session.ends_at = session.starts_at - timedelta(days=41), session.ends_at - timedelta(days=41)
    db.session.commit()  # the visit's day has passed
    login(users["coordinator"])
    page = client.get("/staff/").text
    assert f"/staff/sessions/{session.id}" in page and "record attendance" in page
