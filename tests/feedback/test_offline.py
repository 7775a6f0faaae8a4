"""Patchy signal: a young person whose phone is offline when they press "Send my answers" loses nothing,
and their answers are stored once; the form's service worker keeps no page and nothing of staff."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from flask_babel import gettext
from playwright.sync_api import expect

from roadshow.extensions import db
from roadshow.models import FeedbackResponse
from tests.feedback.factories import make_session, to_check
from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
SAVED = "Saved on this phone — we'll send it when you're back online."
NOT_SENT = "If your phone has no signal when you send, nothing is sent."
THANKS = "Thank you, your answers have been sent"
CHECK = "Check your answers before sending them"
UNSENT_KEY = "roadshow.feedback.unsent"
CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) { urls.push(request.url); }
  }
  return urls;
}"""


def _check_address(live_server, code: str, lang: str = "en") -> str:
    """Answer every page through the app and return the address of "Check your answers" (it carries the answers)."""
    make_session(code)
    client = live_server.app.test_client()
    check = to_check(client, f"/feedback/{code}", client.get(f"/feedback/{code}"))
    parts = urlsplit(check.request.url)
    return live_server(f"{parts.path}?{parts.query}&lang={lang}")


def _responses(live_server) -> int:
    with live_server.app.app_context():
        count = db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) or 0
        db.session.remove()
    return count


@pytest.fixture
def phone(browser):
    """A phone-sized browser of its own (its storage, caches and service workers start empty)."""
    context = browser.new_context(viewport=PHONE)
    yield context
    context.close()


@pytest.fixture
def phone_without_javascript(browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    yield context
    context.close()


def _in(live_server, lang: str, *messages: str) -> list[str]:
    """The messages as a page in `lang` shows them."""
    with live_server.app.test_request_context(f"/?lang={lang}"):
        return [gettext(message) for message in messages]


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_offline_send_is_kept_on_the_phone_and_sent_once_when_back_online(phone, live_server, lang):
    check = _check_address(live_server, "OFF234", lang)
    check_heading, saved, thanks, send = _in(live_server, lang, CHECK, SAVED, THANKS, "Send my answers")
    first, second = phone.new_page(), phone.new_page()  # the same form open twice: two presses of Send
    tried: list[str] = []
    reached: list[str] = []
    phone.on("request", lambda r: tried.append(r.url) if r.method == "POST" else None)
    phone.on("requestfinished", lambda r: reached.append(r.url) if r.method == "POST" else None)
    refused: list[str] = []  # what the Content-Security-Policy blocked, if anything
    for page in (first, second):
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(check)
        expect(page.get_by_role("heading", level=1)).to_have_text(check_heading)
        expect(page.get_by_text(NOT_SENT)).to_be_hidden()  # the page itself looks after a send without signal

    phone.set_offline(True)
    first.get_by_role("button", name=send).click()
    expect(first.get_by_role("status")).to_have_text(saved)
    first.get_by_role("button", name=send).click()  # pressed again, still offline
    expect(first.get_by_role("status")).to_have_text(saved)
    second.get_by_role("button", name=send).click()
    expect(second.get_by_role("status")).to_have_text(saved)
    assert_accessible(first)
    assert first.evaluate(f"localStorage.getItem('{UNSENT_KEY}')") is not None
    assert phone.cookies() == []  # kept in local storage, never a cookie
    assert _responses(live_server) == 0

    phone.set_offline(False)  # the signal returns: each open page sends what it kept
    for page in (first, second):
        expect(page.get_by_role("heading", level=1)).to_have_text(thanks)
        assert f"lang={lang}" in page.url or lang == "en"  # the chosen language kept on
    stored = _responses(live_server)
    left = first.evaluate("localStorage.length")
    cached = first.evaluate(CACHED_URLS)
    print(f"FIGURE: {len(tried)} sends tried, {len(reached)} reached the app, {stored} response(s) stored")
    print(f"FIGURE: after sending, {left} item(s) in local storage, cached: {cached}")
    assert stored == 1
    assert left == 0
    assert refused == []
    assert not [url for url in cached if "s=" in url or not urlsplit(url).path.startswith("/static/")]


def test_without_javascript_an_offline_send_keeps_the_answers_to_send_again(phone_without_javascript, live_server):
    check = _check_address(live_server, "NJS234")
    page = phone_without_javascript.new_page()
    page.goto(check)
    expect(page.get_by_text(NOT_SENT)).to_be_visible()  # said before they press Send, as nothing can say it after

    phone_without_javascript.set_offline(True)
    page.get_by_role("button", name="Send my answers").click()  # the browser shows its own "no internet" page
    expect(page.get_by_role("heading", level=1, name=CHECK)).to_have_count(0)
    assert _responses(live_server) == 0
    phone_without_javascript.set_offline(False)

    page.go_back()  # as the note says: Back to the page, answers and all, and send again
    expect(page.get_by_role("heading", level=1)).to_have_text(CHECK)
    expect(page.get_by_text("Fenland")).to_be_visible()
    expect(page.get_by_text("Nothing has been sent yet.")).to_be_visible()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(THANKS)
    print(f"FIGURE: without JavaScript, offline then Back and send again: {_responses(live_server)} response(s)")
    assert _responses(live_server) == 1


def test_the_no_signal_note_shows_and_is_accessible_where_the_script_does_not_run(phone, live_server):
    check = _check_address(live_server, "NTE234")
    page = phone.new_page()
    page.route("**/feedback-offline.js", lambda route: route.abort())  # as on a phone where it never arrived
    page.goto(check)
    expect(page.get_by_text(NOT_SENT)).to_be_visible()
    assert_accessible(page)


def test_the_service_worker_never_keeps_a_staff_page_or_any_page(live_server, staff_in_browser, page):
    """The attack: a coordinator, signed in, opens the form, then staff pages, in the same browser."""
    make_session("SWK234")
    staff_in_browser("coordinator")
    page.goto(live_server("/feedback/SWK234"))
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    page.reload()  # now the worker controls the form's pages
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    for staff_page in ("/staff/", "/staff/moderation"):
        page.goto(live_server(staff_page))
    page.goto(live_server("/feedback/SWK234"))
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    status = page.evaluate("fetch('/staff/moderation').then(r => r.status)")  # a staff page asked for in its scope
    page.wait_for_function(f"({CACHED_URLS})().then(urls => urls.some(u => u.endsWith('/static/css/site.css')))")
    cached = page.evaluate(CACHED_URLS)
    kept_pages = [url for url in cached if not urlsplit(url).path.startswith("/static/")]
    print(f"FIGURE: worker scope {scope}; staff fetch {status}; cached {len(cached)}, pages among them: {kept_pages}")
    assert urlsplit(scope).path == "/feedback/"
    assert kept_pages == []
