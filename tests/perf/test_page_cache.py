"""Pages rendered once per worker still carry each visitor's own token and nobody else's."""

from __future__ import annotations

import re

import sqlalchemy as sa

from roadshow import questionnaire
from roadshow.extensions import db
from roadshow.models import FeedbackResponse
from tests.bookings.conftest import form_data
from tests.feedback.factories import STEP1, STEP2, make_session, post_page, state_of
from tests.support.app import make_app

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def _token(html: str) -> str:
    match = TOKEN.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def test_each_visitor_gets_their_own_working_token_on_the_booking_form(database_url, smtp_server) -> None:
    _mailbox, port = smtp_server
    app = make_app(database_url, WTF_CSRF_ENABLED=True, MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    first, second = app.test_client(), app.test_client()
    first_page = first.get("/roadshow/book").text
    second_page = second.get("/roadshow/book").text
    assert _token(first_page) != _token(second_page)
    assert first_page.replace(_token(first_page), "") == second_page.replace(_token(second_page), "")

    # Each token works only with its own visitor's cookie.
    refused = first.post("/roadshow/book", data={**form_data(), "csrf_token": _token(second_page)})
    assert refused.status_code == 400
    accepted = second.post("/roadshow/book", data={**form_data(), "csrf_token": _token(second_page)})
    assert accepted.status_code == 303


def test_signed_in_staff_get_their_own_header_on_a_shared_page(app, client, users, login) -> None:
    anonymous = app.test_client()
    assert "Sign out" not in anonymous.get("/roadshow/book").text
    login(users["coordinator"])
    staff_page = client.get("/roadshow/book").text
    assert "Sign out" in staff_page
    assert users["coordinator"].name in staff_page
    assert "Sign out" not in anonymous.get("/roadshow/book").text


def test_a_message_for_one_visitor_is_never_shown_to_the_next(app, client) -> None:
    # A manage link that no longer works sends the visitor on with a message of their own.
    with client.session_transaction() as session:
        session["_flashes"] = [("error", "That link has expired: a message for one visitor.")]
    assert "a message for one visitor" in client.get("/roadshow/book").text
    assert "a message for one visitor" not in app.test_client().get("/roadshow/book").text


def test_every_young_person_gets_their_own_submission_id_on_each_step(app, monkeypatch) -> None:
    monkeypatch.setattr(questionnaire, "CURRENT_VERSION", 1)  # walked on version 1's three pages
    make_session("CCH234")
    phones = [app.test_client() for _ in range(3)]
    states = {"step 1": set(), "step 2": set(), "step 3": set()}
    pages = []
    for phone in phones:
        page = phone.get("/feedback/CCH234").text
        states["step 1"].add(state_of(page))
        page = post_page(phone, "/feedback/CCH234", {**STEP1, "state": state_of(page)}).text
        states["step 2"].add(state_of(page))
        page = post_page(phone, "/feedback/CCH234", {**STEP2, "state": state_of(page)}).text
        states["step 3"].add(state_of(page))
        page = post_page(phone, "/feedback/CCH234", {"state": state_of(page)}).text  # on to "Check your answers"
        pages.append(page)
    assert all(len(seen) == 3 for seen in states.values())
    for phone, page in zip(phones, pages, strict=True):
        assert phone.post("/feedback/CCH234", data={"state": state_of(page)}).status_code == 303
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) == 3


def test_a_step_shows_the_answers_given_when_coming_back_to_it(app, monkeypatch) -> None:
    monkeypatch.setattr(questionnaire, "CURRENT_VERSION", 1)  # walked on version 1's three pages
    make_session("CCH235")
    phone = app.test_client()
    page = phone.get("/feedback/CCH235").text
    step2 = post_page(phone, "/feedback/CCH235", {**STEP1, "state": state_of(page)}).text
    step3 = post_page(phone, "/feedback/CCH235", {**STEP2, "state": state_of(step2)}).text
    back = post_page(phone, "/feedback/CCH235", {"state": state_of(step3), "back": "back"}).text
    assert 'checked id="respect-' in back
    # Another young person reaching step 2 afresh sees nothing ticked.
    other = app.test_client()
    fresh = post_page(other, "/feedback/CCH235", {**STEP1, "state": state_of(other.get("/feedback/CCH235").text)})
    assert "checked" not in fresh.text


def test_pages_follow_the_address_the_app_is_mounted_at(database_url) -> None:
    app = make_app(database_url)
    client = app.test_client()
    assert 'action="/roadshow/book"' in client.get("/roadshow/book").text
    mounted = client.get("/roadshow/book", base_url="http://localhost/opcc").text
    assert 'action="/opcc/roadshow/book"' in mounted


def test_a_change_made_through_another_worker_shows_once_the_kept_page_is_old(app, monkeypatch) -> None:
    from roadshow import pagecache
    from roadshow.services.news import articles as news

    app.config["NEWS_CACHE_SECONDS"] = 60
    clock = [5000.0]
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: clock[0])
    edition = news.create_edition(news.EditionInput("Winter 2026", "Welcome to winter."), actor=None)
    news.set_edition_published(edition, True, actor=None)
    db.session.commit()
    visitor = app.test_client()
    assert "Welcome to winter." in visitor.get("/").text

    # Another worker's edit empties only that worker's copy; this one keeps its page for a while.
    edition.title = "Winter 2026, revised"
    db.session.commit()
    clock[0] += 59
    assert "Winter 2026, revised" not in visitor.get("/").text
    clock[0] += 2
    assert "Winter 2026, revised" in visitor.get("/").text
