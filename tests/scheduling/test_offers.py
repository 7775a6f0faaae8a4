"""Offers made from booking requests: the group accepts or asks for another date from its private link."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from roadshow.extensions import db
from roadshow.models.booking import BookingRequest, BookingStatus
from roadshow.models.scheduling import RoadshowSession, SessionStatus
from roadshow.timeutil import today_london
from tests.bookings.conftest import committed_request

GROUP_EMAIL = "jo.scout@example.org"


@pytest.fixture
def booking(app) -> tuple[BookingRequest, str]:
    """A request under review, and its manage token."""
    return committed_request(BookingStatus.UNDER_REVIEW)


@pytest.fixture
def coordinator(users, login):
    login(users["coordinator"])
    return users["coordinator"]


def _offer(client, booking_id: int, facilitator, **changes) -> object:
    day = today_london() + timedelta(days=40)
    data = {
        "day": day.isoformat(),
        "starts": "18:00",
        "ends": "20:00",
        "venue": "Scout Hut, Station Road, Ely",
        "postcode": "CB7 4BS",
        "district": "east_cambridgeshire",
        "facilitators": [facilitator.id],
    } | changes
    return client.post(f"/staff/requests/{booking_id}/offer", data=data)


def _reschedule(client, session: RoadshowSession, facilitator, days: int, reason: str) -> date:
    """Move a session to the same place and times, days from today, as the reschedule form does; returns the day."""
    day = today_london() + timedelta(days=days)
    data = {
        "day": day.isoformat(), "starts": "18:00", "ends": "20:00", "venue": session.venue,
        "postcode": session.postcode, "district": session.district, "facilitators": [facilitator.id],
        "reason": reason,
    }  # fmt: skip
    client.post(f"/staff/sessions/{session.id}/reschedule", data=data)
    return day


def _link(text: str) -> str:
    return re.search(r"https?://\S+/roadshow/booking/[\w-]+", text).group(0)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_the_offer_form_starts_from_the_request(client, coordinator, booking):
    request, _token = booking
    page = client.get(f"/staff/requests/{request.id}/offer").text
    assert 'value="Scout Hut, Station Road, Ely"' in page
    assert f'value="{request.preferred_dates[0].day.isoformat()}"' in page
    assert 'value="18:00"' in page  # the group asked for an evening


def test_an_offer_emails_the_group_a_working_link(client, coordinator, booking, facilitator, smtp):
    request, _old_token = booking
    response = _offer(client, request.id, facilitator)
    assert response.status_code == 303
    session = db.session.query(RoadshowSession).one()
    assert session.status == SessionStatus.OFFERED and session.request_id == request.id
    assert db.session.get(BookingRequest, request.id).status == BookingStatus.OFFERED
    message = smtp.to(GROUP_EMAIL)[-1]
    assert "We can offer you a roadshow date" in message["Subject"]
    manage = client.get(_path(_link(smtp.text(message)))).text
    assert "The date we can offer you" in manage
    assert "Accept this date" in manage


def test_the_group_accepts_and_everyone_gets_the_invite(client, coordinator, booking, facilitator, smtp):
    request, _ = booking
    _offer(client, request.id, facilitator)
    link = _path(_link(smtp.text(smtp.to(GROUP_EMAIL)[-1])))
    client.post("/staff/logout")
    response = client.post(link + "/offer/accept")
    assert response.status_code == 303
    session = db.session.query(RoadshowSession).one()
    assert session.status == SessionStatus.SCHEDULED
    assert db.session.get(BookingRequest, request.id).status == BookingStatus.SCHEDULED
    for address in (GROUP_EMAIL, facilitator.email):
        invite = smtp.to(address)[-1]
        attachment = next(invite.iter_attachments())
        assert attachment.get_content_type() == "text/calendar"
        assert attachment.get_param("method") == "REQUEST"
        event = Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]
        assert str(event["UID"]) == session.ics_uid
    assert "Your session" in client.get(link).text
    ics = client.get(link + "/session.ics")
    assert Calendar.from_ical(ics.data).walk("VEVENT")[0]["UID"] == session.ics_uid


def test_the_group_can_ask_for_another_date(client, coordinator, booking, facilitator, smtp):
    request, _ = booking
    _offer(client, request.id, facilitator)
    link = _path(_link(smtp.text(smtp.to(GROUP_EMAIL)[-1])))
    client.post("/staff/logout")
    assert "Ask for another date" in client.get(link + "/offer/another-date").text
    client.post(link + "/offer/another-date", data={"note": "Thursdays suit us better"})
    session = db.session.query(RoadshowSession).one()
    assert session.status == SessionStatus.WITHDRAWN
    assert session.events[-1].note == "Thursdays suit us better"
    assert db.session.get(BookingRequest, request.id).status == BookingStatus.UNDER_REVIEW
    assert client.post(link + "/offer/accept").status_code == 404  # nothing left to accept


def test_a_wrong_link_cannot_accept(client, booking):
    assert client.post("/roadshow/booking/not-the-token/offer/accept").status_code == 404
    assert client.get("/roadshow/booking/not-the-token/session.ics").status_code == 404


def test_a_date_agreed_by_phone_is_scheduled_at_once(client, coordinator, booking, facilitator, smtp):
    request, _ = booking
    _offer(client, request.id, facilitator, agreed_by_phone="y")
    assert db.session.query(RoadshowSession).one().status == SessionStatus.SCHEDULED
    assert db.session.get(BookingRequest, request.id).status == BookingStatus.SCHEDULED
    assert next(smtp.to(GROUP_EMAIL)[-1].iter_attachments()).get_param("method") == "REQUEST"


def test_an_offer_that_clashes_is_refused_and_nothing_changes(client, coordinator, booking, facilitator, schedule):
    request, _ = booking
    day = today_london() + timedelta(days=40)
    schedule(title="Busy evening", day=day)
    response = _offer(client, request.id, facilitator)
    assert response.status_code == 200
    assert "Sam Facilitator is already facilitating “Busy evening”" in response.text
    assert db.session.get(BookingRequest, request.id).status == BookingStatus.UNDER_REVIEW


def test_no_offer_on_a_declined_request(client, coordinator, booking, facilitator):
    request, _ = booking
    request.status = BookingStatus.DECLINED
    db.session.commit()
    response = client.get(f"/staff/requests/{request.id}/offer")
    assert response.status_code == 303
    assert db.session.query(RoadshowSession).count() == 0


def _booked(client, booking, facilitator) -> RoadshowSession:
    request, _ = booking
    _offer(client, request.id, facilitator, agreed_by_phone="y")
    return db.session.query(RoadshowSession).one()


def test_the_group_cancelling_from_its_link_cancels_the_session(client, coordinator, booking, facilitator, smtp):
    session = _booked(client, booking, facilitator)
    _request, token = booking
    client.post("/staff/logout")
    client.post(f"/roadshow/booking/{token}", data={"reason": "Our hall is closed"})
    assert session.status == SessionStatus.CANCELLED
    message = next(m for m in smtp.to(facilitator.email) if "cancelled" in m["Subject"] and m.is_multipart())
    assert next(message.iter_attachments()).get_param("method") == "CANCEL"
    assert "cancelled by the group" in smtp.text(message)
    assert "Our hall is closed" in smtp.text(message)


def test_staff_declining_a_request_withdraws_its_pending_offer(client, coordinator, booking, facilitator):
    request, _ = booking
    _offer(client, request.id, facilitator)
    client.post(f"/staff/requests/{request.id}/decline", data={"decline-reason": "No facilitators that month"})
    session = db.session.query(RoadshowSession).one()
    assert session.status == SessionStatus.WITHDRAWN


def test_cancelling_the_session_cancels_the_request_with_the_reason(client, coordinator, booking, facilitator, smtp):
    session = _booked(client, booking, facilitator)
    client.post(f"/staff/sessions/{session.id}/cancel", data={"reason": "Facilitators unwell"})
    request = db.session.get(BookingRequest, booking[0].id)
    assert request.status == BookingStatus.CANCELLED
    assert request.cancel_reason == "Facilitators unwell"
    assert next(smtp.to(GROUP_EMAIL)[-1].iter_attachments()).get_param("method") == "CANCEL"


def test_withdrawing_an_offer_returns_the_request_to_review(client, coordinator, booking, facilitator, smtp):
    request, _ = booking
    _offer(client, request.id, facilitator)
    session = db.session.query(RoadshowSession).one()
    client.post(f"/staff/sessions/{session.id}/cancel", data={"reason": "Double-booked hall"})
    assert db.session.get(BookingRequest, request.id).status == BookingStatus.UNDER_REVIEW
    assert "no longer available" in smtp.to(GROUP_EMAIL)[-1]["Subject"]


def test_marking_delivered_moves_the_request_to_delivered(client, coordinator, booking, facilitator):
    session = _booked(client, booking, facilitator)
    session.starts_at -= timedelta(days=41)
    session.ends_at -= timedelta(days=41)
    db.session.commit()
    client.post(f"/staff/sessions/{session.id}/delivered", data={"attendance": "21"})
    assert db.session.get(BookingRequest, booking[0].id).status == BookingStatus.DELIVERED


def test_rescheduling_a_booked_session_emails_the_group_too(client, coordinator, booking, facilitator, smtp):
    session = _booked(client, booking, facilitator)
    day = _reschedule(client, session, facilitator, 47, "The group asked for the following week")
    message = smtp.to(GROUP_EMAIL)[-1]
    assert "The group asked for the following week" in smtp.text(message)
    event = Calendar.from_ical(next(message.iter_attachments()).get_content()).walk("VEVENT")[0]
    assert event["SEQUENCE"] == 1 and event.decoded("DTSTART").date() == day


def test_moving_a_pending_offer_sends_a_new_offer_with_a_working_link(client, coordinator, booking, facilitator, smtp):
    request, _ = booking
    _offer(client, request.id, facilitator)
    session = db.session.query(RoadshowSession).one()
    _reschedule(client, session, facilitator, 44, "The first date no longer works for us")
    latest = smtp.to(GROUP_EMAIL)[-1]
    assert "We can offer you a roadshow date" in latest["Subject"]
    client.post("/staff/logout")
    assert "Accept this date" in client.get(_path(_link(smtp.text(latest)))).text
