"""The booking form and the feedback form can be completed and sent with the keyboard alone."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from roadshow.extensions import db
from roadshow.models import FeedbackResponse
from roadshow.models.booking import BookingRequest
from roadshow.timeutil import today_london
from tests.feedback.factories import make_session
from tests.support.keyboard import tab_through

pytestmark = pytest.mark.browser


@pytest.fixture
def keyboard_page(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 1024, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_booking_form_by_keyboard(keyboard_page, live_server):
    page = keyboard_page
    page.goto(live_server("/roadshow/book"))
    when = today_london() + timedelta(days=30)
    reached = tab_through(
        page,
        {
            "organisation": "March Youth Club",
            "group_type": "youth_club",
            "contact_name": "Kim Keyboard",
            "contact_role": "Youth worker",
            "email": "kim@example.org",
            "phone": "01354 123456",
            "district": "fenland",
            "venue_address": "Town Hall, March",
            "postcode": "PE15 8AA",
            "group_size": "12",
            "age_min": "13",
            "age_max": "16",
            "date_1": when.isoformat(),
            "part_1": "evening",
            "topics": "both",
            "responsible_adult": "y",
            "consent_to_contact": "y",
        },
        submit="Send request",
    )
    assert "website" not in reached, "the honeypot must not take keyboard focus"
    errors = page.locator(".error-summary").all_inner_texts()
    assert page.get_by_role("heading", level=1).inner_text() == "Request sent", (reached, errors)
    saved = db.session.scalar(sa.select(BookingRequest).where(BookingRequest.organisation == "March Youth Club"))
    assert saved is not None and saved.district == "fenland"


def test_feedback_form_by_keyboard(keyboard_page, live_server):
    page = keyboard_page
    make_session("KEY234", title="Keyboard Club")
    page.goto(live_server("/feedback/"))
    tab_through(page, {"code": "KEY234"}, submit="Continue")
    tab_through(page, {"age": "16"}, submit="Continue")
    tab_through(page, {"stopped": "never"}, submit="Continue")
    tab_through(page, {"force": "none"}, submit="Continue")
    tab_through(page, {"confidence_before": "2", "confidence_after": "4", "useful": "5"}, submit="Continue")
    tab_through(page, {}, submit="Continue")  # what police should do differently: nothing to say
    tab_through(page, {"gender": "prefer_not", "ethnicity": "prefer_not", "district": "cambridge"}, submit="Continue")
    assert page.get_by_role("heading", level=1).inner_text() == "Check your answers before sending them"
    tab_through(page, {}, submit="Send my answers")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, your answers have been sent")
    saved = db.session.scalar(sa.select(FeedbackResponse))
    assert saved.age_band == "16-17" and saved.district == "cambridge"
