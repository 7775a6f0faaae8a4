"""The session page leads to paper entry and to a printable blank questionnaire built from the questionnaire's data."""

from __future__ import annotations

import html
import io
from datetime import timedelta

import pytest
from pypdf import PdfReader

from roadshow.extensions import db
from roadshow.questionnaire import current
from roadshow.services.scheduling import visits
from roadshow.services.scheduling.sessions import Actor
from roadshow.timeutil import today_london
from tests.scheduling.conftest import details
from tests.support.fixtures import assert_accessible


def _session(user):
    outcome = visits.schedule(
        details(day=today_london() + timedelta(days=9), facilitator_ids=(user.id,)), Actor(user=user)
    )
    db.session.commit()
    return outcome.session


def test_the_session_page_links_to_paper_entry_and_the_blank_form(client, login, users):
    session = _session(users["coordinator"])
    login(users["coordinator"])
    page = client.get(f"/staff/sessions/{session.id}").text
    assert f"/staff/sessions/{session.id}/paper" in page
    assert f"/staff/sessions/{session.id}/questionnaire" in page


def test_the_blank_form_asks_every_question_with_every_option(client, login, users):
    session = _session(users["coordinator"])
    login(users["coordinator"])
    page = html.unescape(client.get(f"/staff/sessions/{session.id}/questionnaire").text)
    for question in current().questions:
        assert question.text in page
        for _value, label in question.options:
            assert label in page
    assert "Only if you answered “Yes, once” or “Yes, more than once” to question 2." in page
    assert session.feedback_code in page and "12 or younger" not in page


def test_the_panel_cannot_print_it(client, login, users):
    session = _session(users["coordinator"])
    login(users["panel"])
    assert client.get(f"/staff/sessions/{session.id}/questionnaire").status_code == 403


@pytest.mark.browser
def test_it_prints_on_a4_without_the_site_around_it(page, live_server, staff_in_browser):
    session = _session(staff_in_browser("coordinator"))
    page.goto(live_server(f"/staff/sessions/{session.id}"))
    page.get_by_role("link", name="Blank paper questionnaire").click()
    assert_accessible(page)
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert len(pdf.pages) <= 3  # a few sheets per young person, not a booklet
    assert "How old are you?" in text and "Back to the session" not in text and "OFFICIAL" not in text
