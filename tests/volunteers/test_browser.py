"""In Chromium: a 15-year-old applies with a parent's details; a coordinator takes it forward."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser


def test_get_involved_page_is_accessible(page, live_server):
    page.goto(live_server("/get-involved/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Get involved")
    assert_accessible(page)


def test_form_is_accessible_empty_and_with_errors(page, live_server):
    page.goto(live_server("/get-involved/apply"))
    assert_accessible(page)
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
    # The summary's links take you to the field.
    page.get_by_role("link", name="Enter your first name.").click()
    expect(page.get_by_label("Your first name")).to_be_focused()


def test_a_15_year_old_applies_and_a_coordinator_moves_it_to_contacted(page, live_server, mailbox, staff_in_browser):
    page.goto(live_server("/get-involved/"))
    page.get_by_role("link", name="Apply to join the youth team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Join the youth scrutiny team")

    page.get_by_label("Your first name").fill("Riley")
    page.get_by_label("How old are you?").fill("15")
    page.get_by_label("Peterborough").check()
    page.get_by_label("Your email address").fill("riley@example.com")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Your parent or carer's name").fill("Morgan Parent")
    page.get_by_label("Their phone number").fill("07700 900555")
    page.get_by_label("My parent or carer knows I am applying and agrees").check()
    page.get_by_label("Why would you like to join?").fill("I want police to be fair to people my age.")
    page.get_by_label("You can contact me about volunteering.").check()
    page.get_by_role("button", name="Send my application").click()

    expect(page.get_by_role("heading", name="Application sent")).to_be_visible()
    assert page.url.endswith("/get-involved/thank-you")
    reference = page.locator(".reference").inner_text()
    assert re.fullmatch(r"GI-\d{4}-\d{4}", reference)
    assert_accessible(page)
    [confirmation] = mailbox.to("riley@example.com")
    assert reference in confirmation["Subject"]

    staff_in_browser("coordinator")
    page.goto(live_server("/staff/volunteers"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Volunteer applications")
    row = page.get_by_role("row").filter(has_text=reference)
    expect(row).to_contain_text("Riley")
    expect(row).to_contain_text("New")
    assert_accessible(page)

    row.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Application {reference}")
    expect(page.get_by_text("Morgan Parent")).to_be_visible()
    page.get_by_label("Contacted").check()
    page.get_by_role("button", name="Update status").click()

    expect(page.get_by_role("status").filter(has_text=f"{reference} is now 'Contacted'.")).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="New to Contacted")).to_be_visible()
    assert_accessible(page)
    page.goto(live_server("/staff/volunteers?status=contacted"))
    expect(page.get_by_role("row").filter(has_text=reference)).to_contain_text("Contacted")


def test_staff_list_is_accessible_when_empty(page, staff_in_browser, live_server):
    staff_in_browser("coordinator")
    page.goto(live_server("/staff/volunteers"))
    expect(page.get_by_text("No applications yet.")).to_be_visible()
    assert_accessible(page)
