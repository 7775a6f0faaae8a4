"""Staff pages: the list with filters, one session and its actions, the calendar, the poster, .ics and feeds."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

import pytest
from freezegun import freeze_time
from icalendar import Calendar

from roadshow.extensions import db
from roadshow.models import User
from roadshow.models.scheduling import SessionStatus
from roadshow.timeutil import today_london

ELSEWHERE = {"venue": "Priory Hall, 3 Priory Road, St Ives", "postcode": "PE27 5BB", "district": "huntingdonshire"}


@pytest.fixture
def coordinator(users, login):
    login(users["coordinator"])
    return users["coordinator"]


def _form(day: date, **changes) -> dict:
    data = {
        "title": "St Ives Scouts",
        "day": day.isoformat(),
        "starts": "18:00",
        "ends": "20:00",
        "venue": "Priory Hall, 3 Priory Road, St Ives",
        "postcode": "pe27 5bb",
        "district": "huntingdonshire",
        "capacity": "25",
    }
    data.update(changes)
    return data


def test_upcoming_and_past_sessions_are_listed_apart(client, coordinator, schedule):
    schedule(title="Future group", day=today_london() + timedelta(days=10))
    schedule(title="Earlier group", day=today_london() - timedelta(days=10), **ELSEWHERE)
    upcoming = client.get("/staff/sessions").text
    past = client.get("/staff/sessions?when=past").text
    assert "Future group" in upcoming and "Earlier group" not in upcoming
    assert "Earlier group" in past and "Future group" not in past


def test_the_list_filters_by_district_and_facilitator(client, coordinator, schedule, make_user):
    other = make_user("coordinator", name="Robin Other")
    schedule(title="Fenland group")
    schedule(title="Hunts group", facilitator_ids=(other.id,), **ELSEWHERE)
    by_district = client.get("/staff/sessions?district=huntingdonshire").text
    assert "Hunts group" in by_district and "Fenland group" not in by_district
    by_person = client.get(f"/staff/sessions?facilitator={other.id}").text
    assert "Hunts group" in by_person and "Fenland group" not in by_person


def test_the_list_is_paginated(client, coordinator, schedule):
    start = date(2027, 1, 4)
    for n in range(27):
        schedule(title=f"Group {n:02d}", day=start + timedelta(days=n))
    first = client.get("/staff/sessions").text
    second = client.get("/staff/sessions?page=2").text
    assert "Group 00" in first and "Group 25" not in first
    assert "Group 25" in second and "Page 2 of 2" in second


def test_an_empty_list_says_so(client, coordinator):
    assert "No upcoming sessions match these filters." in client.get("/staff/sessions").text


def test_a_coordinator_schedules_a_session_directly(client, coordinator, facilitator, smtp):
    day = today_london() + timedelta(days=30)
    response = client.post("/staff/sessions/new", data=_form(day, facilitators=[facilitator.id]))
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).text
    assert "St Ives Scouts" in page and "Scheduled" in page
    assert "PE27 5BB" in page
    message = smtp.to(facilitator.email)[0]
    attachment = next(part for part in message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"


def test_a_clash_is_refused_with_its_name_and_the_input_kept(client, coordinator, facilitator, schedule):
    schedule(title="Wisbech Youth Club", day=date(2027, 3, 10))
    response = client.post(
        "/staff/sessions/new",
        data=_form(date(2027, 3, 10), starts="20:30", ends="21:30", facilitators=[facilitator.id]),
    )
    assert response.status_code == 200
    assert "Sam Facilitator is already facilitating “Wisbech Youth Club”" in response.text
    assert 'value="St Ives Scouts"' in response.text
    assert 'value="20:30"' in response.text


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"title": ""}, "Enter the group&#39;s name."),
        ({"starts": "19:00", "ends": "18:00"}, "The end time must be after the start time."),
        ({"postcode": "NOT A CODE"}, "Enter a real UK postcode"),
        ({"day": "31/02/2027"}, "Not a valid date value."),
        ({"facilitators": []}, "Choose at least one facilitator."),
    ],
)
def test_bad_input_is_explained(client, coordinator, facilitator, changes, message):
    data = _form(date(2027, 3, 10), facilitators=[facilitator.id]) | changes
    response = client.post("/staff/sessions/new", data=data)
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in response.text


def test_reschedule_emails_everyone_an_updated_invite(client, coordinator, facilitator, schedule, smtp):
    session = schedule(day=date(2027, 3, 10))
    data = _form(date(2027, 3, 17), reason="The hall is being painted", facilitators=[facilitator.id])
    response = client.post(f"/staff/sessions/{session.id}/reschedule", data=data)
    assert response.status_code == 303
    message = smtp.to(facilitator.email)[-1]
    assert "The hall is being painted" in smtp.text(message)
    cal = Calendar.from_ical(next(message.iter_attachments()).get_content())
    event = cal.walk("VEVENT")[0]
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART").date() == date(2027, 3, 17)


def test_cancel_needs_a_reason_then_sends_a_cancellation(client, coordinator, facilitator, schedule, smtp):
    session = schedule()
    refused = client.post(f"/staff/sessions/{session.id}/cancel", data={"reason": ""})
    assert "Give a reason for cancelling." in refused.text
    response = client.post(f"/staff/sessions/{session.id}/cancel", data={"reason": "Venue closed for repairs"})
    assert response.status_code == 303
    message = smtp.to(facilitator.email)[-1]
    attachment = next(message.iter_attachments())
    assert attachment.get_param("method") == "CANCEL"
    assert Calendar.from_ical(attachment.get_content())["METHOD"] == "CANCEL"
    page = client.get(f"/staff/sessions/{session.id}").text
    assert "Venue closed for repairs" in page and "Cancelled" in page


def test_marking_delivered_records_attendance(client, coordinator, schedule):
    session = schedule(day=today_london() - timedelta(days=1))
    response = client.post(f"/staff/sessions/{session.id}/delivered", data={"attendance": "17"})
    assert response.status_code == 303
    page = client.get(f"/staff/sessions/{session.id}").text
    assert "Marked as delivered: 17 young people came." in page
    assert session.status == SessionStatus.DELIVERED


def test_feedback_can_be_closed_early_from_the_page(client, coordinator, schedule):
    session = schedule(day=today_london() - timedelta(days=1))
    assert "Open now" in client.get(f"/staff/sessions/{session.id}").text
    client.post(f"/staff/sessions/{session.id}/feedback", data={"action": "close"})
    page = client.get(f"/staff/sessions/{session.id}").text
    assert "Closed since" in page and "Reopen feedback" in page


def test_the_calendar_shows_sessions_in_month_and_week_views(client, coordinator, schedule):
    schedule(title="March group", day=date(2027, 3, 10))
    schedule(title="Offered group", status=SessionStatus.OFFERED, day=date(2027, 3, 11), **ELSEWHERE)
    month = client.get("/staff/calendar?date=2027-03-01").text
    assert "Calendar: March 2027" in month
    assert "March group" in month and "Offered group" in month and "(offered)" in month
    week = client.get("/staff/calendar?view=week&date=2027-03-10").text
    assert "Week of 8 March 2027" in week and "March group" in week
    assert "March group" not in client.get("/staff/calendar?view=week&date=2027-03-17").text


def test_the_calendar_day_follows_london_time(client, coordinator, schedule):
    # 00:30 on 1 April in London is 23:30 on 31 March in UTC.
    schedule(title="Midnight group", day=date(2027, 4, 1), starts=time(0, 30), ends=time(2, 0))
    april = client.get("/staff/calendar?date=2027-04-01").text
    assert "Midnight group" in april
    assert "Midnight group" not in client.get("/staff/calendar?date=2027-03-01").text


def test_the_invite_download_is_icalendar(client, coordinator, schedule):
    session = schedule()
    response = client.get(f"/staff/sessions/{session.id}/invite.ics")
    assert response.content_type.startswith("text/calendar")
    assert Calendar.from_ical(response.data).walk("VEVENT")[0]["UID"] == session.ics_uid


def test_the_poster_has_the_qr_code_the_code_and_the_address(client, coordinator, schedule, app):
    app.config["PUBLIC_BASE_URL"] = "https://roadshow.example.org"
    session = schedule()
    page = client.get(f"/staff/sessions/{session.id}/poster").text
    assert f"QR code for https://roadshow.example.org/feedback/{session.feedback_code}" in page
    assert '<svg role="img"' in page
    assert f'<p class="poster-code">{session.feedback_code}</p>' in page
    assert "Oak Road Youth Centre, 12 Oak Road, Wisbech, PE13 1AB" in page


def test_a_missing_session_is_404(client, coordinator):
    assert client.get("/staff/sessions/999").status_code == 404


# The private calendar feed ------------------------------------------------------------------------


def _issue_feed(client) -> str:
    page = client.post("/staff/calendar/feed", data={"action": "issue"}).text
    return re.search(r"/ical/([\w-]+)\.ics", page).group(1)


def test_a_facilitator_feed_lists_only_their_sessions(client, coordinator, schedule, make_user):
    schedule(title="Not mine")
    schedule(title="Mine", facilitator_ids=(coordinator.id,), **ELSEWHERE)
    token = _issue_feed(client)
    client.post("/staff/logout")
    response = client.get(f"/ical/{token}.ics")
    assert response.status_code == 200
    titles = [str(e["SUMMARY"]) for e in Calendar.from_ical(response.data).walk("VEVENT")]
    assert titles == ["Youth Scrutiny Roadshow: Mine"]


def test_only_the_hash_of_the_feed_token_is_stored(client, coordinator):
    token = _issue_feed(client)
    stored = db.session.get(User, coordinator.id).ical_token_hash
    assert stored and token not in stored and len(stored) == 64


def test_a_new_feed_address_replaces_the_old_one_and_revoking_ends_it(client, coordinator):
    old = _issue_feed(client)
    new = _issue_feed(client)
    assert client.get(f"/ical/{old}.ics").status_code == 404
    assert client.get(f"/ical/{new}.ics").status_code == 200
    client.post("/staff/calendar/feed", data={"action": "revoke"})
    assert client.get(f"/ical/{new}.ics").status_code == 404


def test_a_wrong_feed_token_is_a_plain_404(client, app):
    assert client.get("/ical/not-a-real-token.ics").status_code == 404


def test_a_deactivated_account_loses_its_feed(client, coordinator):
    token = _issue_feed(client)
    db.session.get(User, coordinator.id).active = False
    db.session.commit()
    assert client.get(f"/ical/{token}.ics").status_code == 404


def test_withdrawing_an_offer_frees_its_slot(client, coordinator, schedule, facilitator):
    offer = schedule(status=SessionStatus.OFFERED)
    page = client.get(f"/staff/sessions/{offer.id}").text
    assert "Withdraw the offer" in page
    response = client.post(f"/staff/sessions/{offer.id}/cancel", data={"reason": "Facilitator is ill"})
    assert response.status_code == 303
    assert offer.status == SessionStatus.WITHDRAWN
    assert schedule(title="Takes the slot").id


@pytest.mark.parametrize(
    "now",
    [
        "2026-12-31 23:30",  # a month end, late in the evening
        "2027-01-03 12:00",  # a Sunday whose month began on a Friday
        "2027-03-28 00:30",  # the clocks go forward at 01:00
        "2027-10-31 01:30",  # the clocks go back at 02:00
    ],
)
def test_the_calendar_opens_on_the_day_asked_for_and_its_week(client, users, login, schedule, now):
    with freeze_time(now):
        login(users["coordinator"])
        today = today_london()
        schedule(title="Evening group", day=today, starts=time(18, 0), ends=time(19, 0))
        month = client.get("/staff/calendar").text
        assert f"Calendar: {today:%B %Y}" in month and "Evening group" in month
        week_link = re.search(r'href="([^"]*view=week[^"]*)"', month).group(1).replace("&amp;", "&")
        week = client.get(week_link).text
        monday = today - timedelta(days=today.weekday())
        assert f"Week of {monday.day} {monday:%B %Y}" in week and "Evening group" in week
