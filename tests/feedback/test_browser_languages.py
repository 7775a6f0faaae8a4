"""The whole feedback form in each language, on a phone: picked on the first page, kept to the end.

One walk per language through the current questionnaire's ten pages, "Check your answers" and the
thank-you page; each page is checked for its language (a translated heading, `lang`, and `dir` for
Urdu) and by axe-core. Exactly one response is stored each time, with the questionnaire's option keys.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from babel.support import Translations
from playwright.sync_api import expect

from config import ROOT
from roadshow import questionnaire
from roadshow.extensions import db
from roadshow.i18n import LANGUAGES, TRANSLATED
from roadshow.models import FeedbackAnswer, FeedbackResponse
from tests.feedback.factories import make_session
from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
# The answers given on each page, by the questionnaire's own keys (the same whatever the language).
CHOICES = {
    1: [("age", "15")],
    2: [("stopped", "once")],
    3: [("told_grounds", "yes"), ("told_power", "not_sure")],
    4: [("gave_name", "no")],
    5: [("respect", "4")],
    6: [("force", "handcuffs"), ("force", "taser")],
    7: [("force_who", "saw")],
    8: [("useful", "5")],
    10: [("gender", "prefer_not"), ("district", "fenland")],
}


@pytest.fixture(scope="module")
def phone_context(browser):
    """One phone-sized context for every walk in this file (a fresh page each time, no cookies kept)."""
    context = browser.new_context(viewport=PHONE)
    yield context
    context.close()


def _in(code: str) -> Translations:
    return Translations.load(str(ROOT / "translations"), [code])


def _check_language(page, code: str) -> None:
    language = LANGUAGES[code]
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language.html_lang)
    expect(html).to_have_attribute("dir", language.direction)
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "the page scrolls sideways"
    choice = page.locator(".choice").first
    if language.direction == "rtl" and choice.count():  # mirrored: the box sits right of its words
        box, words = choice.locator("input").bounding_box(), choice.locator("label").bounding_box()
        assert box and words and box["x"] > words["x"], "an answer's box is not on the right in a right-to-left page"


def _answer(page, number: int, words: Translations) -> None:
    for name, value in CHOICES.get(number, []):
        page.locator(f'input[name="{name}"][value="{value}"]').check()
    if number == 9:
        comment = words.gettext("Please don't write anyone's name.")
        page.locator("textarea").fill(comment)
        left = words.gettext("You have %(left)s characters left.") % {"left": 1000 - len(comment)}
        expect(page.get_by_text(left)).to_be_visible()  # the script's count, in the page's language


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_whole_form_in_each_language(code, phone_context, live_server):
    words = _in(code)
    version = questionnaire.current()
    with live_server.app.app_context():
        make_session(f"LNG{code.upper()}2")
    page = phone_context.new_page()
    page.goto(live_server("/feedback/"))
    page.get_by_role("navigation", name="Language").get_by_role("button", name=LANGUAGES[code].name).click()
    heading = words.gettext("Give feedback on your session")
    assert heading != "Give feedback on your session"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    _check_language(page, code)
    page.get_by_label(words.gettext("Your session code")).fill(f"lng{code}2")
    page.locator("button.button").click()

    for number, title in enumerate(version.steps, start=1):
        expect(page.get_by_role("heading", level=1)).to_have_text(words.gettext(title))
        assert f"lang={code}" in page.url
        _check_language(page, code)
        _answer(page, number, words)
        page.locator('button[name="next"]').click()

    expect(page.get_by_role("heading", level=1)).to_have_text(words.gettext("Check your answers before sending them"))
    expect(page.get_by_text(words.gettext("Yes, once"), exact=True)).to_be_visible()  # answers shown in the language
    _check_language(page, code)
    page.get_by_role("button", name=words.gettext("Send my answers")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words.gettext("Thank you, your answers have been sent"))
    _check_language(page, code)
    assert phone_context.cookies() == []
    page.close()

    with live_server.app.app_context():
        responses = db.session.scalars(sa.select(FeedbackResponse)).all()
        assert len(responses) == 1
        assert (responses[0].age_band, responses[0].gender, responses[0].district) == ("13-15", "prefer_not", "fenland")
        stored = {(a.question_key, a.value) for a in db.session.scalars(sa.select(FeedbackAnswer))}
        assert {("stopped", "once"), ("force", "taser"), ("force_who", "saw"), ("useful", "5")} <= stored
        db.session.remove()


def test_changing_language_part_way_keeps_the_answers(phone_context, live_server):
    with live_server.app.app_context():
        make_session("SWP234")
    urdu = _in("ur")
    page = phone_context.new_page()
    page.goto(live_server("/feedback/SWP234"))
    page.locator('input[name="age"][value="16"]').check()
    page.locator('button[name="next"]').click()
    page.locator('input[name="stopped"][value="more_than_once"]').check()
    page.locator('button[name="next"]').click()
    expect(page.get_by_text("Page 3 of 11")).to_be_visible()

    page.get_by_role("navigation", name="Language").get_by_role("button", name="اردو").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_text(urdu.gettext("Page %(number)s of %(pages)s") % {"number": 3, "pages": 11})).to_be_visible()
    page.locator('button[name="back"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text(urdu.gettext("Stop and search"))
    expect(page.locator('input[name="stopped"][value="more_than_once"]')).to_be_checked()
    page.close()
