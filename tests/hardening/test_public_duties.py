"""Public-sector duties: the privacy notice and accessibility statement are there and reachable."""

from __future__ import annotations

import pytest

from tests.feedback.factories import make_session


@pytest.mark.parametrize("path", ["/", "/roadshow/", "/feedback/", "/get-involved/", "/staff/login"])
def test_every_page_footer_links_privacy_and_accessibility(client, path):
    html = client.get(path).text
    assert 'href="/privacy"' in html and 'href="/accessibility"' in html


def test_feedback_form_links_the_plain_words_privacy_notice(client):
    make_session("PRV234")
    html = client.get("/feedback/PRV234").text
    assert 'href="/privacy#young-people"' in html
    notice = client.get("/privacy").text
    assert 'id="young-people"' in notice
    assert "We don't ask your name" in notice


def test_accessibility_statement_covers_standard_gaps_and_reporting(client):
    html = client.get("/accessibility").text
    for words in ("WCAG", "2.2", "Known gaps", "Reporting a problem"):
        assert words in html


def test_privacy_notice_states_the_configured_retention(app, client):
    app.config["BOOKING_RETENTION_MONTHS"] = 9
    assert "removed 9 months after the session" in client.get("/privacy").text
