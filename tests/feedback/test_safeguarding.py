"""An escalated comment reaches the safeguarding leads at once, stays with them, and is kept as long as it must be."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from freezegun import freeze_time

from roadshow.extensions import db
from roadshow.models import AuditEntry, Comment, OutboundEmail, SafeguardingAction
from roadshow.services import mail, retention
from tests.feedback.factories import make_session
from tests.feedback.test_moderation import make_comment
from tests.support.fixtures import free_port

WORDS = "My stepdad hits me when he has been drinking"
ENTRY = {
    "action_taken": "Read by the lead; called the school's designated safeguarding lead.",
    "referred_to": "Peterborough children's services, ref 4471",
    "outcome": "Referral accepted.",
}


@pytest.fixture
def leads(make_user):
    """Two designated safeguarding leads, one a coordinator and one an admin."""
    return [
        make_user("coordinator", email="lead.one@example.org", is_safeguarding_lead=True),
        make_user("admin", email="lead.two@example.org", is_safeguarding_lead=True),
    ]


def _escalate(client, login, moderator, text: str = WORDS) -> Comment:
    comment = make_comment(make_session(), text)
    login(moderator)
    response = client.post(f"/staff/moderation/{comment.id}", data={"action": "escalate"}, follow_redirects=True)
    assert "People told by email at once: 2" in response.get_data(as_text=True)
    client.get("/staff/logout")
    db.session.refresh(comment)
    return comment


def test_escalating_emails_every_lead_over_smtp_without_the_comment(client, users, leads, login, smtp):
    comment = _escalate(client, login, users["coordinator"])
    assert comment.status == "escalated"
    assert sorted(m["X-Envelope-To"] for m in smtp.messages) == ["lead.one@example.org", "lead.two@example.org"]
    for message in smtp.messages:
        whole = message.as_string()
        assert f"http://127.0.0.1:5000/staff/safeguarding/{comment.id}" in smtp.text(message)
        for fragment in ("stepdad", "hits me", "drinking"):
            assert fragment not in whole
    assert not smtp.to(users["coordinator"].email) and not smtp.to(users["admin"].email)


def test_an_escalation_rolled_back_emails_nobody(app, users, leads, smtp):
    """The leads' emails wait for the commit: an escalation that fails half-way sends nothing."""
    from roadshow.services.feedback import moderation

    comment = make_comment(make_session(), WORDS)
    decision = moderation.moderate(comment, "escalate", users["coordinator"])
    assert len(decision.notices) == 2
    mail.queue(decision.notices)
    db.session.rollback()
    assert mail.send_queued() == 0
    assert smtp.messages == []
    assert db.session.get(Comment, comment.id).status == "pending"


def test_with_no_lead_set_up_the_admins_are_told(client, users, login, smtp):
    comment = make_comment(make_session(), WORDS)
    login(users["coordinator"])
    client.post(f"/staff/moderation/{comment.id}", data={"action": "escalate"})
    assert [m["X-Envelope-To"] for m in smtp.messages] == [users["admin"].email]
    assert "no designated safeguarding lead is set up" in smtp.text(smtp.last())


@pytest.mark.parametrize("role", ["coordinator", "panel"])
def test_only_leads_and_admins_can_read_the_escalated_comment(client, users, leads, login, role):
    comment = make_comment(make_session(), WORDS, status="escalated")
    login(users[role])
    for response in (
        client.get(f"/staff/safeguarding/{comment.id}"),
        client.post(f"/staff/safeguarding/{comment.id}", data=ENTRY),
    ):
        assert response.status_code == 403
        assert "stepdad" not in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SafeguardingAction)) == 0


@pytest.mark.parametrize("who", ["lead", "admin"])
def test_a_lead_or_admin_reads_it_and_the_reading_is_audited(client, users, leads, login, who):
    reader = leads[0] if who == "lead" else users["admin"]
    comment = make_comment(make_session(title="Whittlesey youth club"), WORDS, status="escalated")
    login(reader)
    page = client.get(f"/staff/safeguarding/{comment.id}").get_data(as_text=True)
    assert WORDS in page and "Whittlesey youth club" in page and "Nothing has been recorded yet." in page
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "safeguarding.read"))
    assert (entry.actor_id, entry.object_id) == (reader.id, str(comment.id))


def test_a_comment_that_is_not_escalated_has_no_safeguarding_page(client, leads, login):
    comment = make_comment(make_session(), "Nice session")
    login(leads[0])
    assert client.get(f"/staff/safeguarding/{comment.id}").status_code == 404


