"""Sending an edition of the newsletter by email (subscribing is in `subscribers`).

Sending is resumable: every recipient has a stored state, claimed atomically
before the message goes to SMTP, so a crash or a second sender never sends
anyone the same edition twice. With the mail queue each batch is a job
(`queue_batches`, run by `send_batch` in a worker); without it the staff page
and `flask send-edition` send the batches in-process (`send_batches`).
"""

from __future__ import annotations

import html
import re
import smtplib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app
from redis import RedisError

from roadshow import pagecache
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
from roadshow.services import DomainError, audit, mail
from roadshow.services.news import articles as news
from roadshow.services.news.subscribers import email_hash, make_token
from roadshow.timeutil import utcnow

STALLED = "stalled"  # an EditionSend the mail queue gave up on after its retries
PERSONAL = ("first_name", "unsubscribe_url")  # the slots each recipient's copy fills (roadshow.pagecache)


@dataclass(frozen=True)
class EditionEmail:
    """An edition rendered once; each recipient's copy only fills in two slots."""

    subject: str
    text: str
    html: str

    def for_person(self, to: str, first_name: str, unsubscribe_url: str) -> EmailMessage:
        values = {"first_name": first_name or "reader", "unsubscribe_url": unsubscribe_url}
        text = pagecache.fill(self.text, values)
        body = pagecache.fill(self.html, {name: html.escape(value) for name, value in values.items()})
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
        **{name: pagecache.slot(name) for name in PERSONAL},
    }
    text, body = mail.render("news_edition", **context)
    for part in (text, body or ""):  # a copy without its unsubscribe link must never go out
        pagecache.require_slots(part, ("unsubscribe_url",))
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
    stalled: bool = False  # the mail queue gave up on a batch after its retries


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
        stalled=send.status == STALLED,
    )  # fmt: skip


def send_for(edition: Edition) -> EditionSend | None:
    return db.session.scalar(sa.select(EditionSend).where(EditionSend.edition_id == edition.id))


def start_send(edition: Edition, *, actor: User | None) -> EditionSend:
    """Queue the edition for every confirmed subscriber (once per edition; later calls resume)."""
    if not edition.is_published:
        raise DomainError("Publish the edition before sending it.")
    existing = send_for(edition)
    if existing is not None:
        if existing.status == STALLED:  # carrying on after the queue gave up
            existing.status = "sending"
            audit.record("news.send.resume", edition, actor=actor, actor_label="" if actor else "cli")
            db.session.commit()
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
        yield None  # development: mail.send_now writes the outbox and logs
        return
    with mail.smtp_connection(timeout=20) as smtp:
        yield smtp


def deliver(connection: smtplib.SMTP | None, msg: EmailMessage) -> None:
    """One copy over the batch's connection (or, with no SMTP configured, to the outbox and log)."""
    if connection is None:
        mail.send_now(msg)
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


def _queued_rows(send_id: int, *, limit: int | None = None, ids: list[int] | None = None) -> list[sa.Row]:
    """Recipients of a send still waiting (of `ids` only, when given), with what their copy needs."""
    query = (
        sa.select(SendRecipient.id, Subscriber.id, Subscriber.email, Subscriber.first_name, Subscriber.status)
        .outerjoin(Subscriber, Subscriber.id == SendRecipient.subscriber_id)
        .where(SendRecipient.send_id == send_id, SendRecipient.state == SendState.QUEUED)
        .order_by(SendRecipient.id)
        .limit(limit)
    )
    if ids is not None:
        query = query.where(SendRecipient.id.in_(ids))
    return list(db.session.execute(query).all())


def queue_batches(send: EditionSend) -> int:
    """Put every waiting recipient of a send on the mail queue, one job per batch; returns how many jobs."""
    from roadshow import mailqueue

    size = current_app.config["NEWSLETTER_BATCH_SIZE"]
    waiting = db.session.scalars(
        sa.select(SendRecipient.id)
        .where(SendRecipient.send_id == send.id, SendRecipient.state == SendState.QUEUED)
        .order_by(SendRecipient.id)
    ).all()
    batches = [list(waiting[i : i + size]) for i in range(0, len(waiting), size)]
    try:
        for batch in batches:
            mailqueue.enqueue(mailqueue.send_newsletter_batch, send.id, batch)
    except RedisError as exc:
        raise DomainError("The mail queue cannot be reached just now; try again in a few minutes.") from exc
    if not batches:
        _finish(send)
    return len(batches)


def send_batch(send_id: int, recipient_ids: list[int], *, last_try: bool = False) -> str:
    """One batch (a job): its recipients still waiting, over one SMTP connection. Returns the error, if any.

    When the mail server fails on the last try the send is marked stalled, for staff to carry on.
    """
    send = db.session.get(EditionSend, send_id)
    if send is None:
        return ""
    rows = _queued_rows(send_id, ids=recipient_ids)
    if rows:
        try:
            _send_batch(render_edition(send.edition), rows)
        except (OSError, smtplib.SMTPException) as exc:
            if last_try:
                _stall(send)
            return f"The mail server could not be reached ({type(exc).__name__})."
    if not _queued_rows(send_id, limit=1):
        _finish(send)
    return ""


def send_batches(send: EditionSend, *, seconds: float | None = None, batches: int | None = None) -> Progress:
    """Send queued copies batch by batch (one SMTP connection each) until done or out of time."""
    size = current_app.config["NEWSLETTER_BATCH_SIZE"]
    deadline = time.monotonic() + seconds if seconds else None
    content = render_edition(send.edition)
    done = 0
    while True:
        rows = _queued_rows(send.id, limit=size)
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
    """Mark the send done, once: with several workers only the one whose update changed it audits it."""
    changed = db.session.execute(
        sa.update(EditionSend)
        .where(EditionSend.id == send.id, EditionSend.status != "done")
        .values(status="done", finished_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed:
        audit.record("news.send.finish", send.edition, actor_label="system", detail=f"send={send.id}")
    db.session.commit()
    db.session.refresh(send)


def _stall(send: EditionSend) -> None:
    """The queue gave up on a batch: the send waits for staff to carry on (its page and /staff/mail/failed)."""
    changed = db.session.execute(
        sa.update(EditionSend)
        .where(EditionSend.id == send.id, EditionSend.status == "sending")
        .values(status=STALLED)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed:
        audit.record("news.send.stalled", send.edition, actor_label="system", detail=f"send={send.id}")
    db.session.commit()


def stalled_sends() -> list[EditionSend]:
    """Sends the mail queue gave up on, newest first."""
    query = sa.select(EditionSend).where(EditionSend.status == STALLED).order_by(EditionSend.started_at.desc())
    return list(db.session.scalars(query))
