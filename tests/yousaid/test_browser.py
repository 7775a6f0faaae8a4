"""In Chromium: a panel member writes a finding, a coordinator responds and publishes, young people read it,
and the group that hosted a session that quarter gets the link by email over real SMTP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from roadshow.extensions import db
from tests.support.fixtures import assert_accessible
from tests.yousaid.factories import hosted_session, last_quarter

pytestmark = pytest.mark.browser

FINDING = "Young people told us officers often did not explain why they were searching."
RESPONSE = "From June, every officer's briefing includes the reasons they must give for a search."


def test_finding_response_publish_public_page_and_email(page, live_server, mailbox, staff_in_browser):
    period = last_quarter()
    hosted_session(period, "leader@wisbech-youth.example.org", "Wisbech Youth Club")
    db.session.commit()

    staff_in_browser("panel")
    page.get_by_role("link", name="You said, we did").first.click()
    page.get_by_role("link", name=period.label).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"You said, we did: {period.label}")
    expect(page.get_by_role("button", name="Publish this period")).to_have_count(0)
    page.get_by_label("Finding", exact=True).fill(FINDING)
    page.get_by_role("button", name="Save finding").click()
    expect(page.get_by_text(FINDING)).to_be_visible()
    expect(page.get_by_role("link", name="Add a response to finding 1")).to_have_count(0)
    assert_accessible(page)

    page.context.clear_cookies()
    staff_in_browser("coordinator")
    page.goto(live_server(f"/staff/you-said-we-did/{period.code}"))
    page.get_by_role("link", name="Add a response to finding 1").click()
    page.get_by_label("Cambridgeshire Constabulary").check()
    page.get_by_label("What they did or will do").fill(RESPONSE)
    page.get_by_label("Done", exact=True).check()
    page.get_by_role("button", name="Save response").click()
    expect(page.get_by_text(RESPONSE)).to_be_visible()
    page.get_by_role("button", name="Publish this period").click()
    expect(page.get_by_role("status")).to_contain_text("1 hosting groups have been sent the link")

    # A young person on a browser of their own (a fresh context: no staff cookie can come back late).
    reader = page.context.browser.new_context().new_page()
    reader.goto(live_server("/"))
    reader.get_by_role("link", name="You said, we did").first.click()
    section = reader.locator(f"#period-{period.code}")
    expect(section.get_by_role("heading", level=2)).to_be_visible()
    expect(section.get_by_text(FINDING)).to_be_visible()
    expect(section.get_by_text(RESPONSE)).to_be_visible()
    expect(section.get_by_text("Done", exact=True)).to_be_visible()
    assert_accessible(reader)
    reader.context.close()

    [message] = mailbox.to("leader@wisbech-youth.example.org")
    assert live_server(f"/you-said-we-did#period-{period.code}") in mailbox.text(message)
    assert len(mailbox.messages) == 1
