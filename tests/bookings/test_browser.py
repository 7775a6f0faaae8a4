"""A group leader books in Chromium and follows the request; a coordinator declines it; axe-core throughout."""

from __future__ import annotations

import re

import pytest

from tests.bookings.conftest import in_days
from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser


def _fill_booking_form(page, postcode: str) -> None:
    page.get_by_label("Name of your organisation or group").fill("Huntingdon Youth Forum")
    page.get_by_label("Youth club").check()
    page.get_by_label("Your full name").fill("Alex Leader")
    page.get_by_label("Your role in the group").fill("Youth worker")
    page.get_by_label("Email address").fill("alex.leader@example.org")
    page.get_by_label("UK phone number").fill("01480 123456")
    page.get_by_label("District").select_option("huntingdonshire")
    page.get_by_label("Venue address").fill("Community Centre\nHigh Street, Huntingdon")
    page.get_by_label("Venue postcode").fill(postcode)
    page.get_by_label("How many young people do you expect?").fill("15")
    page.get_by_label("Youngest age").fill("14")
    page.get_by_label("Oldest age").fill("17")
    page.locator("#date_1").fill(in_days(28).isoformat())
    page.locator("#part_1-2").check()
    page.get_by_label("Both stop and search and use of force").check()
    page.get_by_label("A responsible adult from our group will be present").check()
    page.get_by_label("You may contact me about this request").check()


def test_leader_books_and_coordinator_declines(page, live_server, mailbox, staff_in_browser):
    page.goto(live_server("/roadshow/"))
    assert_accessible(page)
    page.get_by_role("link", name="Request a session").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Request a roadshow session"
    assert_accessible(page)

    _fill_booking_form(page, postcode="PE29")  # one mistake
    page.get_by_role("button", name="Send request").click()
    summary = page.get_by_role("alert")
    assert "Enter a real UK postcode" in summary.inner_text()
    assert page.get_by_label("Your full name").input_value() == "Alex Leader"  # input kept
    assert_accessible(page)

    summary.get_by_role("link", name=re.compile("postcode")).click()
    assert page.evaluate("document.activeElement.id") == "postcode"
    page.get_by_label("Venue postcode").fill("PE29 3TN")
    page.get_by_role("button", name="Send request").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Request sent"
    reference = re.search(r"RS-\d{4}-\d{4}", page.locator(".booking-reference").inner_text()).group(0)

    email = mailbox.to("alex.leader@example.org")[-1]
    link = re.search(r"http://\S+/roadshow/booking/\S+", mailbox.text(email)).group(0)
    page.goto(link)
    assert page.locator(".booking-status-label").inner_text() == "Requested"
    assert reference in page.content()
    assert_accessible(page)

    staff_in_browser("coordinator")
    page.get_by_role("navigation", name="Staff").get_by_role("link", name="Requests").click()
    assert_accessible(page)
    page.get_by_label("Organisation or reference").fill(reference)
    page.get_by_role("button", name="Show requests").click()
    page.get_by_role("link", name=reference).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Huntingdon Youth Forum"
    assert_accessible(page)
    page.get_by_text("Decline this request").click()
    page.get_by_label("Reason the group will see").first.fill("We have no facilitators free before the summer.")
    page.get_by_role("button", name="Decline request").click()
    assert "has been declined" in page.get_by_role("status").first.inner_text()

    page.goto(link)
    assert page.locator(".booking-status-label").inner_text() == "Declined"
    assert "We have no facilitators free before the summer." in page.locator(".booking-status").inner_text()
    assert "declined" in mailbox.to("alex.leader@example.org")[-1]["Subject"]


def test_resend_link_and_wrong_link_pages_are_accessible(page, live_server):
    page.goto(live_server("/roadshow/manage-link"))
    assert_accessible(page)
    page.get_by_role("button", name="Send me a new link").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)
    response = page.goto(live_server("/roadshow/booking/not-a-real-token"))
    assert response.status == 404
