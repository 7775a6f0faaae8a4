"""Coordinators triage requests: the queue's filters, search, sort and pages, and the actions on one request."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import url_for

from roadshow.extensions import db
from roadshow.models.booking import BookingEvent
from roadshow.services.bookings import PreferredDate
from roadshow.timeutil import utcnow
from tests.bookings.conftest import in_days


@pytest.fixture
def coordinator(users, login):
    login(users["coordinator"])
    return users["coordinator"]


def test_queue_filters_by_status_and_district(client, coordinator, make_request):
    make_request(organisation="Wisbech Boxing Club", district="fenland")
    make_request(organisation="Chatteris Youth Club", district="fenland", status="under_review")
    make_request(organisation="Ely College", district="east_cambridgeshire")
    page = client.get("/staff/requests?district=fenland").text
    assert "Wisbech Boxing Club" in page and "Chatteris Youth Club" in page and "Ely College" not in page
    page = client.get("/staff/requests?district=fenland&status=under_review").text
    assert "Chatteris Youth Club" in page and "Wisbech Boxing Club" not in page
    assert "1 request matches." in page


@pytest.mark.parametrize("query", ["boxing", "BOXING", "RS-", "0001"])
def test_queue_searches_organisation_and_reference(client, coordinator, make_request, query):
    make_request(organisation="Wisbech Boxing Club")
    make_request(organisation="Ely College")
    page = client.get(f"/staff/requests?q={query}").text
    assert "Wisbech Boxing Club" in page
    if query != "RS-":
        assert "Ely College" not in page


def test_search_treats_wildcards_as_text(client, coordinator, make_request):
    make_request(organisation="Ely College")
    assert "No requests match" in client.get("/staff/requests?q=%25").text


def test_queue_sorts_by_sent_date_and_by_preferred_date(client, coordinator, make_request):
    older, _ = make_request(organisation="Older Group", preferred_dates=(PreferredDate(in_days(60), "morning"),))
    make_request(organisation="Newer Group", preferred_dates=(PreferredDate(in_days(20), "morning"),))
    older.created_at = utcnow() - timedelta(days=3)
    db.session.commit()
    newest_first = client.get("/staff/requests").text
    assert newest_first.index("Newer Group") < newest_first.index("Older Group")
    oldest_first = client.get("/staff/requests?sort=oldest").text
    assert oldest_first.index("Older Group") < oldest_first.index("Newer Group")
    by_date = client.get("/staff/requests?sort=preferred").text
    assert by_date.index("Newer Group") < by_date.index("Older Group")


def test_queue_is_paginated_and_keeps_filters(client, coordinator, make_request):
    for n in range(27):
        make_request(organisation=f"Group {n:02d}", district="peterborough")
    first = client.get("/staff/requests?district=peterborough").text
    assert "Page 1 of 2" in first
    assert "district=peterborough" in first.split('rel="next"')[0].rsplit("href=", 1)[1]
    second = client.get("/staff/requests?district=peterborough&page=2").text
    assert second.count("<tr>") == 2 + 1  # two rows and the header


def test_empty_queue_says_so(client, coordinator):
    assert "No booking requests yet" in client.get("/staff/requests").text


def test_start_review_then_decline_with_a_reason(client, coordinator, make_request, smtp):
    booking, _ = make_request()
    response = client.post(f"/staff/requests/{booking.id}/review")
    assert response.status_code == 303
    page = client.get(f"/staff/requests/{booking.id}").text
    assert "is now under review" in page and "Start review" not in page
    response = client.post(f"/staff/requests/{booking.id}/decline", data={"decline-reason": "No dates left this term"})
    assert response.status_code == 303
    db.session.refresh(booking)
    assert booking.status == "declined" and booking.decline_reason == "No dates left this term"
    events = db.session.scalars(sa.select(BookingEvent).order_by(BookingEvent.id)).all()
    assert [(e.from_status, e.to_status, e.actor_id) for e in events[1:]] == [
        ("requested", "under_review", coordinator.id),
        ("under_review", "declined", coordinator.id),
    ]
    assert len(smtp.to("jo.scout@example.org")) == 2


def test_decline_without_a_reason_shows_the_error_on_the_page(client, coordinator, make_request):
    booking, _ = make_request()
    response = client.post(f"/staff/requests/{booking.id}/decline", data={"decline-reason": ""})
    assert response.status_code == 200
    assert "There is a problem" in response.text and 'href="#decline-reason"' in response.text
    db.session.refresh(booking)
    assert booking.status == "requested"


def test_illegal_action_is_refused_with_a_message(client, coordinator, make_request):
    booking, _ = make_request(status="delivered")
    response = client.post(
        f"/staff/requests/{booking.id}/decline", data={"decline-reason": "Too late"}, follow_redirects=True
    )
    assert "cannot be changed to declined" in response.text
    db.session.refresh(booking)
    assert booking.status == "delivered"


def test_staff_cancel_records_the_team(client, coordinator, make_request):
    booking, token = make_request(status="scheduled")
    client.post(f"/staff/requests/{booking.id}/cancel", data={"cancel-reason": "Facilitator ill, we will rebook"})
    page = client.get(f"/roadshow/booking/{token}").text
    assert "Cancelled by the Roadshow team: Facilitator ill, we will rebook" in page


def test_internal_note_is_on_the_staff_page_only(client, coordinator, make_request):
    booking, token = make_request()
    client.post(f"/staff/requests/{booking.id}/note", data={"note-note": "Rang the leader, no answer"})
    staff_page = client.get(f"/staff/requests/{booking.id}").text
    assert "Rang the leader, no answer" in staff_page and "No (internal)" in staff_page
    assert "Rang the leader" not in client.get(f"/roadshow/booking/{token}").text


def test_detail_page_shows_history_with_who_did_what(client, coordinator, make_request):
    booking, _ = make_request()
    client.post(f"/staff/requests/{booking.id}/review")
    page = client.get(f"/staff/requests/{booking.id}").text
    assert "Requested → Under review" in page and coordinator.name in page
    assert "jo.scout@example.org" in page and "07700 900123" in page  # spaced as people write it


@pytest.mark.parametrize(("status", "shown"), [("under_review", True), ("requested", False), ("declined", False)])
def test_make_an_offer_link_appears_when_an_offer_is_possible(app, client, coordinator, make_request, status, shown):
    booking, _ = make_request(status=status)
    page = client.get(f"/staff/requests/{booking.id}").text
    assert ("Make an offer" in page) == shown
    if shown:
        with app.test_request_context():
            assert f'href="{url_for("scheduling.new_offer", request_id=booking.id)}"' in page


def test_no_offer_link_without_the_scheduling_feature(app, client, coordinator, make_request):
    booking, _ = make_request(status="under_review")
    page = client.get(f"/staff/requests/{booking.id}").text
    assert ("Make an offer" in page) == ("scheduling.new_offer" in app.view_functions)


def test_unknown_request_is_404(client, coordinator):
    assert client.get("/staff/requests/999").status_code == 404


def test_dashboard_counts_new_requests(client, coordinator, make_request):
    make_request()
    make_request()
    make_request(status="under_review")
    page = client.get("/staff/").text
    assert '<h2 id="dash-requests">New booking requests</h2>\n    <p class="big-number">2</p>' in page


def test_page_past_the_end_offers_the_first_page(client, coordinator, make_request):
    make_request()
    page = client.get("/staff/requests?page=9").text
    assert "There are no requests on this page" in page and "page=1" in page
