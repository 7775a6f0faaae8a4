"""The newsletter by email: double opt-in, one-click unsubscribe, and sending an edition.

Sending is resumable: every recipient has a stored state, claimed atomically
before the message goes to SMTP, so a crash or a second sender never sends
anyone the same edition twice.
"""

from __future__ import annotations

import hashlib
import html
import re
import smtplib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from roadshow.csvsafe import csv_text
from roadshow.extensions import db
from roadshow.links import absolute_url, base_url
from roadshow.models import (
    Edition,
    EditionSend,
    SendRecipient,
    SendState,
    Subscriber,
    SubscriberStatus,
    User,
)
from roadshow.services import DomainError, audit, mail, news
from roadshow.timeutil import utcnow

CONFIRM_DAYS = 7  # a confirmation link works this long; unconfirmed sign-ups are then purged
NAME_SLOT, UNSUB_SLOT = "\x00FIRST_NAME\x00", "\x00UNSUBSCRIBE_URL\x00"


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


# Sending an edition ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EditionEmail:
    """An edition rendered once; each recipient's copy only fills in two slots."""

    subject: str
    text: str
    html: str

    def for_person(self, to: str, first_name: str, unsubscribe_url: str) -> EmailMessage:
        name = first_name or "reader"
        text = self.text.replace(NAME_SLOT, name).replace(UNSUB_SLOT, unsubscribe_url)
        body = self.html.replace(NAME_SLOT, html.escape(name)).replace(UNSUB_SLOT, html.escape(unsubscribe_url))
        headers = {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        return mail.build(to, self.subject, text, html=body, headers=headers)


def _absolute_links(fragment: str) -> str:
    base = base_url()
    return re.sub(r'(href|src)="/(?!/)', lambda m: f'{m.group(1)}="{base}/', fragment)


def render_edition(edition: Edition) -> EditionEmail:
    articles = news.edition_articles(edition)
    context = {
        "edition": edition,
        "sections": news.by_section(articles),
        "welcome_html": _absolute_links(edition.welcome_html),
        "article_url": lambda a: absolute_url("news.article", slug=a.slug),
        "home_url": absolute_url("news.home"),
        "first_name": NAME_SLOT,
        "unsubscribe_url": UNSUB_SLOT,
    }
    text, body = mail.render("news_edition", **context)
    return EditionEmail(f"News from your Commissioner: {edition.title}", text, body or "")


def send_test(edition: Edition, to: str, *, actor: User) -> bool:
    """One copy to a member of staff, marked as a test; its unsubscribe link goes to the sign-up page."""
    msg = render_edition(edition).for_person(to, actor.name.split(" ")[0], absolute_url("news.subscribe"))
    msg.replace_header("Subject", f"[Test] {msg['Subject']}")
    audit.record("news.send.test", edition, actor=actor)
    return mail.send(msg)


@dataclass(frozen=True)
class Progress:
    total: int
    sent: int
    queued: int
    uncertain: int
    skipped: int
    failed: int
    finished: bool
    error: str = ""


def progress(send: EditionSend, error: str = "") -> Progress:
    rows = dict(
        db.session.execute(
            sa.select(SendRecipient.state, sa.func.count())
            .where(SendRecipient.send_id == send.id)
            .group_by(SendRecipient.state)
        ).all()
    )
    return Progress(
        total=send.total, sent=rows.get(SendState.SENT, 0), queued=rows.get(SendState.QUEUED, 0),
        uncertain=rows.get(SendState.SENDING, 0), skipped=rows.get(SendState.SKIPPED, 0),
        failed=rows.get(SendState.FAILED, 0), finished=send.status == "done", error=error,
    )  # fmt: skip


def send_for(edition: Edition) -> EditionSend | None:
    return db.session.scalar(sa.select(EditionSend).where(EditionSend.edition_id == edition.id))


def start_send(edition: Edition, *, actor: User | None) -> EditionSend:
    """Queue the edition for every confirmed subscriber (once per edition; later calls resume)."""
    if not edition.is_published:
        raise DomainError("Publish the edition before sending it.")
    existing = send_for(edition)
    if existing is not None:
        return existing
    send = EditionSend(edition_id=edition.id, started_by_id=actor.id if actor else None)
    db.session.add(send)
    db.session.flush()
    confirmed = sa.select(sa.literal(send.id), Subscriber.id, sa.literal(SendState.QUEUED)).where(
        Subscriber.status == SubscriberStatus.CONFIRMED
    )
    db.session.execute(sa.insert(SendRecipient).from_select(["send_id", "subscriber_id", "state"], confirmed))
    send.total = db.session.scalar(sa.select(sa.func.count()).where(SendRecipient.send_id == send.id)) or 0
    audit.record(
        "news.send.start", edition, actor=actor, actor_label="" if actor else "cli", detail=f"recipients={send.total}"
    )
    db.session.commit()  # the queue must exist before anything is sent
    return send


@contextmanager
def _connection() -> Iterator[smtplib.SMTP | None]:
    if not current_app.config["MAIL_SERVER"]:
        yield None  # development: mail.send writes the outbox and logs
        return
    with mail.smtp_connection(timeout=20) as smtp:
        yield smtp


def deliver(connection: smtplib.SMTP | None, msg: EmailMessage) -> None:
    if connection is None:
        mail.send(msg)
    else:
        connection.send_message(msg)


def _claim(recipient_id: int) -> bool:
    """Mark one queued recipient as being sent to, and commit; False if someone else got there first."""
    claimed = db.session.execute(
        sa.update(SendRecipient)
        .where(SendRecipient.id == recipient_id, SendRecipient.state == SendState.QUEUED)
        .values(state=SendState.SENDING)
    ).rowcount
    db.session.commit()
    return claimed == 1


def _mark(recipient_id: int, state: str) -> None:
    values = {"state": state, "sent_at": utcnow() if state == SendState.SENT else None}
    db.session.execute(sa.update(SendRecipient).where(SendRecipient.id == recipient_id).values(**values))
    db.session.commit()


def _send_batch(content: EditionEmail, rows: list[sa.Row]) -> None:
    with _connection() as connection:
        for recipient_id, subscriber_id, address, first_name, status in rows:
            if not _claim(recipient_id):
                continue
            if status != SubscriberStatus.CONFIRMED or not address:
                _mark(recipient_id, SendState.SKIPPED)
                continue
            token = make_token(subscriber_id, email_hash(address), "unsubscribe")
            unsubscribe_url = absolute_url("news.unsubscribe", token=token)
            try:
                deliver(connection, content.for_person(address, first_name, unsubscribe_url))
            except smtplib.SMTPRecipientsRefused:
                _mark(recipient_id, SendState.FAILED)
            except (OSError, smtplib.SMTPException):
                _mark(recipient_id, SendState.QUEUED)  # not handed over: safe to try again
                raise
            else:
                _mark(recipient_id, SendState.SENT)


def send_batches(send: EditionSend, *, seconds: float | None = None, batches: int | None = None) -> Progress:
    """Send queued copies batch by batch (one SMTP connection each) until done or out of time."""
    size = current_app.config["NEWSLETTER_BATCH_SIZE"]
    deadline = time.monotonic() + seconds if seconds else None
    content = render_edition(send.edition)
    done = 0
    while True:
        rows = db.session.execute(
            sa.select(SendRecipient.id, Subscriber.id, Subscriber.email, Subscriber.first_name, Subscriber.status)
            .outerjoin(Subscriber, Subscriber.id == SendRecipient.subscriber_id)
            .where(SendRecipient.send_id == send.id, SendRecipient.state == SendState.QUEUED)
            .order_by(SendRecipient.id)
            .limit(size)
        ).all()
        if not rows:
            _finish(send)
            return progress(send)
        try:
            _send_batch(content, rows)
        except (OSError, smtplib.SMTPException) as exc:
            return progress(send, error=f"The mail server could not be reached ({type(exc).__name__}).")
        done += 1
        if (batches and done >= batches) or (deadline and time.monotonic() > deadline):
            return progress(send)


def _finish(send: EditionSend) -> None:
    if send.status != "done":
        send.status = "done"
        send.finished_at = utcnow()
        audit.record("news.send.finish", send.edition, actor_label="system", detail=f"send={send.id}")
        db.session.commit()
