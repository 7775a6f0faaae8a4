"""What the SMTP server receives at each step, and that a mail outage never loses a request."""

from __future__ import annotations

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import OutboundEmail
from roadshow.models.booking import BookingRequest
from roadshow.services import bookings
from roadshow.services.scheduling import visits
from roadshow.services.scheduling.sessions import Actor
from roadshow.transaction import commit_and_send
from tests.bookings.conftest import form_data
from tests.support.fixtures import free_port


def test_submission_emails_the_group_its_reference_and_link_and_notifies_coordinators(client, smtp, users):
    client.post("/roadshow/book", data=form_data())
    booking = db.session.scalar(sa.select(BookingRequest))
    to_group = smtp.to("sam.leader@example.org")
    assert len(to_group) == 1
    text = smtp.text(to_group[0])
    assert booking.reference in to_group[0]["Subject"] and booking.reference in text
    for typed in ("Sam Leader", "March Youth Club"):  # nothing the sender typed goes to the address typed
        assert typed not in text
    token = text.split("/roadshow/booking/")[1].split()[0]
    assert bookings.find_by_token(token).id == booking.id
    notice = smtp.to(users["coordinator"].email)
    assert len(notice) == 1
    notice_text = smtp.text(notice[0])
    assert booking.reference in notice_text and "March Youth Club" in notice_text and "Fenland" in notice_text
    assert f"/staff/requests/{booking.id}" in notice_text
    assert "sam.leader@example.org" not in notice_text and token not in notice_text


def test_configured_coordinator_address_gets_the_notice(app, client, smtp):
    app.config["MAIL_COORDINATORS"] = "roadshow-team@example.org"
    client.post("/roadshow/book", data=form_data())
    assert len(smtp.to("roadshow-team@example.org")) == 1


def test_decline_emails_the_group_the_reason_and_the_link_from_its_first_email(make_request, users, smtp):
    booking, token = make_request(status="under_review")
    outcome = visits.decline(booking, "We only visit groups in term time.", Actor(user=users["coordinator"]))
    commit_and_send(outcome.notices)
    message = smtp.to("jo.scout@example.org")[-1]
    assert "declined" in message["Subject"]
    text = smtp.text(message)
    assert "We only visit groups in term time." in text
    assert f"/roadshow/booking/{token}" in text  # the same link still works


def test_internal_note_sends_nothing_and_shared_note_is_emailed(make_request, users, smtp):
    booking, _ = make_request()
    bookings.add_event(booking, note="Internal only", actor=users["coordinator"])
    commit_and_send()
    assert smtp.to("jo.scout@example.org") == []
    bookings.add_event(booking, note="Could you do a Tuesday?", visible_to_group=True, actor=users["coordinator"])
    assert smtp.to("jo.scout@example.org") == []  # not before the commit
    commit_and_send()
    assert "Could you do a Tuesday?" in smtp.text(smtp.to("jo.scout@example.org")[-1])


def test_a_status_change_alone_emails_nobody(make_request, users, smtp):
    booking, _ = make_request(status="under_review")
    bookings.transition(booking, "offered", actor=users["coordinator"])
    commit_and_send()
    assert smtp.messages == []


def test_mail_outage_keeps_the_request_and_queues_the_emails(app, client, smtp, users):
    good_port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = free_port()  # nothing listens there
    response = client.post("/roadshow/book", data=form_data())
    assert response.status_code == 303
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BookingRequest)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboundEmail)) == 2
    app.config["MAIL_PORT"] = good_port
    app.test_cli_runner().invoke(args=["retry-mail"])
    assert len(smtp.to("sam.leader@example.org")) == 1
