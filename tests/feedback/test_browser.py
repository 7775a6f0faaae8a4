"""A young person gives feedback on a 360×740 phone, with and without JavaScript; staff then see it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from roadshow import questionnaire
from roadshow.extensions import db
from roadshow.models import Comment, FeedbackResponse
from tests.feedback.conftest import PHONE
from tests.feedback.factories import make_session
from tests.support.fixtures import assert_accessible


@pytest.fixture(autouse=True)
def _version_1(monkeypatch):
    """These tests walk version 1's three pages: forms started under it still finish on it."""
    monkeypatch.setattr(questionnaire, "CURRENT_VERSION", 1)


pytestmark = pytest.mark.browser
COMMENT = "Please explain why you are searching someone first."


def _choose(page, question: str, option: str) -> None:
    page.get_by_role("group", name=question).get_by_label(option, exact=True).check()


def _check_page(page, javascript: bool) -> None:
    if javascript:  # axe-core runs as a script in the page, so it needs JavaScript on
        assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth") if javascript else None
    assert width is None or width <= PHONE["width"], "the page scrolls sideways on a phone"


@pytest.mark.parametrize("phone", [True, False], ids=["javascript", "no-javascript"], indirect=True)
def test_young_person_completes_the_form_by_code_on_a_phone(phone, live_server, staff_in_browser, page):
    page_, javascript = phone, phone.javascript
    with live_server.app.app_context():
        make_session("PHN234", title="Wisbech Youth Club")

    page_.goto(live_server("/feedback/"))
    _check_page(page_, javascript)
    page_.get_by_label("Your session code").fill(" phn 234 ")
    page_.get_by_role("button", name="Continue").click()

    # Step 1: what happens to answers and where to get help come before the first question.
    expect(page_.get_by_text("Page 1 of 4")).to_be_visible()
    expect(page_.get_by_text("We don't ask your name.")).to_be_visible()
    expect(page_.get_by_text("0800 1111").first).to_be_visible()
    _check_page(page_, javascript)
    _choose(page_, "Have police ever stopped and searched you?", "Yes, once")
    page_.get_by_role("button", name="Continue").click()
    expect(page_.get_by_role("heading", name="There is a problem")).to_be_visible()  # age is needed
    _check_page(page_, javascript)
    assert (
        page_.get_by_role("group", name="Have police ever stopped and searched you?")
        .get_by_label("Yes, once")
        .is_checked()
    )
    _choose(page_, "How old are you?", "15")
    page_.get_by_role("group", name="Have you seen police use force, or had it used on you?").get_by_label(
        "Taser"
    ).check()
    touch = page_.locator(".choice").first.bounding_box()
    assert touch and touch["height"] >= 44
    page_.get_by_role("button", name="Continue").click()

    # Step 2: the stop and search questions follow because they said they were searched.
    expect(page_.get_by_text("Page 2 of 4")).to_be_visible()
    _check_page(page_, javascript)
    _choose(page_, "Did the officer tell you why they stopped you?", "No")
    _choose(page_, "Did you see it happen, or did it happen to you?", "I saw it")
    _choose(page_, "Was today's session useful?", "5 – Very useful")
    page_.get_by_label("What should police do differently?").fill(COMMENT)
    expect(page_.get_by_text("Please don't write anyone's name.")).to_be_visible()
    expect(page_.get_by_text("If you are in danger, call 999.").first).to_be_visible()
    if javascript:
        expect(page_.get_by_text(f"You have {1000 - len(COMMENT)} characters left.")).to_be_visible()
    page_.get_by_role("button", name="Continue").click()

    # Step 3: about you, with "I'd rather not say" as plain as every other answer.
    expect(page_.get_by_text("Page 3 of 4")).to_be_visible()
    _check_page(page_, javascript)
    _choose(page_, "What is your gender?", "I'd rather not say")
    _choose(page_, "Where do you live?", "Fenland")
    page_.get_by_role("button", name="Continue").click()

    # Check your answers: each answer with its own change link, then send.
    assert page_.get_by_role("heading", level=1).inner_text() == "Check your answers before sending them"
    expect(page_.get_by_role("button", name="Change your answer to: Where do you live?")).to_be_visible()
    _check_page(page_, javascript)
    page_.get_by_role("button", name="Send my answers").click()

    expect(page_.get_by_role("heading", level=1)).to_have_text("Thank you, your answers have been sent")
    expect(page_.get_by_text("0800 1111").first).to_be_visible()
    _check_page(page_, javascript)
    assert page_.context.cookies() == []

    with live_server.app.app_context():
        saved = db.session.scalar(sa.select(FeedbackResponse))
        assert (saved.age_band, saved.gender, saved.district) == ("13-15", "prefer_not", "fenland")
        assert db.session.scalar(sa.select(Comment.status)) == "pending"
        db.session.remove()

    staff_in_browser("coordinator")
    page.goto(live_server("/staff/moderation"))
    expect(page.get_by_text(COMMENT)).to_be_visible()
    expect(page.get_by_text("Wisbech Youth Club")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Theme for the reports").select_option("Stop and search")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("approved").first).to_be_visible()
    page.goto(live_server("/staff/moderation?status=approved"))
    expect(page.get_by_text(COMMENT)).to_be_visible()


@pytest.mark.parametrize("phone", [True], indirect=True)
def test_under_13_and_closed_pages_are_accessible(phone, live_server):
    with live_server.app.app_context():
        make_session("KID234")
        closed = make_session("SHT234")
        closed.feedback_closes_at = closed.feedback_opens_at
        db.session.commit()
    phone.goto(live_server("/feedback/KID234"))
    _choose(phone, "How old are you?", "12 or younger")
    phone.get_by_role("button", name="Continue").click()
    assert phone.get_by_role("heading", level=1).inner_text() == "Thank you for wanting to help"
    assert_accessible(phone)
    phone.goto(live_server("/feedback/SHT234"))
    assert phone.get_by_role("heading", level=1).inner_text() == "This session's feedback is closed"
    assert_accessible(phone)
    phone.goto(live_server("/feedback/NOPE99"))
    expect(phone.get_by_text("We can't find that code").first).to_be_visible()
    assert_accessible(phone)


@pytest.mark.parametrize("phone", [True], indirect=True)
def test_the_form_page_weighs_under_50_kb(phone, live_server):
    with live_server.app.app_context():
        make_session("WGT234")
    sizes: dict[str, int] = {}
    phone.on("requestfinished", lambda request: sizes.__setitem__(request.url, request.sizes()["responseBodySize"]))
    phone.goto(live_server("/feedback/WGT234"), wait_until="networkidle")
    total = sum(sizes.values())
    print(f"feedback form page weight: {total} bytes over {len(sizes)} requests: {sizes}")
    assert total < 50 * 1024
