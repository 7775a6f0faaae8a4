"""Coordinators moderate young people's comments; each decision is audited without the words."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import AuditEntry, Comment
from roadshow.services.feedback import moderation
from tests.feedback.factories import STEP2, complete, make_session


def make_comment(session, text="More youth clubs please.", **changes) -> Comment:
    comment = Comment(
        session_id=session.id,
        questionnaire_version=1,
        question_key="differently",
        text=text,
        submitted_on=date(2026, 3, 3),
        flagged=moderation.mentions_harm(text),
        **changes,
    )
    db.session.add(comment)
    db.session.commit()
    return comment


@pytest.mark.parametrize(
    "text,flagged",
    [
        ("He said he would stab me", True),
        ("I feel unsafe walking home", True),
        ("Someone HURT my friend", True),
        ("Be kinder and explain things", False),
        ("The session was skilled and useful", False),  # "kill" inside another word is not a match
    ],
)
def test_harm_words_flag_a_comment(text, flagged):
    assert moderation.mentions_harm(text) is flagged


def test_a_submitted_comment_enters_moderation_as_pending_and_flagged(client, users, login):
    make_session("MOD234")
    complete(client, "MOD234", step2={**STEP2, "differently": "A man threatened me with a knife"})
    comment = db.session.scalar(sa.select(Comment))
    assert comment.status == "pending" and comment.flagged
    login(users["coordinator"])
    page = client.get("/staff/moderation").get_data(as_text=True)
    assert "A man threatened me with a knife" in page
    assert "May mention harm" in page


def test_flagged_comments_come_first_in_the_queue(client, users, login):
    session = make_session()
    make_comment(session, "First, calm comment")
    make_comment(session, "Second, I was beaten")
    login(users["coordinator"])
    page = client.get("/staff/moderation").get_data(as_text=True)
    assert page.index("Second, I was beaten") < page.index("First, calm comment")


@pytest.mark.parametrize("action,status", [("approve", "approved"), ("reject", "rejected"), ("escalate", "escalated")])
def test_coordinator_moderates_and_the_audit_keeps_ids_only(client, users, login, action, status):
    session = make_session()
    comment = make_comment(session, "Secret words that must not leak")
    login(users["coordinator"])
    data = {"action": action, "theme": "Stop and search"}
    response = client.post(f"/staff/moderation/{comment.id}", data=data)
    assert response.status_code == 303
    db.session.refresh(comment)
    assert comment.status == status
    assert comment.moderated_by_id == users["coordinator"].id and comment.moderated_at is not None
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == f"comment.{action}"))
    assert (entry.object_type, entry.object_id, entry.actor_id) == ("Comment", str(comment.id), users["coordinator"].id)
    assert "Secret" not in f"{entry.detail} {entry.actor_label}"
    assert (comment.theme == "Stop and search") is (action == "approve")


def test_approved_comment_moves_out_of_the_pending_list(client, users, login):
    comment = make_comment(make_session(), "Please come to our school again")
    login(users["admin"])
    client.post(f"/staff/moderation/{comment.id}", data={"action": "approve", "theme": ""})
    assert "Please come to our school again" not in client.get("/staff/moderation").get_data(as_text=True)
    approved = client.get("/staff/moderation?status=approved").get_data(as_text=True)
    assert "Please come to our school again" in approved
    assert "Theme: Other" in approved


def test_escalated_comments_show_their_session_but_not_their_words_to_coordinators(client, users, login):
    session = make_session(title="Fenland Youth Club visit")
    comment = make_comment(session, "Something worrying", status="escalated")
    login(users["coordinator"])
    page = client.get("/staff/moderation?status=escalated").get_data(as_text=True)
    assert "Fenland Youth Club visit" in page and f"Comment {comment.id}" in page
    assert "Something worrying" not in page
    assert f"/staff/safeguarding/{comment.id}" not in page
    assert f'action="/staff/moderation/{comment.id}"' not in page  # stays with safeguarding


def test_a_safeguarding_lead_gets_a_link_to_the_escalated_comment(client, make_user, login):
    comment = make_comment(make_session(), "Something worrying", status="escalated")
    login(make_user("coordinator", is_safeguarding_lead=True))
    page = client.get("/staff/moderation?status=escalated").get_data(as_text=True)
    assert f'href="/staff/safeguarding/{comment.id}"' in page and "Something worrying" not in page


def test_panel_members_cannot_see_moderation(client, users, login):
    make_comment(make_session(), "Not for the panel yet")
    login(users["panel"])
    assert client.get("/staff/moderation?status=escalated").status_code == 403
    assert client.get("/staff/moderation").status_code == 403


@pytest.mark.parametrize("start,action", [("escalated", "approve"), ("approved", "approve"), ("pending", "delete")])
def test_illegal_moves_are_refused(client, users, login, start, action):
    comment = make_comment(make_session(), status=start)
    login(users["coordinator"])
    response = client.post(f"/staff/moderation/{comment.id}", data={"action": action}, follow_redirects=True)
    assert "cannot be changed in that way" in response.get_data(as_text=True)
    db.session.refresh(comment)
    assert comment.status == start
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).where(AuditEntry.object_type == "Comment"))
        == 0
    )


def test_empty_queue_says_so(client, users, login):
    login(users["coordinator"])
    assert "There are no pending comments." in client.get("/staff/moderation").get_data(as_text=True)


def test_long_queues_are_paged(client, users, login):
    session = make_session()
    for n in range(30):
        make_comment(session, f"Comment number {n:02d}")
    login(users["coordinator"])
    first = client.get("/staff/moderation").get_data(as_text=True)
    second = client.get("/staff/moderation?page=2").get_data(as_text=True)
    assert "Page 1 of 2" in first
    # Comments of one day come in no particular order (their ids are random): each shows exactly once.
    shown = [n for n in range(30) for page in (first, second) if f"Comment number {n:02d}<" in page]
    assert sorted(shown) == list(range(30))


def test_a_moderator_redacts_a_name_before_approving_and_only_the_edit_is_kept(client, users, login):
    comment = make_comment(make_session(), "PC Smith was rude to my mate Jayden")
    login(users["coordinator"])
    data = {"action": "approve", "theme": "", "text": "PC [name] was rude to my mate [name]\r\n"}
    page = client.post(f"/staff/moderation/{comment.id}", data=data, follow_redirects=True).get_data(as_text=True)
    assert "the original words were not kept" in page
    db.session.refresh(comment)
    assert (comment.status, comment.text) == ("approved", "PC [name] was rude to my mate [name]")
    about_comments = sa.select(AuditEntry).where(AuditEntry.object_type == "Comment").order_by(AuditEntry.id)
    entries = db.session.scalars(about_comments).all()
    assert [e.action for e in entries] == ["comment.redact", "comment.approve"]
    logged = " ".join(f"{e.action} {e.detail} {e.actor_label}" for e in entries)
    assert "Smith" not in logged and "Jayden" not in logged and "[name]" not in logged


def test_an_unchanged_text_box_is_not_a_redaction(client, users, login):
    comment = make_comment(make_session(), "Explain the grounds first.")
    login(users["coordinator"])
    client.post(f"/staff/moderation/{comment.id}", data={"action": "approve", "text": "Explain the grounds first.\r\n"})
    actions = db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.object_type == "Comment")).all()
    assert actions == ["comment.approve"]


@pytest.mark.parametrize("action", ["reject", "escalate"])
def test_edits_are_kept_only_when_approving(client, users, login, action):
    comment = make_comment(make_session(), "My mate Jayden got hurt")
    login(users["coordinator"])
    client.post(f"/staff/moderation/{comment.id}", data={"action": action, "text": "edited away"})
    db.session.refresh(comment)
    assert comment.text == "My mate Jayden got hurt"


def test_a_comment_cannot_be_redacted_to_nothing(client, users, login):
    comment = make_comment(make_session(), "Jayden")
    login(users["coordinator"])
    data = {"action": "approve", "text": "  "}
    response = client.post(f"/staff/moderation/{comment.id}", data=data, follow_redirects=True)
    assert "cannot be approved empty" in response.get_data(as_text=True)
    db.session.refresh(comment)
    assert (comment.status, comment.text) == ("pending", "Jayden")


def test_the_queue_offers_an_edit_box_holding_the_comment(client, users, login):
    comment = make_comment(make_session(), "Officer Dave at the station was kind")
    login(users["coordinator"])
    page = client.get("/staff/moderation").get_data(as_text=True)
    assert f'<textarea id="text-{comment.id}" name="text"' in page
    assert page.count("Officer Dave at the station was kind") == 1  # shown once, in the box to edit
