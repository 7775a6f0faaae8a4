"""In Chromium: a coordinator offers a date, the group accepts from the emailed link, the session is on the
calendar, and the poster's QR code reads back as the feedback address. axe-core on every page on the way."""

from __future__ import annotations

import re

import pytest

from roadshow.extensions import db
from roadshow.models.booking import BookingStatus
from roadshow.models.scheduling import RoadshowSession
from roadshow.services import bookings
from tests.bookings.conftest import new_request
from tests.scheduling.qr import dark_modules_for, dark_modules_from_path
from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser


def test_offer_accepted_from_the_email_then_calendar_and_poster(page, live_server, mailbox, staff_in_browser):
    request = bookings.submit(new_request(organisation="Ely Scouts")).request
    request.status = BookingStatus.UNDER_REVIEW
    db.session.commit()
    me = staff_in_browser("coordinator")

    # The coordinator offers the group's first preferred date.
    page.goto(live_server(f"/staff/requests/{request.id}"))
    page.get_by_role("link", name="Make an offer").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Offer a date to Ely Scouts"
    assert_accessible(page)
    page.get_by_label(me.name).check()
    page.get_by_role("button", name="Make the offer").click()
    assert page.get_by_role("status").first.inner_text().startswith("Offer sent")
    assert_accessible(page)

    # The group opens the link in the email it received, in its own browser, and accepts.
    offer_email = next(m for m in mailbox.to("jo.scout@example.org") if "offer" in m["Subject"])
    link = re.search(r"http://\S+/roadshow/booking/[\w-]+", mailbox.text(offer_email)).group(0)
    group = page.context.browser.new_context()
    group_page = group.new_page()
    group_page.goto(link)
    assert group_page.get_by_role("heading", name="The date we can offer you").is_visible()
    assert_accessible(group_page)
    group_page.get_by_role("button", name="Accept this date").click()
    assert "your session is booked" in group_page.get_by_role("status").first.inner_text()
    assert group_page.get_by_role("heading", name="Your session").is_visible()
    assert_accessible(group_page)
    group.close()
    invite = next(m for m in mailbox.to("jo.scout@example.org") if "booked" in m["Subject"])
    attachment = next(invite.iter_attachments())
    assert attachment.get_content_type() == "text/calendar" and attachment.get_param("method") == "REQUEST"

    # The session is on the coordinator's calendar.
    session = db.session.query(RoadshowSession).one()
    day = request.preferred_dates[0].day
    page.goto(live_server(f"/staff/calendar?date={day.isoformat()}"))
    entry = page.get_by_role("link", name=re.compile("Ely Scouts"))
    assert entry.is_visible() and "(offered)" not in entry.inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Sessions", exact=True).click()
    assert page.get_by_role("link", name="Ely Scouts").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ely Scouts").click()
    assert page.get_by_text("Scheduled", exact=True).is_visible()
    assert_accessible(page)

    # The poster's QR code is the absolute feedback address for this session.
    page.get_by_role("link", name="Feedback poster").click()
    expected = f"{live_server.url}/feedback/{session.feedback_code}"
    drawn = dark_modules_from_path(page.locator(".poster-qr svg path.qrline").get_attribute("d"))
    assert drawn == dark_modules_for(expected)
    assert page.locator(".poster-code").inner_text() == session.feedback_code
    assert page.get_by_text("Scout Hut, Station Road, Ely, CB7 4BS").is_visible()
    assert_accessible(page)
