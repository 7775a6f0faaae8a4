"""In Chromium: a coordinator schedules a session, finds it on the calendar, prints its poster."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from roadshow.extensions import db
from roadshow.models.scheduling import RoadshowSession
from roadshow.timeutil import today_london
from tests.scheduling.qr import dark_modules_for, dark_modules_from_path
from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser


def _fill_session(page, day: str, starts: str = "18:00", ends: str = "20:00") -> None:
    page.get_by_label("Date").fill(day)
    page.get_by_label("Start time").fill(starts)
    page.get_by_label("End time").fill(ends)
    page.get_by_label("Venue").fill("Meadows Community Centre, St Catharine's Road, Cambridge")
    page.get_by_label("Postcode").fill("CB4 3XJ")
    page.get_by_label("District").select_option("cambridge")


def test_scheduled_session_shows_on_calendar_and_its_poster_qr_reads_back(page, live_server, staff_in_browser):
    me = staff_in_browser("coordinator")
    day = today_london() + timedelta(days=3)
    page.goto(live_server("/staff/sessions"))
    assert_accessible(page)
    page.get_by_role("link", name="Schedule a session directly").click()
    page.get_by_label("Group or organisation").fill("Arbury Young Leaders")
    _fill_session(page, day.isoformat())
    page.get_by_label(me.name).check()
    page.get_by_role("button", name="Schedule session").click()
    assert page.get_by_role("status").first.inner_text().startswith("Session scheduled")
    assert_accessible(page)

    page.get_by_role("link", name="Calendar", exact=True).click()
    if day.month != today_london().month:
        page.get_by_role("link", name="Next month").click()
    assert page.get_by_role("link", name=re.compile("Arbury Young Leaders")).is_visible()
    assert_accessible(page)
    # The week view opens on the week of the day the month view was asked for: today, or the 1st of
    # the next month after "Next month".
    page.get_by_role("link", name="Week view").click()
    shown = today_london() if day.month == today_london().month else day.replace(day=1)
    while shown - timedelta(days=shown.weekday()) + timedelta(days=6) < day:
        page.get_by_role("link", name="Next week").click()
        shown += timedelta(days=7)
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Arbury Young Leaders")).first.click()
    page.get_by_role("link", name="Feedback poster").click()
    session = db.session.query(RoadshowSession).one()
    expected = f"{live_server.url}/feedback/{session.feedback_code}"
    assert page.locator(".poster-code").inner_text() == session.feedback_code
    drawn = dark_modules_from_path(page.locator(".poster-qr svg path.qrline").get_attribute("d"))
    assert drawn == dark_modules_for(expected)
    assert drawn != dark_modules_for(expected + "X")
    assert page.get_by_text("Meadows Community Centre, St Catharine's Road, Cambridge, CB4 3XJ").is_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert page.locator(".poster-qr svg").is_visible()


def test_a_clash_is_shown_in_the_error_summary(page, live_server, staff_in_browser):
    me = staff_in_browser("coordinator")
    day = (today_london() + timedelta(days=5)).isoformat()
    for title, starts in (("First group", "18:00"), ("Second group", "20:30")):
        page.goto(live_server("/staff/sessions/new"))
        page.get_by_label("Group or organisation").fill(title)
        _fill_session(page, day, starts=starts, ends="22:00" if starts == "20:30" else "20:00")
        if title == "Second group":
            page.get_by_label("Venue").fill("Another hall, 1 Mill Road, Cambridge")
        page.get_by_label(me.name).check()
        page.get_by_role("button", name="Schedule session").click()
    summary = page.get_by_role("alert")
    assert "is already facilitating “First group”" in summary.inner_text()
    assert page.get_by_label("Group or organisation").input_value() == "Second group"
    assert_accessible(page)
