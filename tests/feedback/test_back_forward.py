"""Back, Forward and refresh on a 360×740 phone, with JavaScript on and off: answers kept, one response."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from roadshow.extensions import db
from roadshow.models import FeedbackResponse
from tests.feedback.conftest import PHONE
from tests.feedback.factories import make_session
from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser
MAX_SCREENS = 3.5


def _group(page, question: str):
    return page.get_by_role("group", name=question)


def _heading(page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def _a_page_of_ours(page, javascript: bool) -> None:
    """Not a browser error page ("Confirm form resubmission"), accessible, and a question page short enough."""
    assert page.url.startswith("http://") and "/feedback/" in page.url, page.url
    assert page.locator("main").count() == 1, "the browser shows its own page, not ours"
    if javascript:
        assert_accessible(page)
        height = page.evaluate("document.documentElement.scrollHeight")
        questions = page.locator("form fieldset, form textarea").count()
        assert not questions or height < MAX_SCREENS * PHONE["height"], f"{_heading(page)} is {height}px tall"


def _responses() -> int:
    count = db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse))
    db.session.remove()
    return int(count or 0)


# One answer on each page of version 2, for someone searched who saw force: every page is shown.
PAGES = (
    ("How old are you?", "15"),
    ("Have police ever stopped and searched you?", "Yes, once"),
    ("Did the officer tell you why they wanted to search you?", "No"),
    ("Did they tell you which police station they work at?", "Not sure"),
    ("Was the officer's body-worn camera switched on?", "Yes"),
    ("Have you seen police use force, or had it used on you?", "Taser"),
    ("Did you see it happen, or did it happen to you?", "I saw it"),
    ("Was today's session useful?", "5 – Very useful"),
    (None, None),  # what police should do differently: left empty
    ("Where do you live?", "Fenland, like March, Wisbech or Whittlesey"),
)
LAST = len(PAGES) + 1  # "Check your answers" is the last page


def _option(page, question: str, option: str):
    return _group(page, question).get_by_label(option, exact=True)


@pytest.mark.parametrize("phone", [True, False], ids=["javascript", "no-javascript"], indirect=True)
def test_back_forward_and_refresh_keep_answers_and_store_one_response(phone, live_server):
    page, javascript = phone, phone.javascript
    with live_server.app.app_context():
        make_session("BCK234")
    page.goto(live_server("/feedback/BCK234"))
    for number, (question, option) in enumerate(PAGES, start=1):
        expect(page.get_by_text(f"Page {number} of {LAST}")).to_be_visible()
        _a_page_of_ours(page, javascript)
        if question:
            _option(page, question, option).check()
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending them")
    _a_page_of_ours(page, javascript)

    # Back through every page: each shows the page before, with its answer.
    for number in range(len(PAGES), 0, -1):
        page.go_back()
        expect(page.get_by_text(f"Page {number} of {LAST}")).to_be_visible()
        question, option = PAGES[number - 1]
        if question:
            assert _option(page, question, option).is_checked(), question
        _a_page_of_ours(page, javascript)

    # Forward again to the check page, and a refresh there: our pages, no resend question.
    for number in range(2, len(PAGES) + 1):
        page.go_forward()
        expect(page.get_by_text(f"Page {number} of {LAST}")).to_be_visible()
    page.go_forward()
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending them")
    expect(page.get_by_text("Fenland, like March")).to_be_visible()

    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, your answers have been sent")
    page.reload()
    page.go_back()  # to the check page's address: its answers were sent, so it says so and sends nothing
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, your answers have been sent")
    _a_page_of_ours(page, javascript)
    page.go_back()
    _a_page_of_ours(page, javascript)
    with live_server.app.app_context():
        assert _responses() == 1


@pytest.mark.parametrize("phone", [True], indirect=True)
def test_a_change_link_leads_back_to_check_your_answers(phone, live_server):
    with live_server.app.app_context():
        make_session("CHG234")
    phone.goto(live_server("/feedback/CHG234"))
    _option(phone, "How old are you?", "16").check()
    for _page in range(12):
        if _heading(phone) == "Check your answers before sending them":
            break
        phone.get_by_role("button", name="Continue").click()
    phone.get_by_role("button", name="Change your answer to: Where do you live?").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("About you")
    _option(phone, "Where do you live?", "Peterborough").check()
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Check your answers before sending them")
    expect(phone.get_by_text("Peterborough", exact=True)).to_be_visible()
