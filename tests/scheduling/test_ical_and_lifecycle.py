"""iCalendar output read back with the icalendar library, and a session's life from offer to delivery."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time
from icalendar import Calendar

from roadshow.models.scheduling import SessionStatus
from roadshow.services import DomainError
from roadshow.services.scheduling import ical
from roadshow.services.scheduling import status as session_status
from roadshow.services.scheduling.sessions import Actor
from tests.scheduling.conftest import details

LONDON = ZoneInfo("Europe/London")


def _parse(data: bytes):
    cal = Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    return cal, events[0]


def test_the_invite_has_the_uid_times_and_london_timezone(schedule):
    session = schedule(day=date(2026, 3, 29))  # the day the clocks go forward
    cal, event = _parse(ical.invite(session))
    assert cal["METHOD"] == "REQUEST"
    assert str(event["UID"]) == session.ics_uid
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    start = event.decoded("DTSTART")
    assert start.replace(tzinfo=None) == datetime(2026, 3, 29, 18, 0)
    assert start.astimezone(UTC) == datetime(2026, 3, 29, 17, 0, tzinfo=UTC)
    assert event.decoded("DTEND").astimezone(UTC) == datetime(2026, 3, 29, 19, 0, tzinfo=UTC)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    assert "Oak Road Youth Centre" in str(event["LOCATION"])


def test_the_october_change_gives_the_gmt_offset(schedule):
    session = schedule(day=date(2026, 10, 25))
    _cal, event = _parse(ical.invite(session))
    assert event.decoded("DTSTART").astimezone(UTC) == datetime(2026, 10, 25, 18, 0, tzinfo=UTC)


def test_the_embedded_timezone_knows_both_clock_changes(schedule):
    session = schedule(day=date(2026, 6, 1))
    cal, _event = _parse(ical.invite(session))
    timezone = cal.walk("VTIMEZONE")[0]
    offsets = {str(part["TZNAME"]) for part in timezone.subcomponents}
    assert offsets == {"GMT", "BST"}


def test_a_change_keeps_the_uid_and_raises_the_sequence(schedule, facilitator):
    session = schedule()
    uid = session.ics_uid
    session_status.reschedule(
        session, details(starts=time(17, 0), facilitator_ids=(facilitator.id,)), "Earlier", Actor(label="t")
    )
    _cal, event = _parse(ical.invite(session))
    assert str(event["UID"]) == uid
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART").hour == 17


def test_a_cancellation_is_method_cancel_with_a_higher_sequence(schedule):
    session = schedule()
    session_status.cancel(session, "The hall flooded", Actor(label="t"))
    cal, event = _parse(ical.invite(session, ical.CANCEL))
    assert cal["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert str(event["UID"]) == session.ics_uid


def test_the_feed_lists_sessions_without_a_method(schedule):
    first = schedule()
    second = schedule(day=date(2027, 3, 17), status=SessionStatus.OFFERED)
    cal = Calendar.from_ical(ical.feed([first, second], "Roadshow"))
    assert "METHOD" not in cal
    statuses = {str(e["UID"]): str(e["STATUS"]) for e in cal.walk("VEVENT")}
    assert statuses == {first.ics_uid: "CONFIRMED", second.ics_uid: "TENTATIVE"}


def test_an_offer_accepted_becomes_scheduled(schedule):
    session = schedule(status=SessionStatus.OFFERED)
    session_status.accept(session, Actor(label="The group"))
    assert session.status == SessionStatus.SCHEDULED
    assert [e.action for e in session.events] == ["offered", "accepted"]
    assert session.events[-1].who == "The group"


def test_an_offer_cannot_be_accepted_twice(schedule):
    session = schedule(status=SessionStatus.OFFERED)
    session_status.accept(session, Actor(label="The group"))
    with pytest.raises(DomainError, match="cannot accept"):
        session_status.accept(session, Actor(label="The group"))


def test_asking_for_another_date_withdraws_the_offer(schedule):
    session = schedule(status=SessionStatus.OFFERED)
    session_status.withdraw(session, "Tuesdays are better", Actor(label="The group"))
    assert session.status == SessionStatus.WITHDRAWN
    assert session.events[-1].note == "Tuesdays are better"


def test_cancelling_needs_a_reason(schedule):
    session = schedule()
    with pytest.raises(DomainError, match="reason"):
        session_status.cancel(session, "  ", Actor(label="t"))


def test_a_session_is_delivered_only_once_it_has_started(schedule):
    session = schedule(day=date(2027, 5, 4))
    with freeze_time(session.starts_at - timedelta(minutes=1)), pytest.raises(DomainError, match="started"):
        session_status.mark_delivered(session, 20, Actor(label="t"))
    with freeze_time(session.ends_at):
        session_status.mark_delivered(session, 20, Actor(label="t"))
    assert session.status == SessionStatus.DELIVERED
    assert session.attendance == 20


def test_a_delivered_session_cannot_be_rescheduled_or_cancelled(schedule, facilitator):
    session = schedule(day=date(2026, 1, 6))
    session_status.mark_delivered(session, 12, Actor(label="t"))
    with pytest.raises(DomainError):
        session_status.cancel(session, "Oops", Actor(label="t"))
    with pytest.raises(DomainError):
        session_status.reschedule(session, details(facilitator_ids=(facilitator.id,)), "x", Actor(label="t"))


def test_history_and_audit_record_each_change(schedule, facilitator):
    from roadshow.extensions import db
    from roadshow.models import AuditEntry

    session = schedule()
    session_status.reschedule(session, details(facilitator_ids=(facilitator.id,)), "Same time", Actor(label="t"))
    session_status.cancel(session, "Cancelled by venue", Actor(user=facilitator))
    assert [e.action for e in session.events] == ["scheduled", "rescheduled", "cancelled"]
    assert session.events[-1].who == "Sam Facilitator"
    audit_rows = db.session.query(AuditEntry).filter_by(object_type="RoadshowSession").order_by(AuditEntry.id)
    actions = [a.action for a in audit_rows]
    assert actions == ["session.scheduled", "session.rescheduled", "session.cancelled"]
    # The reason is personal to the group: it stays in the history, never in the audit log.
    assert all("venue" not in a.detail for a in db.session.query(AuditEntry))
