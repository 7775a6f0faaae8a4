"""Safeguarding: escalated comments reach the designated leads, who alone (with admins) read them.

An escalation emails every safeguarding lead at once with a link, never the words. The leads
record what was done, one entry at a time, each kept with who and when. The comment and its
record are kept for SAFEGUARDING_RETENTION_YEARS after the last entry, then `flask purge`
deletes them; until then nothing else can.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

import sqlalchemy as sa
from flask import current_app

from roadshow.extensions import db
from roadshow.links import absolute_url
from roadshow.models import Comment, Role, SafeguardingAction, User
from roadshow.models.feedback import CommentStatus
from roadshow.services import DomainError, audit, mail
from roadshow.timeutil import today_london

ACTION_MAX = 4000
REFERRED_MAX = 200


@dataclass(frozen=True)
class ActionEntry:
    """What a lead writes in the record: what was done, to whom it was referred, the outcome."""

    action_taken: str
    referred_to: str = ""
    outcome: str = ""
    closes_case: bool = False


def can_read(user: User) -> bool:
    """Only admins and coordinators who are designated safeguarding leads read escalated comments."""
    return bool(user.is_authenticated and user.active and user.reads_safeguarding)


def leads() -> list[User]:
    """Every active safeguarding lead (coordinators and admins with the flag)."""
    query = sa.select(User).where(
        User.active.is_(True),
        User.is_safeguarding_lead.is_(True),
        User.role.in_((Role.COORDINATOR, Role.ADMIN)),
    )
    return list(db.session.scalars(query.order_by(User.id)))


def _admins() -> list[User]:
    query = sa.select(User).where(User.active.is_(True), User.role == Role.ADMIN)
    return list(db.session.scalars(query.order_by(User.id)))


def retention_end(day: date) -> date:
    """The last day a record touched on `day` is kept (29 February becomes the 28th)."""
    years = current_app.config["SAFEGUARDING_RETENTION_YEARS"]
    return day.replace(year=day.year + years, day=min(day.day, 28) if day.month == 2 else day.day)


def escalate(comment: Comment, actor: User) -> list[mail.Notice]:
    """Start the safeguarding record and return one email for every lead, to send once it is committed.

    With no lead set up, the admins are told instead, so an escalation never reaches nobody.
    """
    comment.keep_until = retention_end(today_london())
    recipients = leads() or _admins()
    link = absolute_url("feedback.safeguarding_case", comment_id=comment.id)
    audit.record("safeguarding.notified", comment, actor=actor, detail=f"{len(recipients)} to be emailed")
    # One message each: a refused address must not hold up the others, and no one sees the list.
    return [
        mail.Notice(
            person.email,
            f"A young person's comment needs safeguarding attention (comment {comment.id})",
            "safeguarding_escalated",
            {"person": person, "comment_id": comment.id, "link": link, "as_lead": person.is_safeguarding_lead},
        )
        for person in recipients
    ]


def find_case(comment_id: UUID) -> Comment | None:
    """The escalated comment with this id, or None."""
    comment = db.session.get(Comment, comment_id)
    return comment if comment is not None and comment.status == CommentStatus.ESCALATED else None


def open_case(comment_id: UUID, reader: User) -> Comment | None:
    """An escalated comment for a lead or admin to read (None if there is none); the reading is audited."""
    if not can_read(reader):
        raise PermissionError("Only safeguarding leads and admins can read escalated comments.")
    comment = find_case(comment_id)
    if comment is not None:
        audit.record("safeguarding.read", comment, actor=reader)
    return comment


def is_closed(comment: Comment) -> bool:
    """A case is closed when its latest entry says so; a later entry opens it again."""
    return bool(comment.actions) and comment.actions[-1].closes_case


def record_action(comment: Comment, entry: ActionEntry, actor: User) -> SafeguardingAction:
    """Add one entry to the record and keep the whole record for the full period from today."""
    if not can_read(actor):
        raise PermissionError("Only safeguarding leads and admins can record what was done.")
    if comment.status != CommentStatus.ESCALATED:
        raise DomainError("Only escalated comments have a safeguarding record.")
    action_taken = entry.action_taken.strip()
    if not action_taken:
        raise DomainError("Say what was done.")
    if len(action_taken) > ACTION_MAX or len(entry.outcome.strip()) > ACTION_MAX:
        raise DomainError(f"Keep each part under {ACTION_MAX} characters.")
    if len(entry.referred_to.strip()) > REFERRED_MAX:
        raise DomainError(f"Keep “referred to” under {REFERRED_MAX} characters.")
    action = SafeguardingAction(
        comment=comment,
        recorded_by_id=actor.id,
        action_taken=action_taken,
        referred_to=entry.referred_to.strip(),
        outcome=entry.outcome.strip(),
        closes_case=entry.closes_case,
    )
    db.session.add(action)
    comment.keep_until = max(comment.keep_until or date.min, retention_end(today_london()))
    db.session.flush()
    audit.record("safeguarding.action", comment, actor=actor, detail="closed" if entry.closes_case else "entry")
    return action


def purge_expired() -> int:
    """Escalated comments (and their records, by cascade) whose retention period has ended."""
    result = db.session.execute(
        sa.delete(Comment).where(
            Comment.status == CommentStatus.ESCALATED,
            Comment.keep_until.is_not(None),
            Comment.keep_until < today_london(),
        )
    )
    return result.rowcount or 0  # type: ignore[attr-defined]


def seed_demo() -> None:
    """One demo comment escalated, with a first entry in its record (no email is sent while seeding)."""
    comment = db.session.scalar(
        sa.select(Comment).where(Comment.flagged.is_(True), Comment.status == CommentStatus.PENDING).limit(1)
    )
    lead = next(iter(leads()), None)
    if comment is None or lead is None:
        return
    comment.status = CommentStatus.ESCALATED
    comment.moderated_by_id = lead.id
    comment.keep_until = retention_end(today_london())
    db.session.add(
        SafeguardingAction(
            comment=comment,
            recorded_by_id=lead.id,
            action_taken="Read by the safeguarding lead. The comment names no one; shared the session's area "
            "with the neighbourhood policing team's youth engagement officer.",
            referred_to="Neighbourhood policing team (demo)",
        )
    )
