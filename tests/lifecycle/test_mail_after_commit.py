"""Emails about a change go only after its commit: a rolled-back change sends nothing; a failed send waits."""

from __future__ import annotations

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import OutboundEmail
from roadshow.models.booking import BookingStatus
from roadshow.services import mail
from roadshow.services.scheduling import visits
from roadshow.transaction import commit_and_send
from tests.support.fixtures import free_port


def test_a_transition_rolled_back_after_its_email_was_queued_sends_nothing(booking, staff, smtp):
    request, _ = booking
    outcome = visits.decline(request, "No facilitators that month", staff)
    mail.queue(outcome.notices)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboundEmail)) == 1  # queued
    db.session.rollback()
    assert mail.send_queued() == 0
    assert smtp.messages == []
    assert db.session.get(type(request), request.id).status == BookingStatus.UNDER_REVIEW


def test_nothing_is_sent_before_the_commit_and_everything_after(booking, staff, smtp):
    request, _ = booking
    outcome = visits.decline(request, "No facilitators that month", staff)
    mail.queue(outcome.notices)
    assert smtp.messages == []
    db.session.commit()
    assert mail.send_queued() == 1
    assert "No facilitators that month" in smtp.text(smtp.to("jo.scout@example.org")[0])
    assert db.session.scalar(sa.select(OutboundEmail.status)) == "sent"


def test_a_failed_send_stays_queued_for_retry_mail(app, booking, staff, smtp):
    request, _ = booking
    good_port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = free_port()  # nothing listens there
    commit_and_send(visits.decline(request, "No facilitators that month", staff).notices)
    assert db.session.scalar(sa.select(OutboundEmail.status)) == "pending"
    app.config["MAIL_PORT"] = good_port
    app.test_cli_runner().invoke(args=["retry-mail"])
    assert len(smtp.to("jo.scout@example.org")) == 1
    app.test_cli_runner().invoke(args=["retry-mail"])
    assert len(smtp.to("jo.scout@example.org")) == 1  # never twice
