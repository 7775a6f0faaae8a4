"""Every email through the job queue on a real Redis: delivered by the worker, retried, then shown to admins."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from roadshow import mailqueue
from roadshow.extensions import db
from roadshow.models import AuditEntry, OutboundEmail
from roadshow.services import mail
from tests.bookings.conftest import form_data
from tests.mailqueue.conftest import work_here
from tests.support.fixtures import free_port

pytestmark = pytest.mark.slow


@pytest.fixture
def queued(app, redis_url, smtp):
    """The app with the mail queue on a private Redis (retries at once, two of them), mailing `smtp`."""
    app.config.update(REDIS_URL=redis_url, MAIL_QUEUE_RETRY_DELAYS="0,0")
    return smtp


def _statuses() -> list[str]:
    return list(db.session.scalars(sa.select(OutboundEmail.status).order_by(OutboundEmail.id)))


def test_booking_emails_wait_for_the_worker_which_delivers_each_once(client, users, queued):
    response = client.post("/roadshow/book", data=form_data())
    assert response.status_code == 303
    assert queued.messages == []  # the request did not wait on the mail server
    assert mailqueue.queue().count == 2  # the group's email and the coordinators' notice
    work_here()
    assert len(queued.to("sam.leader@example.org")) == 1
    assert len(queued.to(users["coordinator"].email)) == 1
    assert _statuses() == ["sent", "sent"]
    work_here()  # nothing left: a second worker run sends nothing again
    assert len(queued.messages) == 2


def test_an_email_from_a_change_that_was_rolled_back_is_never_queued(app, queued):
    with app.app_context():
        mail.send_template("someone@example.org", "Rolled back", "news_confirm", url="http://x", days=7)
        db.session.rollback()
    with app.app_context():
        mail.send_template("someone@example.org", "Committed", "news_confirm", url="http://x", days=7)
        db.session.commit()
    work_here()
    assert [m["Subject"] for m in queued.messages] == ["Committed"]


def test_a_refused_email_is_retried_then_listed_for_admins_who_can_send_it_again(app, client, users, login, queued):
    good_port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = free_port()  # nothing listens there: every try is refused
    client.post("/roadshow/book", data=form_data())
    work_here()
    rows = db.session.scalars(sa.select(OutboundEmail).order_by(OutboundEmail.id)).all()
    assert [(r.status, r.attempts) for r in rows] == [("failed", 3), ("failed", 3)]  # the first try and two retries
    assert queued.messages == []

    login(users["admin"])
    page = client.get("/staff/mail/failed").get_data(as_text=True)
    assert "sam.leader@example.org" in page and rows[0].subject in page and "ConnectionRefusedError" in page

    app.config["MAIL_PORT"] = good_port
    response = client.post(f"/staff/mail/failed/{rows[0].id}/retry")
    assert response.status_code == 303
    assert queued.messages == []  # queued again, not sent by the request
    work_here()
    assert len(queued.to("sam.leader@example.org")) == 1
    assert _statuses() == ["sent", "failed"]
    page = client.get("/staff/mail/failed").get_data(as_text=True)
    assert "sam.leader@example.org" not in page and users["coordinator"].email in page
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "mail.retry"))
    assert entry.actor_id == users["admin"].id and entry.object_id == str(rows[0].id)

    again = client.post(f"/staff/mail/failed/{rows[0].id}/retry", follow_redirects=True)
    assert "no longer waiting" in again.get_data(as_text=True)
    work_here()
    assert len(queued.to("sam.leader@example.org")) == 1


def test_only_admins_reach_the_failed_email_page_and_its_button(app, client, users, login):
    assert client.get("/staff/mail/failed").status_code == 302  # anonymous: sign in first
    login(users["coordinator"])
    assert client.get("/staff/mail/failed").status_code == 403
    assert client.post("/staff/mail/failed/1/retry").status_code == 403


def test_try_again_needs_the_forms_csrf_token(app, client, users, login):
    login(users["admin"])
    app.config["WTF_CSRF_ENABLED"] = True  # after signing in, so only the button's POST lacks a token
    assert client.get("/staff/mail/failed").status_code == 200
    assert client.post("/staff/mail/failed/1/retry").status_code == 400


def test_without_redis_the_failed_page_says_retry_mail_sends_them(client, users, login):
    login(users["admin"])
    page = client.get("/staff/mail/failed").get_data(as_text=True)
    assert "flask retry-mail" in page and "No email is waiting here." in page


def test_mail_worker_refuses_to_start_without_redis(app):
    result = app.test_cli_runner().invoke(args=["mail-worker", "--burst"])
    assert result.exit_code != 0 and "REDIS_URL" in result.output


def test_with_redis_down_the_booking_still_succeeds_and_retry_mail_sends_its_emails(app, client, users, smtp):
    app.config.update(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    response = client.post("/roadshow/book", data=form_data())
    assert response.status_code == 303
    assert _statuses() == ["pending", "pending"] and smtp.messages == []
    result = app.test_cli_runner().invoke(args=["retry-mail"])
    assert "Sent 2; still failing 0." in result.output
    assert len(smtp.to("sam.leader@example.org")) == 1
