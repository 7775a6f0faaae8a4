"""In Chromium: the failed-email page and a newsletter send's progress pass axe, and their buttons work."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from roadshow.extensions import db
from roadshow.models import EditionSend, OutboundEmail, Subscriber
from roadshow.services import mail
from roadshow.services.news import newsletter, subscribers
from tests.mailqueue.conftest import work_here
from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser


def test_an_admin_sends_a_failed_email_again_from_an_accessible_page(
    page, live_server, mailbox, staff_in_browser, make_edition
):
    msg = mail.build("sam.leader@example.org", "Your roadshow request RS-2026-0001", "Hello")
    db.session.add(OutboundEmail(subject=msg["Subject"], raw=msg.as_bytes(), status="failed", attempts=4,
                                 last_error="SMTPRecipientsRefused"))  # fmt: skip
    stopped = make_edition("Winter 2026")
    db.session.add(EditionSend(edition_id=stopped.id, status=newsletter.STALLED))
    db.session.commit()

    staff_in_browser("admin")
    page.goto(live_server("/staff/"))
    page.get_by_role("link", name="Failed email").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Email that could not be sent")
    expect(page.get_by_role("cell", name="sam.leader@example.org")).to_be_visible()
    expect(page.get_by_role("link", name="Winter 2026")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Try again to send email 1").click()
    expect(page.get_by_role("status").filter(has_text="Email 1 has been sent.")).to_be_visible()
    expect(page.get_by_text("No email is waiting here.")).to_be_visible()
    assert_accessible(page)
    assert [m["Subject"] for m in mailbox.to("sam.leader@example.org")] == ["Your roadshow request RS-2026-0001"]


def test_a_newsletter_send_returns_at_once_and_its_page_shows_progress(
    page, live_server, mailbox, staff_in_browser, make_edition, make_article, redis_url
):
    live_server.app.config.update(REDIS_URL=redis_url)
    edition = make_edition("Spring 2026")
    make_article(edition, "Hotspot patrols")
    db.session.add_all(
        Subscriber(email=e, email_hash=subscribers.email_hash(e), status="confirmed")
        for e in ("a@example.org", "b@example.org", "c@example.org")
    )
    db.session.commit()

    staff_in_browser("coordinator")
    page.goto(live_server(f"/staff/news/editions/{edition.id}/send"))
    page.get_by_label(re.compile("want to email this edition")).check()
    page.get_by_role("button", name="Send to 3 subscribers").click()
    expect(page.get_by_text("Sending has started: 3 to go.")).to_be_visible()
    expect(page.get_by_text("In progress: sent to 0 of 3 subscribers.")).to_be_visible()
    assert_accessible(page)
    assert mailbox.messages == []

    with live_server.app.app_context():
        work_here()
    page.get_by_role("link", name="Refresh to see how far it has got").click()
    expect(page.get_by_text("Finished: sent to 3 of 3 subscribers.")).to_be_visible()
    assert_accessible(page)
    assert len(mailbox.messages) == 3
