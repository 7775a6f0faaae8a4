"""Version 2 on a phone: every page at its own address, short themed pages, help on every page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from roadshow import questionnaire
from roadshow.extensions import db
from roadshow.models import FeedbackResponse
from tests.feedback.factories import ANSWERS, CHECK_HEADING, make_session, post_page, state_of, to_check

GOWISELY_V2 = ("told_grounds", "told_object", "showed_warrant_card", "gave_name", "gave_station", "told_power")


def _responses() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) or 0


def test_each_page_is_a_get_of_its_own_address_and_a_refresh_shows_it_again(client):
    make_session("PRG234")
    page = client.get("/feedback/PRG234")
    addresses = []
    while CHECK_HEADING not in page.get_data(as_text=True):
        posted = client.post("/feedback/PRG234", data={**ANSWERS, "state": state_of(page.get_data(as_text=True))})
        assert posted.status_code == 303
        addresses.append(posted.headers["Location"])
        page = client.get(posted.headers["Location"])
        refreshed = client.get(posted.headers["Location"]).get_data(as_text=True)  # a refresh: the same page again
        assert state_of(refreshed) == state_of(page.get_data(as_text=True))
    assert len(set(addresses)) == len(addresses) >= 6
    assert _responses() == 0  # nothing is stored before "Send my answers"


def test_going_back_to_a_sent_form_shows_the_thanks_and_stores_nothing_more(client):
    make_session("SNT234")
    url = "/feedback/SNT234"
    check = to_check(client, url, client.get(url))
    check_address = check.request.url
    sent = client.post(url, data={"state": state_of(check.get_data(as_text=True))})
    assert sent.headers["Location"].endswith("/feedback/SNT234/thanks")
    again = client.get(check_address)  # the browser's Back to the check page
    assert again.status_code == 303 and again.headers["Location"].endswith("/feedback/SNT234/thanks")
    client.post(url, data={"state": state_of(check.get_data(as_text=True))})  # and sending it again
    print(f"FIGURE: Back and send again after sending: {_responses()} response(s) stored")
    assert _responses() == 1


def test_version_2_asks_every_gowisely_item_one_thing_at_a_time():
    v2 = questionnaire.current()
    assert v2.version == 2
    keys = {q.key for q in v2.questions}
    assert set(GOWISELY_V2) | {"told_detained", "told_record"} <= keys
    for question in v2.questions:
        assert " and which " not in question.text and ", and " not in question.text, question.text
    assert max(len(v2.for_step(page)) for page in range(1, len(v2.steps) + 1)) <= 4


def test_about_you_says_why_and_districts_name_towns(client):
    v2 = questionnaire.current()
    about_page = v2.question("district").step
    assert v2.intros[about_page - 1].startswith("Why we ask")
    labels = dict(v2.question("district").options)
    assert "Wisbech" in labels["fenland"] and "Ely" in labels["east_cambridgeshire"]


def test_childline_and_999_are_on_every_page(client):
    make_session("HLP234")
    url = "/feedback/HLP234"
    page = client.get(url)
    seen = 0
    while True:
        html = page.get_data(as_text=True)
        assert 'href="tel:08001111"' in html and 'href="tel:999"' in html, html[:200]
        if CHECK_HEADING in html:
            break
        page = post_page(client, url, {**ANSWERS, "state": state_of(html)})
        seen += 1
    assert seen >= 6


def test_the_first_page_names_both_topics(client):
    make_session("TOP234")
    page = client.get("/feedback/TOP234").get_data(as_text=True)
    assert "stop and search" in page and "use of force" in page


def test_the_age_page_has_a_way_back(client):
    make_session("AGB234")
    page = post_page(client, "/feedback/AGB234", {"age": "12", "state": state_of(client.get("/feedback/AGB234").text)})
    assert "I chose the wrong age" in page.get_data(as_text=True)
    assert 'href="/feedback/AGB234"' in page.get_data(as_text=True)


def test_a_session_not_yet_open_says_when_it_opens(client):
    make_session("SOON23", opens_in=timedelta(days=2))
    page = client.get("/feedback/SOON23").get_data(as_text=True)
    assert "opens at" in page and "closed" not in page.lower().split("<main")[1]


def _size(client, path: str) -> int:
    with client.get(path) as response:
        return len(response.data)


@pytest.mark.parametrize("language", ["", "?lang=ur"], ids=["english", "urdu"])
def test_every_page_with_its_styles_and_scripts_weighs_under_50_kb(client, language):
    """Urdu is the heaviest translation (two bytes a letter), and its page names every other language too."""
    make_session("WGH234")
    url = f"/feedback/WGH234{language}"
    page = client.get(url)
    weights = []
    while True:
        html = page.get_data(as_text=True)
        assets = set(re.findall(r'(?:href|src)="(/static/[^"?]+\.(?:css|js))', html))
        weights.append(len(page.data) + sum(_size(client, asset) for asset in assets))
        if CHECK_HEADING in html or "/check?" in page.request.url:
            break
        page = post_page(client, url, {**ANSWERS, "state": state_of(html)})
    print(f"FIGURE: page weights in bytes ({language or 'English'}), first page to check: {weights}")
    assert max(weights) < 50 * 1024


def test_a_page_whose_address_carries_answers_passes_the_address_to_no_one(client):
    make_session("REF234")
    posted = client.post("/feedback/REF234", data={"age": "15", "state": state_of(client.get("/feedback/REF234").text)})
    page = client.get(posted.headers["Location"])
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert page.headers["Cache-Control"] == "no-store"
