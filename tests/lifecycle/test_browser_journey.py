"""In Chromium, over real SMTP: request -> first link -> offer -> the first link still works -> ask for
another date (the coordinator is emailed) -> a new offer -> accept -> the reminder -> delivered."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from roadshow.extensions import db
from roadshow.models.booking import BookingRequest
from roadshow.models.scheduling import RoadshowSession, SessionStatus
from roadshow.services.scheduling.reminders import send_reminders
from tests.bookings.conftest import in_days
from tests.bookings.test_browser import _fill_booking_form
from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser
LEADER = "alex.leader@example.org"


def _make_offer(page, live_server, request_id: int, staff_name: str, day: str) -> None:
    page.goto(live_server(f"/staff/requests/{request_id}"))
    page.get_by_role("link", name="Make an offer").click()
    page.get_by_label("Date", exact=True).fill(day)
    page.get_by_label(staff_name).check()
    page.get_by_role("button", name="Make the offer").click()
    assert page.get_by_role("status").first.inner_text().startswith("Offer sent")


def test_a_booking_from_request_to_delivery(page, live_server, mailbox, staff_in_browser):
    # The group asks for a session and keeps the link from the first email.
    group = page.context.browser.new_context()
    leader = group.new_page()
    leader.goto(live_server("/roadshow/book"))
    _fill_booking_form(leader, postcode="PE29 3TN")
    leader.get_by_role("button", name="Send request").click()
    first_link = re.search(r"http://\S+/roadshow/booking/\S+", mailbox.text(mailbox.to(LEADER)[-1])).group(0)
    leader.goto(first_link)
    assert leader.locator(".booking-status-label").inner_text() == "Requested"
    request = db.session.query(BookingRequest).one()

    # The coordinator reviews it and offers a date.
    me = staff_in_browser("coordinator")
    page.goto(live_server(f"/staff/requests/{request.id}"))
    page.get_by_role("button", name="Start review").click()
    _make_offer(page, live_server, request.id, me.name, in_days(28).isoformat())
    offer_email = mailbox.to(LEADER)[-1]
    assert "offer" in offer_email["Subject"] and first_link in mailbox.text(offer_email)

    # The first link still works; the group asks for another date, and the coordinator hears of it.
    leader.goto(first_link)
    assert leader.get_by_role("heading", name="The date we can offer you").is_visible()
    assert_accessible(leader)
    leader.get_by_role("link", name="Ask for another date").click()
    leader.get_by_label("Which dates or times would suit you better?").fill("Thursdays suit us better")
    leader.get_by_role("button", name="Ask for another date").click()
    assert "another date" in leader.get_by_role("status").first.inner_text()
    to_coordinator = mailbox.to(me.email)[-1]
    assert "asks for another date" in to_coordinator["Subject"]
    assert "Thursdays suit us better" in mailbox.text(to_coordinator)

    # A new offer; the group accepts it from the same first link.
    _make_offer(page, live_server, request.id, me.name, in_days(35).isoformat())
    leader.goto(first_link)
    leader.get_by_role("button", name="Accept this date").click()
    assert "your session is booked" in leader.get_by_role("status").first.inner_text()
    assert_accessible(leader)
    booked = next(m for m in mailbox.to(LEADER) if "is booked" in m["Subject"])
    assert first_link in mailbox.text(booked) and "a responsible adult" in mailbox.text(booked)

    # Three days before, the reminder; after the visit, staff mark it delivered.
    session = db.session.query(RoadshowSession).filter_by(status=SessionStatus.SCHEDULED).one()
    assert send_reminders(now=session.starts_at - timedelta(days=3)).session_reminders == 1
    assert "coming up" in mailbox.to(LEADER)[-1]["Subject"]
    session.starts_at, session.ends_at = session.starts_at - timedelta(days=36), session.ends_at - timedelta(days=36)
    db.session.commit()  # the day of the visit has passed
    page.goto(live_server(f"/staff/sessions/{session.id}"))
    page.get_by_label("Young people who came").fill("17")
    page.get_by_role("button", name="Mark as delivered").click()
    assert "Marked as delivered" in page.get_by_role("status").first.inner_text()
    leader.goto(first_link)
    assert leader.locator(".booking-status-label").inner_text() == "Delivered"
    group.close()