def test_what_was_done_is_recorded_with_who_and_when_and_persists(client, leads, login):
    comment = make_comment(make_session(), WORDS, status="escalated")
    with freeze_time("2026-12-01 10:15:00"):
        login(leads[0])
        response = client.post(f"/staff/safeguarding/{comment.id}", data={**ENTRY, "closes_case": "y"})
        page = client.get(f"/staff/safeguarding/{comment.id}").get_data(as_text=True)
    assert response.status_code == 303
    db.session.expire_all()
    (action,) = db.session.scalars(sa.select(SafeguardingAction)).all()
    assert action.recorded_by_id == leads[0].id and action.closes_case
    assert (action.referred_to, action.outcome) == (ENTRY["referred_to"], ENTRY["outcome"])
    assert "called the school" in page and "ref 4471" in page and "Referral accepted." in page
    assert "1 December 2026" in page and leads[0].name in page and "closed the case" in page
    audit = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "safeguarding.action"))
    assert "4471" not in audit.detail and "school" not in audit.detail


def test_an_entry_needs_to_say_what_was_done(client, leads, login):
    comment = make_comment(make_session(), WORDS, status="escalated")
    login(leads[0])
    page = client.post(f"/staff/safeguarding/{comment.id}", data={"action_taken": " "}).get_data(as_text=True)
    assert "There is a problem" in page and "Say what was done." in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SafeguardingAction)) == 0


def test_an_escalated_comment_never_goes_back_to_the_panel(client, users, leads, login):
    comment = make_comment(make_session(), WORDS, status="escalated")
    login(users["admin"])
    for action in ("approve", "reject"):
        client.post(f"/staff/moderation/{comment.id}", data={"action": action, "text": "tidied"})
    db.session.refresh(comment)
    assert (comment.status, comment.text) == ("escalated", WORDS)


def _count(status: str) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Comment).where(Comment.status == status))


def test_purge_keeps_an_escalated_comment_until_its_retention_ends_then_deletes_it(client, users, leads, login, app):
    assert app.config["SAFEGUARDING_RETENTION_YEARS"] == 6
    with freeze_time("2026-03-03 11:00:00"):
        comment = _escalate(client, login, users["coordinator"])
        ordinary = make_comment(make_session(), "Explain the grounds", status="approved").id
        login(leads[0])
        client.post(f"/staff/safeguarding/{comment.id}", data=ENTRY)  # the record's last entry, on 3 March 2026
    db.session.refresh(comment)
    assert comment.keep_until == date(2032, 3, 3)
    for day, escalated_left in (("2028-04-01", 1), ("2032-03-03", 1), ("2032-03-04", 0)):
        with freeze_time(day):
            counts = retention.purge_all()
            db.session.commit()
        assert _count("escalated") == escalated_left, day
    assert counts["escalated comments past safeguarding retention removed"] == 1
    assert db.session.get(Comment, ordinary) is None  # gone after 24 months, as the notice says
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SafeguardingAction)) == 0


def test_each_new_entry_keeps_the_record_for_the_full_period_from_that_day(client, leads, login):
    comment = make_comment(make_session(), WORDS, status="escalated", keep_until=date(2032, 1, 1))
    with freeze_time("2027-06-10 09:00:00"):
        login(leads[0])
        client.post(f"/staff/safeguarding/{comment.id}", data=ENTRY)
    db.session.refresh(comment)
    assert comment.keep_until == date(2033, 6, 10)


def test_when_the_mail_relay_is_down_the_moderator_is_told_to_phone_and_the_email_waits(
    client, users, leads, login, app, smtp_server
):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())  # nothing listens there
    comment = make_comment(make_session(), WORDS)
    login(users["coordinator"])
    page = client.post(f"/staff/moderation/{comment.id}", data={"action": "escalate"}, follow_redirects=True).text
    assert "People told by email at once: 0" in page and "retried shortly: 2. Phone the safeguarding lead" in page
    queued = db.session.scalars(sa.select(OutboundEmail)).all()
    assert len(queued) == 2 and all(b"stepdad" not in q.raw for q in queued)
    mailbox, port = smtp_server
    app.config["MAIL_PORT"] = port
    assert mail.retry_pending() == (2, 0)
    assert sorted(m["X-Envelope-To"] for m in mailbox.messages) == ["lead.one@example.org", "lead.two@example.org"]
