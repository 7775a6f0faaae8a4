"""The whole journey in Chromium, each person in their own browser:

a group leader requests a session → a coordinator reviews it and offers a date → the leader accepts
from the emailed link → the session is delivered → three young people give feedback by code on a
phone → a coordinator approves a comment → a panel member reads the report and exports the CSV.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from roadshow.extensions import db
from roadshow.models import FeedbackResponse, RoadshowSession
from roadshow.services.accounts import users
from roadshow.timeutil import utcnow
from tests.bookings.test_browser import _fill_booking_form
from tests.support.fixtures import PASSWORD, assert_accessible

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
COMMENT = "Explain the reason for the search before anything else happens."


def _person(browser, **options):
    return browser.new_context(**options).new_page()


def _sign_in(page, live_server, role: str):
    user = users.create(f"journey.{role}@example.org", f"Journey {role.title()}", role, PASSWORD)
    db.session.commit()
    page.goto(live_server("/staff/login"))
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return user


def _give_feedback(phone, live_server, code: str, *, age: str, stopped: str, comment: str = "") -> None:
    phone.goto(live_server("/feedback/"))
    phone.get_by_label("Your session code").fill(code.lower())
    phone.get_by_role("button", name="Continue").click()
    choices = {
        "How old are you?": age,
        "Have police ever stopped and searched you?": stopped,
        "Was today's session useful?": "4",
        "Where do you live?": "Huntingdonshire, like Huntingdon, St Ives or St Neots",
    }
    for _page in range(12):  # one short page after another, answering what each asks
        if phone.get_by_role("heading", level=1).inner_text() == "Check your answers before sending them":
            break
        for question, option in choices.items():
            group = phone.get_by_role("group", name=question)
            if group.count():
                group.get_by_label(option, exact=True).check()
        box = phone.get_by_label("What should police do differently?")
        if comment and box.count():
            box.fill(comment)
        phone.get_by_role("button", name="Continue").click()
    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Thank you, your answers have been sent")


def test_request_to_report(browser, live_server, mailbox):
    # A browser robot answers faster than anyone could read, which holds a response for review;
    # that rule has its own tests (tests/feedback/test_integrity.py): here the young people count.
    live_server.app.config["FEEDBACK_MIN_SECONDS"] = 0
    # 1. A group leader requests a session and gets a private link by email.
    leader = _person(browser)
    leader.goto(live_server("/roadshow/book"))
    _fill_booking_form(leader, postcode="PE29 3TN")
    leader.get_by_role("button", name="Send request").click()
    assert leader.get_by_role("heading", level=1).inner_text() == "Request sent"
    reference = re.search(r"RS-\d{4}-\d{4}", leader.locator(".booking-reference").inner_text()).group(0)

    # 2. A coordinator finds it, starts a review and offers the group's first date.
    coordinator = _person(browser)
    me = _sign_in(coordinator, live_server, "coordinator")
    coordinator.get_by_role("navigation", name="Staff").get_by_role("link", name="Requests").click()
    coordinator.get_by_role("link", name=reference).click()
    coordinator.get_by_role("button", name="Start review").click()
    coordinator.get_by_role("link", name="Make an offer").click()
    coordinator.get_by_label(me.name).check()
    coordinator.get_by_role("button", name="Make the offer").click()
    assert coordinator.get_by_role("status").first.inner_text().startswith("Offer sent")

    # 3. The leader accepts from the link in the offer email and receives an invitation.
    offer = next(m for m in mailbox.to("alex.leader@example.org") if "offer" in m["Subject"])
    leader.goto(re.search(r"http://\S+/roadshow/booking/[\w-]+", mailbox.text(offer)).group(0))
    leader.get_by_role("button", name="Accept this date").click()
    assert "your session is booked" in leader.get_by_role("status").first.inner_text()
    invite = next(m for m in mailbox.to("alex.leader@example.org") if "booked" in m["Subject"])
    assert next(invite.iter_attachments()).get_content_type() == "text/calendar"

    # 4. The day comes (the session is moved to now), and the coordinator marks it delivered.
    session = db.session.scalar(sa.select(RoadshowSession))
    start = utcnow() - timedelta(hours=2)
    session.starts_at, session.ends_at = start, start + timedelta(hours=2)
    session.feedback_opens_at, session.feedback_closes_at = start, start + timedelta(days=7)
    db.session.commit()
    coordinator.goto(live_server(f"/staff/sessions/{session.id}"))
    coordinator.get_by_label("Young people who came").fill("14")
    coordinator.get_by_role("button", name="Mark as delivered").click()
    assert "delivered" in coordinator.get_by_role("status").first.inner_text().lower()

    # 5. Three young people answer on their phones with the session's code.
    for age, stopped, comment in (("14", "No, never", COMMENT), ("16", "Yes, once", ""), ("17", "No, never", "")):
        phone = _person(browser, viewport=PHONE)
        _give_feedback(phone, live_server, session.feedback_code, age=age, stopped=stopped, comment=comment)
        assert phone.context.cookies() == []
        phone.context.close()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) == 3

    # 6. The coordinator approves the comment.
    coordinator.goto(live_server("/staff/moderation"))
    assert coordinator.get_by_text(COMMENT).is_visible()
    coordinator.get_by_role("button", name="Approve").click()

    # 7. A panel member reads the report, sees the approved comment, and exports what the page shows.
    panel = _person(browser, accept_downloads=True)
    _sign_in(panel, live_server, "panel")
    panel.goto(live_server("/reports/?period=all"))
    assert panel.get_by_text(COMMENT).is_visible()
    assert_accessible(panel)
    with panel.expect_download() as download:
        panel.get_by_role("link", name="Download these figures (CSV)").click()
    with open(download.value.path(), encoding="utf-8-sig") as fh:
        rows = csv.DictReader(io.StringIO(fh.read()))
        exported = {
            f"{r['table']}|{r['row']}|{r['column']}|{r['measure']}": "[c]" if r["withheld"] == "yes" else r["value"]
            for r in rows
        }
    figures = "els => els.map(e => [e.dataset.figure, e.textContent.trim()])"
    shown = dict(panel.eval_on_selector_all("[data-figure]", figures))
    assert shown == exported
    assert exported["totals|Responses|Total|count"] == "[c]"  # three responses are too few to show as a number
    assert panel.get_by_text("Fewer than 20 young people answered here").is_visible()
