"""In Chromium: a resident subscribes and confirms, a coordinator sends the edition, the resident unsubscribes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from roadshow.extensions import db
from roadshow.services.news.demo import seed_spring_edition
from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser


def _link(mailbox, address: str, kind: str) -> str:
    message = mailbox.to(address)[-1]
    return re.search(rf"http://\S+/news/{kind}/\S+", mailbox.text(message)).group(0)


def test_subscribe_confirm_receive_and_unsubscribe(page, live_server, mailbox, staff_in_browser):
    seed_spring_edition()
    db.session.commit()
    resident = "resident@example.org"

    page.goto(live_server("/news/subscribe"))
    assert_accessible(page)
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Email address").fill(resident)
    page.get_by_label("First name").fill("Robin")
    page.get_by_label("Yes, email me the Commissioner's newsletter").check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    page.goto(_link(mailbox, resident, "subscribe/confirm"))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are subscribed")
    assert_accessible(page)

    staff_in_browser("coordinator")
    page.goto(live_server("/staff/news/"))
    page.get_by_role("link", name=re.compile(r"Email to subscribers\W+Spring 2026")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Email Spring 2026 to subscribers")
    assert_accessible(page)
    page.get_by_role("button", name="Send to 1 subscriber").click()
    expect(page.get_by_role("alert")).to_contain_text("Tick the box to confirm")
    assert_accessible(page)
    page.get_by_label(re.compile("I have checked the preview")).check()
    page.get_by_role("button", name="Send to 1 subscriber").click()
    expect(page.get_by_text("Sent to 1 subscriber.")).to_be_visible()
    expect(page.get_by_text("sent to 1 of 1 subscribers")).to_be_visible()
    assert_accessible(page)

    page.goto(live_server("/staff/news/subscribers"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter subscribers")
    assert_accessible(page)

    edition_email = mailbox.to(resident)[-1]
    assert edition_email["Subject"] == "News from your Commissioner: Spring 2026"
    assert "Operation Hypernova 2" in mailbox.html(edition_email)

    page.goto(_link(mailbox, resident, "unsubscribe"))
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have unsubscribed")
    assert_accessible(page)
