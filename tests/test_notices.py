"""The privacy notice and the feedback form's introduction say what is kept, where, how long, who sees it and why."""

from __future__ import annotations

import pytest

from tests.feedback.factories import make_session


def test_privacy_notice_states_what_is_kept_for_how_long_and_who_sees_it(app, client):
    app.config.update(SAFEGUARDING_RETENTION_YEARS=7, FEEDBACK_TEXT_RETENTION_MONTHS=18)
    notice = client.get("/privacy").text
    for words in (
        "kept for 7 years after the last entry",
        "deleted after 18 months",
        "designated safeguarding leads",
        "date only: no time of day, no name, no IP address, no device details",
        "random id",
        "Article 6(1)(e)",
        "Article 9(2)(g)",
        "Schedule 1",
        "the law lets the office use your answers",
    ):
        assert words in notice, words


def test_privacy_notice_gives_the_office_contact_route(app, client):
    app.config.update(OFFICE_CONTACT_EMAIL="dp@opcc.example.org", OFFICE_CONTACT_PHONE="0300 333 3456")
    notice = client.get("/privacy").text
    assert 'href="mailto:dp@opcc.example.org"' in notice and 'href="tel:03003333456"' in notice


@pytest.mark.parametrize("path", ["/feedback/", "/feedback/INT234"])
def test_the_form_explains_what_happens_to_answers_before_the_first_question(client, path):
    make_session("INT234")
    page = client.get(path).text
    intro = page.index("What happens to your answers")
    assert "safeguarding lead" in page and "deleted after 24 months, or 6 years" in page
    assert "public job" in page and 'href="mailto:roadshow@example.org"' in page
    if path.endswith("INT234"):
        assert intro < page.index("How old are you?")


def test_accessibility_statement_says_when_it_was_prepared(client):
    assert "This statement was prepared on 4 December 2026." in client.get("/accessibility").text
