"""The status table: every legal move works and is recorded; every other move is refused."""

from __future__ import annotations

import itertools

import pytest
import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import AuditEntry
from roadshow.models.booking import BookingEvent, BookingStatus
from roadshow.services import DomainError, bookings
from roadshow.services.scheduling import visits

S = BookingStatus
LEGAL = sorted((a, b) for a, targets in bookings.TRANSITIONS.items() for b in targets)
ILLEGAL = sorted((a, b) for a, b in itertools.product(S.ALL, S.ALL) if b not in bookings.TRANSITIONS[a])


def test_the_table_matches_the_agreed_lifecycle():
    assert set(bookings.TRANSITIONS) == set(S.ALL)
    assert (S.REQUESTED, S.UNDER_REVIEW) in LEGAL
    assert (S.UNDER_REVIEW, S.OFFERED) in LEGAL
    assert (S.OFFERED, S.SCHEDULED) in LEGAL
    assert (S.SCHEDULED, S.DELIVERED) in LEGAL
    for closed in S.CLOSED:
        assert bookings.TRANSITIONS[closed] == frozenset()


@pytest.mark.parametrize(("from_status", "to_status"), LEGAL)
def test_legal_transition_is_recorded_with_actor_time_and_note(make_request, users, from_status, to_status):
    booking, _ = make_request(status=from_status)
    coordinator = users["coordinator"]
    event = bookings.transition(
        booking, to_status, actor=coordinator, note="Checked with the team", reason="Explained to the group"
    )
    db.session.commit()
    assert booking.status == to_status
    stored = db.session.get(BookingEvent, event.id)
    assert (stored.from_status, stored.to_status) == (from_status, to_status)
    assert stored.actor_id == coordinator.id
    assert stored.note == "Checked with the team"
    assert stored.at is not None
    audit = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "booking.status"))
    assert audit.detail == f"{from_status}->{to_status}"
    assert audit.actor_id == coordinator.id
    assert audit.object_id == str(booking.id)


@pytest.mark.parametrize(("from_status", "to_status"), ILLEGAL)
def test_illegal_transition_is_refused_and_changes_nothing(make_request, users, from_status, to_status):
    booking, _ = make_request(status=from_status)
    with pytest.raises(DomainError, match="cannot be changed to"):
        bookings.transition(booking, to_status, actor=users["coordinator"], reason="A reason")
    assert booking.status == from_status
    assert [e.kind for e in booking.events] == ["created"]


def test_unknown_status_is_refused(make_request):
    booking, _ = make_request()
    with pytest.raises(DomainError, match="no status"):
        bookings.transition(booking, "lost")


@pytest.mark.parametrize("to_status", [S.DECLINED, S.CANCELLED])
def test_declining_or_cancelling_needs_a_reason(make_request, users, to_status):
    booking, _ = make_request()
    with pytest.raises(DomainError, match="reason"):
        bookings.transition(booking, to_status, actor=users["coordinator"], reason="  ")
    assert booking.status == S.REQUESTED


def test_decline_reason_is_kept_for_the_group(make_request, users):
    booking, _ = make_request(status=S.UNDER_REVIEW)
    bookings.transition(booking, S.DECLINED, actor=users["coordinator"], reason="We are fully booked until June.")
    assert booking.decline_reason == "We are fully booked until June."


def test_group_cancelling_before_booking_withdraws_and_after_booking_cancels(make_request):
    early, _ = make_request(status=S.OFFERED)
    booked, _ = make_request(status=S.SCHEDULED)
    visits.cancel_by_group(early, "Exams moved")
    visits.cancel_by_group(booked, "Hall flooded")
    assert (early.status, booked.status) == (S.WITHDRAWN, S.CANCELLED)
    assert booked.cancelled_by == "the group" and booked.cancel_reason == "Hall flooded"


def test_staff_cancelling_is_recorded_as_the_team(make_request, users):
    booking, _ = make_request(status=S.SCHEDULED)
    bookings.transition(booking, S.CANCELLED, actor=users["coordinator"], reason="Facilitator ill")
    assert booking.cancelled_by == "the Roadshow team"


def test_notes_are_internal_unless_shared(make_request, users):
    booking, _ = make_request()
    internal = bookings.add_event(booking, note="Called the school", actor=users["coordinator"])
    shared = bookings.add_event(booking, note="We will call you on Monday", visible_to_group=True, actor=users["admin"])
    assert not internal.visible_to_group and shared.visible_to_group
    actions = list(db.session.scalars(sa.select(AuditEntry.detail).where(AuditEntry.action == "booking.note")))
    assert actions == ["internal", "shared"]


def test_empty_note_is_refused(make_request):
    booking, _ = make_request()
    with pytest.raises(DomainError):
        bookings.add_event(booking, note="   ")


def test_audit_entries_hold_no_personal_details(make_request, users):
    booking, _ = make_request(status=S.UNDER_REVIEW)
    bookings.transition(booking, S.DECLINED, actor=users["coordinator"], reason="Jo Scout asked us to")
    details = " ".join(db.session.scalars(sa.select(AuditEntry.detail)))
    assert "Jo Scout" not in details and "jo.scout@example.org" not in details
