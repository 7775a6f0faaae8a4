"""Conflict rules: a facilitator needs the travel buffer between sessions; a venue holds one session at a time."""

from __future__ import annotations

from datetime import time

import pytest

from roadshow.models.scheduling import SessionStatus
from roadshow.services import DomainError
from roadshow.services.scheduling import sessions as scheduling
from roadshow.services.scheduling import status as session_status
from roadshow.services.scheduling.sessions import Actor, ConflictError
from tests.scheduling.conftest import details

ELSEWHERE = {"venue": "St Mary's Church Hall, Church Lane, March", "postcode": "PE15 8AA"}


def _try(facilitator_ids, **changes):
    return scheduling.create(details(facilitator_ids=facilitator_ids, **changes), Actor(label="test"))


def test_a_facilitator_can_start_exactly_the_buffer_after_another_session(schedule, facilitator):
    schedule()  # 18:00 to 20:00
    later = _try((facilitator.id,), starts=time(21, 0), ends=time(22, 30), title="Later group", **ELSEWHERE)
    assert later.id is not None


def test_a_facilitator_one_minute_inside_the_buffer_is_refused_naming_the_clash(schedule, facilitator):
    schedule()
    with pytest.raises(ConflictError) as refused:
        _try((facilitator.id,), starts=time(20, 59), ends=time(22, 0), title="Later group", **ELSEWHERE)
    message = str(refused.value)
    assert "Sam Facilitator" in message
    assert "Wisbech Youth Club" in message
    assert "60 minutes" in message


def test_the_buffer_applies_before_a_session_too(schedule, facilitator):
    schedule()
    assert _try((facilitator.id,), starts=time(15, 0), ends=time(17, 0), title="Earlier", **ELSEWHERE)
    with pytest.raises(ConflictError):
        _try((facilitator.id,), starts=time(15, 30), ends=time(17, 1), title="Too late", **ELSEWHERE)


def test_overlapping_sessions_for_one_facilitator_are_refused(schedule, facilitator):
    schedule()
    with pytest.raises(ConflictError):
        _try((facilitator.id,), starts=time(19, 0), ends=time(21, 0), title="Overlap", **ELSEWHERE)


def test_a_pending_offer_holds_its_slot(schedule, facilitator):
    schedule(status=SessionStatus.OFFERED, title="Offered group")
    with pytest.raises(ConflictError) as refused:
        _try((facilitator.id,), starts=time(19, 0), ends=time(21, 0), title="Second offer", **ELSEWHERE)
    assert "an offer for “Offered group”" in str(refused.value)


def test_two_overlapping_offers_are_refused(schedule, facilitator):
    schedule(status=SessionStatus.OFFERED)
    with pytest.raises(ConflictError):
        scheduling.create(
            details(facilitator_ids=(facilitator.id,), starts=time(19, 30), ends=time(21, 0), **ELSEWHERE),
            Actor(label="test"),
            status=SessionStatus.OFFERED,
        )


@pytest.mark.parametrize("status", [SessionStatus.CANCELLED, SessionStatus.WITHDRAWN])
def test_cancelled_sessions_and_withdrawn_offers_free_the_slot(schedule, facilitator, status, app):
    session = schedule(status=SessionStatus.OFFERED)
    session.status = status
    assert _try((facilitator.id,), starts=time(18, 0), ends=time(20, 0), title="Takes the slot")


def test_the_buffer_is_configurable(schedule, facilitator, app):
    app.config["TRAVEL_BUFFER_MINUTES"] = 30
    schedule()
    assert _try((facilitator.id,), starts=time(20, 30), ends=time(21, 30), title="Close by", **ELSEWHERE)
    with pytest.raises(ConflictError) as refused:
        _try((facilitator.id,), starts=time(20, 50), ends=time(21, 30), title="Too close", **ELSEWHERE)
    assert "30 minutes" in str(refused.value)


def test_one_venue_cannot_hold_two_sessions_at_once(schedule, make_user):
    schedule()
    other = make_user("coordinator", name="Robin Other")
    with pytest.raises(ConflictError) as refused:
        _try(
            (other.id,),
            starts=time(19, 0),
            ends=time(21, 0),
            venue="oak road youth centre 12 Oak Road Wisbech",  # the same place typed differently
            postcode="pe131ab",
            title="Another group",
        )
    assert "venue is already booked" in str(refused.value)
    assert "Wisbech Youth Club" in str(refused.value)


def test_a_venue_can_hold_sessions_back_to_back(schedule, make_user):
    schedule()
    other = make_user("coordinator", name="Robin Other")
    assert _try((other.id,), starts=time(20, 0), ends=time(21, 0), title="Straight after")


def test_different_people_at_different_venues_can_work_at_the_same_time(schedule, make_user):
    schedule()
    other = make_user("coordinator", name="Robin Other")
    assert _try((other.id,), title="Same time elsewhere", **ELSEWHERE)


def test_every_clash_is_named(schedule, facilitator, make_user):
    schedule()
    with pytest.raises(ConflictError) as refused:
        _try((facilitator.id,), starts=time(19, 0), ends=time(21, 0), title="Double clash")
    assert len(refused.value.clashes) == 2


def test_rescheduling_a_session_does_not_clash_with_itself(schedule, facilitator):
    session = schedule()
    moved = session_status.reschedule(
        session,
        details(facilitator_ids=(facilitator.id,), starts=time(18, 30), ends=time(20, 30)),
        "Venue asked us to start later",
        Actor(label="test"),
    )
    assert moved.ics_sequence == 1


def test_rescheduling_into_another_sessions_slot_is_refused(schedule, facilitator):
    schedule()
    second = schedule(starts=time(10, 0), ends=time(12, 0), title="Morning group", **ELSEWHERE)
    with pytest.raises(ConflictError):
        session_status.reschedule(
            second,
            details(facilitator_ids=(facilitator.id,), starts=time(17, 0), ends=time(19, 0), **ELSEWHERE),
            "Moved",
            Actor(label="test"),
        )


def test_a_session_needs_a_facilitator(app):
    with pytest.raises(DomainError, match="at least one facilitator"):
        _try(())
