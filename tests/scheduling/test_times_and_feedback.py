"""London times across the clock changes, feedback codes, and the feedback window at its edges."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from freezegun import freeze_time

from roadshow.models.scheduling import SessionStatus
from roadshow.services import DomainError
from roadshow.services.feedback import intake as feedback_intake
from roadshow.services.scheduling import sessions as scheduling
from roadshow.services.scheduling import status as session_status
from roadshow.services.scheduling.sessions import CODE_ALPHABET, Actor
from roadshow.timeutil import format_datetime, utcnow
from tests.scheduling.conftest import details

# 2026: the clocks go forward on Sunday 29 March and back on Sunday 25 October.
SPRING_FORWARD = date(2026, 3, 29)
FALL_BACK = date(2026, 10, 25)


@pytest.mark.parametrize(
    "day,utc_hour",
    [(date(2026, 3, 28), 18), (SPRING_FORWARD, 17), (date(2026, 10, 24), 17), (FALL_BACK, 18)],
)
def test_a_six_pm_session_is_stored_in_utc_either_side_of_the_clock_change(schedule, day, utc_hour):
    session = schedule(day=day)
    assert session.starts_at == datetime.combine(day, time(utc_hour), tzinfo=UTC)
    assert format_datetime(session.starts_at).endswith(", 6pm")


def test_a_time_the_clocks_skip_is_refused(schedule):
    with pytest.raises(DomainError, match="does not exist"):
        schedule(day=SPRING_FORWARD, starts=time(1, 30), ends=time(3, 0))


def test_the_hour_repeated_in_october_is_accepted(schedule):
    session = schedule(day=FALL_BACK, starts=time(1, 30), ends=time(3, 0))
    assert session.ends_at - session.starts_at == timedelta(hours=2, minutes=30)


def test_feedback_codes_use_only_unambiguous_characters(schedule):
    codes = [scheduling.new_feedback_code() for _ in range(300)]
    assert all(len(code) == 6 for code in codes)
    assert set("".join(codes)) <= set(CODE_ALPHABET)
    assert not set("".join(codes)) & set("0O1IL")
    assert len(set(codes)) == len(codes)


def test_a_code_already_taken_is_never_reused(schedule, monkeypatch):
    taken = schedule().feedback_code
    letters = iter(taken + "ABCDEF")
    monkeypatch.setattr(scheduling.secrets, "choice", lambda _alphabet: next(letters))
    assert scheduling.new_feedback_code() == "ABCDEF"


def test_codes_are_found_however_they_are_typed(schedule):
    session = schedule()
    typed = f" {session.feedback_code[:3].lower()}-{session.feedback_code[3:].lower()} "
    assert feedback_intake.find_session(typed) == session


def test_feedback_opens_at_the_start_and_closes_seven_days_later(schedule):
    session = schedule(day=date(2027, 5, 4))
    start = session.starts_at
    for moment, expected in [
        (start - timedelta(seconds=1), False),
        (start, True),
        (start + timedelta(days=7) - timedelta(seconds=1), True),
        (start + timedelta(days=7), False),
    ]:
        with freeze_time(moment):
            assert session.feedback_open(utcnow()) is expected, moment


def test_the_window_keeps_the_same_clock_time_across_the_march_change(schedule):
    session = schedule(day=date(2026, 3, 24))  # 18:00 GMT
    assert session.feedback_closes_at == datetime(2026, 3, 31, 17, 0, tzinfo=UTC)  # 18:00 BST


def test_the_window_keeps_the_same_clock_time_across_the_october_change(schedule):
    session = schedule(day=date(2026, 10, 20))  # 18:00 BST
    assert session.feedback_closes_at == datetime(2026, 10, 27, 18, 0, tzinfo=UTC)  # 18:00 GMT
    with freeze_time(datetime(2026, 10, 27, 17, 59, 59, tzinfo=UTC)):
        assert session.feedback_open(utcnow())
    with freeze_time(datetime(2026, 10, 27, 18, 0, tzinfo=UTC)):
        assert not session.feedback_open(utcnow())


def test_the_window_length_is_configurable(schedule, app):
    app.config["FEEDBACK_WINDOW_DAYS"] = 3
    session = schedule(day=date(2027, 5, 4))
    assert session.feedback_closes_at - session.starts_at == timedelta(days=3)


def test_a_pending_offer_takes_no_feedback(schedule):
    session = schedule(status=SessionStatus.OFFERED, day=date(2027, 5, 4))
    with freeze_time(session.starts_at + timedelta(hours=1)):
        assert not session.feedback_open(utcnow())


def test_a_coordinator_can_close_feedback_early_and_reopen_it(schedule):
    session = schedule(day=date(2027, 5, 4))
    during = session.starts_at + timedelta(days=1)
    with freeze_time(during):
        session_status.close_feedback(session, Actor(label="test"))
        assert not session.feedback_open(utcnow())
    later = during + timedelta(days=10)
    with freeze_time(later):
        session_status.reopen_feedback(session, Actor(label="test"))
        assert session.feedback_open(utcnow())
        assert session.feedback_closes_at == later + timedelta(days=7)
    assert [e.action for e in session.events][-2:] == ["feedback_closed", "feedback_reopened"]


def test_feedback_cannot_be_reopened_before_the_session_starts(schedule):
    session = schedule(day=date(2027, 5, 4))
    with freeze_time(session.starts_at - timedelta(days=1)), pytest.raises(DomainError, match="opens by itself"):
        session_status.reopen_feedback(session, Actor(label="test"))


def test_rescheduling_moves_the_feedback_window(schedule, facilitator):
    session = schedule(day=date(2027, 5, 4))
    session_status.reschedule(
        session, details(day=date(2027, 5, 11), facilitator_ids=(facilitator.id,)), "New date", Actor(label="t")
    )
    assert session.feedback_opens_at == session.starts_at
    assert session.feedback_closes_at == session.starts_at + timedelta(days=7)
