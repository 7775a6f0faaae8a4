"""Newsletter subscribers: double opt-in with signed links, one-click unsubscribe, the export, the purge."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from roadshow.csvsafe import csv_text
from roadshow.extensions import db
from roadshow.links import absolute_url
from roadshow.models import Subscriber, SubscriberStatus, User
from roadshow.services import DomainError, audit, mail
from roadshow.timeutil import utcnow

CONFIRM_DAYS = 7  # a confirmation link works this long; unconfirmed sign-ups are then purged


class LinkExpired(DomainError):
    """A signed link that was real but is too old."""


class LinkInvalid(DomainError):
    """A link that was never ours or has been changed."""


def normalise(email: str) -> str:
    return email.strip().lower()


def email_hash(email: str) -> str:
    return hashlib.sha256(f"roadshow-newsletter:{normalise(email)}".encode()).hexdigest()


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=f"newsletter-{purpose}")


def make_token(subscriber_id: int, digest: str, purpose: str) -> str:
    """A signed link token naming the subscriber; it stops working if the address changes."""
    return _serializer(purpose).dumps([subscriber_id, digest[:16]])


def _from_token(token: str, purpose: str, max_age: int | None) -> Subscriber:
    try:
        sub_id, check = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise LinkExpired("This link has expired.") from exc
    except (BadSignature, ValueError, TypeError) as exc:
        raise LinkInvalid("This link is not valid.") from exc
    subscriber = db.session.get(Subscriber, sub_id) if isinstance(sub_id, int) else None
    if subscriber is None or subscriber.email_hash[:16] != check:
        raise LinkInvalid("This link is not valid.")
    return subscriber


# Subscribing -----------------------------------------------------------------------------------


def subscribe(email: str, first_name: str = "") -> None:
    """Start (or restart) a double opt-in. Says nothing about whether the address was known."""
    digest = email_hash(email)
    subscriber = db.session.scalar(sa.select(Subscriber).where(Subscriber.email_hash == digest))
    if subscriber is not None and subscriber.status == SubscriberStatus.CONFIRMED:
        return  # already receiving it: nothing to do, and nothing to reveal
    if subscriber is not None and subscriber.status == SubscriberStatus.PENDING and _asked_today(subscriber):
        return  # one confirmation per address per day: nobody can fill a stranger's inbox
    if subscriber is None:
        subscriber = Subscriber(email_hash=digest)
        db.session.add(subscriber)
    subscriber.email = normalise(email)
    subscriber.first_name = first_name.strip()[:60]
    subscriber.status = SubscriberStatus.PENDING
    subscriber.created_at = utcnow()
    subscriber.unsubscribed_at = None
    db.session.flush()
    audit.record("news.subscriber.pending", subscriber, actor_label="public")
    url = absolute_url("news.confirm", token=make_token(subscriber.id, digest, "confirm"))
    mail.send_template(
        subscriber.email, "Confirm your subscription to News from your Commissioner", "news_confirm",
        url=url, days=CONFIRM_DAYS,  # no name: nothing the form's sender typed goes to the address
    )  # fmt: skip


def _asked_today(subscriber: Subscriber) -> bool:
    return subscriber.created_at is not None and subscriber.created_at > utcnow() - timedelta(days=1)


def pending_for_confirmation(token: str) -> Subscriber:
    """The subscriber a confirmation link names, if the link is genuine and in date."""
    subscriber = _from_token(token, "confirm", CONFIRM_DAYS * 86400)
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        raise LinkInvalid("This link is not valid.")
    return subscriber


def confirm(token: str) -> Subscriber:
    subscriber = pending_for_confirmation(token)
    if subscriber.status == SubscriberStatus.PENDING:
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.confirmed_at = utcnow()
        audit.record("news.subscriber.confirm", subscriber, actor_label="public")
    return subscriber


def for_unsubscribe(token: str) -> Subscriber:
    """The subscriber an unsubscribe link names (these links do not expire)."""
    return _from_token(token, "unsubscribe", None)


def unsubscribe(subscriber: Subscriber) -> None:
    """Immediate, and the address is erased (the hash keeps the counts and re-subscription right)."""
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return
    subscriber.status = SubscriberStatus.UNSUBSCRIBED
    subscriber.unsubscribed_at = utcnow()
    subscriber.email = None
    subscriber.first_name = ""
    audit.record("news.subscriber.unsubscribe", subscriber, actor_label="public")


def counts() -> dict[str, int]:
    rows = db.session.execute(sa.select(Subscriber.status, sa.func.count()).group_by(Subscriber.status)).all()
    found = dict(rows)
    return {
        s: found.get(s, 0)
        for s in (SubscriberStatus.CONFIRMED, SubscriberStatus.PENDING, SubscriberStatus.UNSUBSCRIBED)
    }


def with_addresses() -> sa.Select:
    return (
        sa.select(Subscriber)
        .where(Subscriber.status != SubscriberStatus.UNSUBSCRIBED)
        .order_by(Subscriber.status, Subscriber.email)
    )


def export_csv(*, actor: User) -> str:
    """Every address still on the list, as CSV. Audited: who exported, and how many rows."""
    rows = db.session.scalars(with_addresses()).all()
    cells = [["email", "first_name", "status", "signed_up", "confirmed"]] + [
        [
            s.email or "",
            s.first_name,
            s.status,
            s.created_at.date().isoformat(),
            s.confirmed_at.date().isoformat() if s.confirmed_at else "",
        ]
        for s in rows
    ]
    audit.record("news.subscribers.export", actor=actor, object_type="Subscriber", detail=f"rows={len(rows)}")
    return csv_text(cells)


def purge_pending() -> int:
    """Sign-ups never confirmed within CONFIRM_DAYS are deleted."""
    cutoff = utcnow() - timedelta(days=CONFIRM_DAYS)
    result = db.session.execute(
        sa.delete(Subscriber).where(Subscriber.status == SubscriberStatus.PENDING, Subscriber.created_at < cutoff)
    )
    return result.rowcount or 0
