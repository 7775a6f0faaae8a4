"""Email the mail queue gave up on: listed for admins, and tried again when one asks (audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import OutboundEmail, User
from roadshow.services import DomainError, audit, mail

FAILED = "failed"


@dataclass(frozen=True)
class FailedEmail:
    """What an admin needs to judge a failed email: to whom, what, when, and why it failed."""

    id: int
    to: str
    subject: str
    created_at: datetime
    attempts: int
    last_error: str


def failed_emails(limit: int = 200) -> list[FailedEmail]:
    """The emails marked failed after their last retry, oldest first."""
    rows = db.session.scalars(
        sa.select(OutboundEmail).where(OutboundEmail.status == FAILED).order_by(OutboundEmail.id).limit(limit)
    )
    return [
        FailedEmail(row.id, _recipients(row.raw), row.subject, row.created_at, row.attempts, row.last_error)
        for row in rows
    ]


def _recipients(raw: bytes) -> str:
    return str(message_from_bytes(raw, policy=policy.default)["To"] or "")


def waiting_count() -> int:
    """Emails refused at least once that are still to be retried (by the queue or `flask retry-mail`)."""
    query = sa.select(sa.func.count()).where(OutboundEmail.status == "pending", OutboundEmail.attempts > 0)
    return db.session.scalar(query) or 0


def try_again(row_id: int, *, actor: User) -> None:
    """Put a failed email back in line; it goes after the caller commits (`commit_and_send`)."""
    row = db.session.get(OutboundEmail, row_id)
    if row is None or row.status != FAILED:
        raise DomainError("That email is no longer waiting to be tried again.")
    row.status = "pending"
    mail.resend_once_committed(row.id)
    audit.record("mail.retry", row, actor=actor, detail=f"attempts={row.attempts}")
