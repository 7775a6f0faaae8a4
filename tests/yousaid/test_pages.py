"""Who may do what, what the public sees, the feed, the links, the session page and the emails to groups."""

from __future__ import annotations

import feedparser
import pytest

from roadshow.extensions import db
from roadshow.services.yousaid import findings as yousaid
from roadshow.services.yousaid.findings import ResponseInput
from tests.volunteers.test_reading_age import MAX_GRADE, kincaid_grade
from tests.yousaid.factories import finding_with_response, hosted_session, last_quarter


@pytest.fixture
def published(app, users):
    """Last quarter published with one finding and response, then a draft finding, a draft response
    and draft edits made after publishing."""
    code = last_quarter().code
    shown = finding_with_response(code, users["panel"], users["coordinator"], "SHOWN-FINDING", "SHOWN-RESPONSE")
    yousaid.publish(shown.period, actor=users["coordinator"])
    yousaid.edit_finding(shown, "EDITED-FINDING", actor=users["panel"])
    yousaid.add_response(shown, ResponseInput("office", "DRAFT-RESPONSE", "planned"), actor=users["coordinator"])
    hidden = yousaid.add_finding(code, "DRAFT-FINDING", actor=users["panel"])
    yousaid.add_response(hidden, ResponseInput("force", "DRAFT-ANSWER", "done"), actor=users["coordinator"])
    db.session.commit()
    return code


DRAFTS = ("EDITED-FINDING", "DRAFT-RESPONSE", "DRAFT-FINDING", "DRAFT-ANSWER")


def test_anonymous_visitors_see_only_published_findings_and_responses(client, published):
    page = client.get("/you-said-we-did").get_data(as_text=True)
    assert "SHOWN-FINDING" in page and "SHOWN-RESPONSE" in page
    assert [draft for draft in DRAFTS if draft in page] == []


def test_the_feed_shows_only_published_items_with_absolute_links(app, client, published):
    app.config["PUBLIC_BASE_URL"] = "https://roadshow.example.org/"
    response = client.get("/you-said-we-did/feed.xml")
    assert response.content_type.startswith("application/atom+xml")
    feed = feedparser.parse(response.data)
    assert not feed.bozo
    [entry] = feed.entries
    assert entry.link == f"https://roadshow.example.org/you-said-we-did#period-{published}"
    assert "SHOWN-FINDING" in entry.content[0].value
    assert [draft for draft in DRAFTS if draft in response.get_data(as_text=True)] == []


def test_a_period_never_published_is_not_on_the_public_page(client, users):
    yousaid.add_finding(last_quarter().code, "UNPUBLISHED", actor=users["panel"])
    db.session.commit()
    page = client.get("/you-said-we-did").get_data(as_text=True)
    assert "UNPUBLISHED" not in page
    assert "Nothing here yet" in page


def test_panel_members_write_and_edit_findings_but_cannot_respond_or_publish(client, users, login, published):
    login(users["panel"])
    code = published
    assert client.post(f"/staff/you-said-we-did/{code}/findings", data={"text": "PANEL-FINDING"}).status_code == 303
    finding = yousaid.find_period(code).findings[-1]
    edit = client.post(f"/staff/you-said-we-did/findings/{finding.id}/edit", data={"text": "PANEL-EDIT"})
    assert edit.status_code == 303
    respond = {"responder": "force", "text": "x", "status": "done"}
    assert client.post(f"/staff/you-said-we-did/findings/{finding.id}/responses/new", data=respond).status_code == 403
    assert client.post(f"/staff/you-said-we-did/{code}/publish").status_code == 403
    assert "PANEL-EDIT" not in client.get("/you-said-we-did").get_data(as_text=True)
    assert yousaid.find_period(code).has_unpublished_changes


def test_a_coordinator_responds_and_publishes(client, users, login, published):
    login(users["coordinator"])
    code = published
    finding = yousaid.find_period(code).findings[-1]
    respond = {"responder": "office", "text": "COORD-RESPONSE", "status": "not_taken_forward", "reason": ""}
    page = client.post(f"/staff/you-said-we-did/findings/{finding.id}/responses/new", data=respond)
    assert page.status_code == 200 and "Say why it was not taken forward." in page.get_data(as_text=True)
    respond["reason"] = "COORD-REASON"
    assert client.post(f"/staff/you-said-we-did/findings/{finding.id}/responses/new", data=respond).status_code == 303
    assert client.post(f"/staff/you-said-we-did/{code}/publish").status_code == 303
    public = client.get("/you-said-we-did").get_data(as_text=True)
    assert all(text in public for text in ("DRAFT-FINDING", "COORD-RESPONSE", "COORD-REASON", "EDITED-FINDING"))


def test_periods_not_on_offer_are_not_found(client, users, login):
    login(users["panel"])
    assert client.get("/staff/you-said-we-did/all").status_code == 404
    assert client.get("/staff/you-said-we-did/q-2999-1").status_code == 404
    assert client.post("/staff/you-said-we-did/fy-2999/findings", data={"text": "x"}).status_code == 404


def test_publishing_emails_each_hosting_group_the_link_over_smtp(app, client, users, login, smtp):
    app.config["PUBLIC_BASE_URL"] = "https://roadshow.example.org"
    period = last_quarter()
    hosted_session(period, "club@example.org", "Wisbech Youth Club")
    hosted_session(period, "gone@example.org", purged=True)
    finding_with_response(period.code, users["panel"], users["coordinator"], "Words.", "Answer.")
    db.session.commit()
    login(users["coordinator"])
    client.post(f"/staff/you-said-we-did/{period.code}/publish")
    [message] = smtp.messages
    assert message["To"] == "club@example.org"
    body = smtp.text(message)
    assert f"https://roadshow.example.org/you-said-we-did#period-{period.code}" in body
    assert "Wisbech Youth Club" in body
    client.post(f"/staff/you-said-we-did/{period.code}/publish")
    assert len(smtp.messages) == 1, "publishing again updates the page without emailing the groups again"


def test_the_public_page_reads_at_about_age_11(client, users):
    from roadshow.services.yousaid.demo import seed_demo

    seed_demo()
    db.session.commit()
    page = client.get("/you-said-we-did").get_data(as_text=True)
    main = page[page.index("<main") : page.index("</main>")]
    assert "What happened" in main
    assert kincaid_grade(main) <= MAX_GRADE


def test_home_roadshow_and_thank_you_pages_link_to_it(client):
    for path in ("/", "/roadshow/", "/feedback/ABC234/thanks"):
        assert 'href="/you-said-we-did"' in client.get(path).get_data(as_text=True), path


def test_the_session_page_opens_with_the_latest_published_period(client, users, login, published):
    period = last_quarter()
    session = hosted_session(period, "club@example.org")
    db.session.commit()
    login(users["coordinator"])
    page = client.get(f"/staff/sessions/{session.id}").get_data(as_text=True)
    assert "Open with: you said, we did" in page
    assert "SHOWN-FINDING" in page and "SHOWN-RESPONSE" in page
    assert [draft for draft in DRAFTS if draft in page] == []
