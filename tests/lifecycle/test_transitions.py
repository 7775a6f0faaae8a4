"""Each transition moves the request and its session together and tells the people who need to know."""

from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun import freeze_time

from roadshow.extensions import db
from roadshow.models.booking import BookingStatus
from roadshow.models.scheduling import SessionStatus
from roadshow.services import DomainError
from roadshow.services.scheduling import visits
from roadshow.services.scheduling.reminders import send_reminders
from roadshow.transaction import commit_and_send
from tests.lifecycle.conftest import GROUP_EMAIL

R, S = BookingStatus, SessionStatus


def _link(token: str) -> str:
    return f"/roadshow/booking/{token}"


def test_the_first_link_still_works_after_every_offer(client, booking, offered, smtp, staff):
    _request, token = booking
    first = offered()
    assert _link(token) in smtp.text(smtp.to(GROUP_EMAIL)[-1])  # the offer carries the same link
    commit_and_send(visits.withdraw_offer(first, "Hall double-booked", staff).notices)
    offered(days=47)
    assert _link(token) in smtp.text(smtp.to(GROUP_EMAIL)[-1])
    assert "The date we can offer you" in client.get(_link(token)).text


def test_asking_for_another_date_emails_the_coordinator(booking, offered, smtp, users):
    request, _ = booking
    session = offered()
    commit_and_send(visits.ask_for_another_date(request, session, "Thursdays suit us better").notices)
    assert (request.status, session.status) == (R.UNDER_REVIEW, S.WITHDRAWN)
    notice = smtp.to(users["coordinator"].email)[-1]
    assert "asks for another date" in notice["Subject"]
    assert "under review" in smtp.to(GROUP_EMAIL)[-1]["Subject"]  # the group has it in writing too
    assert "Thursdays suit us better" in smtp.text(notice) and f"/staff/requests/{request.id}" in smtp.text(notice)


def test_the_booked_email_is_the_groups_own(booking, offered, smtp):
    request, token = booking
    session = offered()
    commit_and_send(visits.accept(request, session).notices)
    message = next(m for m in smtp.to(GROUP_EMAIL) if "booked" in m["Subject"])
    text = smtp.text(message)
    assert text.startswith("Dear Jo Scout")
    assert request.reference in text and _link(token) in text
    assert "Who is coming: Sam, from the Commissioner's office" in text
    assert "Sam Facilitator" not in text  # first name only
    for needed in ("a room", "a screen", "a responsible adult"):
        assert needed in text
    assert next(message.iter_attachments()).get_param("method") == "REQUEST"


def test_an_offer_cannot_be_accepted_after_its_deadline(booking, offered):
    request, _ = booking
    session = offered()
    with freeze_time(session.offer_expires_at + timedelta(minutes=1)), pytest.raises(DomainError, match="passed"):
        visits.accept(request, session)


def test_reminders_before_the_deadline_then_the_offer_lapses(booking, offered, smtp, users):
    request, _token = booking
    session = offered()
    deadline = session.offer_expires_at
    with freeze_time(deadline - timedelta(days=1)):
        assert send_reminders().offer_reminders == 1
        assert send_reminders().offer_reminders == 0  # once only
    assert "Reminder: please reply" in smtp.to(GROUP_EMAIL)[-1]["Subject"]
    with freeze_time(deadline + timedelta(hours=1)):
        assert send_reminders().lapsed == 1
    db.session.expire_all()
    assert (session.status, request.status) == (S.WITHDRAWN, R.UNDER_REVIEW)
    assert session.events[-1].action == "offer_lapsed"
    assert "lapsed" in smtp.to(users["coordinator"].email)[-1]["Subject"]


def test_the_group_is_reminded_three_days_before_its_session(booking, offered, smtp):
    session = offered(agreed_by_phone=True)
    with freeze_time(session.starts_at - timedelta(days=4)):
        assert send_reminders().session_reminders == 0
    with freeze_time(session.starts_at - timedelta(days=3)):
        assert send_reminders().session_reminders == 1
        assert send_reminders().session_reminders == 0
    text = smtp.text(smtp.to(GROUP_EMAIL)[-1])
    assert "coming up" in smtp.to(GROUP_EMAIL)[-1]["Subject"] and "a responsible adult" in text


def test_the_group_cancelling_tells_the_coordinator_and_the_facilitators(booking, offered, smtp, users, facilitator):
    request, _ = booking
    session = offered(agreed_by_phone=True)
    commit_and_send(visits.cancel_by_group(request, "Our hall is closed").notices)
    assert (request.status, session.status) == (R.CANCELLED, S.CANCELLED)
    assert "cancelled its request" in smtp.to(users["coordinator"].email)[-1]["Subject"]
    cancel = next(m for m in smtp.to(facilitator.email) if "session cancelled" in m["Subject"])
    assert next(cancel.iter_attachments()).get_param("method") == "CANCEL"


def test_a_refused_move_changes_neither_side(booking, offered, staff):
    request, _ = booking
    session = offered(agreed_by_phone=True)
    with pytest.raises(DomainError):
        visits.withdraw_offer(session, "no longer", staff)  # a booking is not an offer
    assert (request.status, session.status) == (R.SCHEDULED, S.SCHEDULED)


def test_delivering_moves_both(booking, offered, staff):
    request, _ = booking
    session = offered(agreed_by_phone=True)
    with freeze_time(session.ends_at):
        visits.deliver(session, 21, staff)
    assert (request.status, session.status, session.attendance) == (R.DELIVERED, S.DELIVERED, 21)


def test_the_send_reminders_command_reports_what_it_did(app, booking, offered, smtp):
    session = offered(agreed_by_phone=True)
    with freeze_time(session.starts_at - timedelta(days=2)):
        result = app.test_cli_runner().invoke(args=["send-reminders"])
    assert result.exit_code == 0
    assert "session reminders 1" in result.output
    assert "coming up" in smtp.to(GROUP_EMAIL)[-1]["Subject"]
