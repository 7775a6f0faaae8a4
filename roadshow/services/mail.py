"""Sending email: real SMTP when configured, an outbox folder in development.

A send that fails is kept in `outbound_emails` and retried by `flask retry-mail`;
it never loses the caller's data or shows the person an error page.

Emails about a change (the booking lifecycle) are `queue`d: written to `outbound_emails` in the
same transaction as the change, and delivered by `send_queued()` once the caller has committed.
A rolled-back change takes its queued rows with it, so nothing is sent for it.

With a job queue (`REDIS_URL`, see `roadshow/mailqueue.py`) every email takes that path: `send()`
stores the row too, and after the commit each row becomes a job that a `flask mail-worker` delivers.
A row is claimed before it is sent, so it goes once however many workers or retries there are; after
the last retry it is marked "failed" for an admin to try again (`/staff/mail/failed`).
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, render_template
from jinja2 import TemplateNotFound

from roadshow.extensions import db
from roadshow.models import OutboundEmail
from roadshow.timeutil import utcnow

log = logging.getLogger(__name__)

STALE_SENDING = timedelta(minutes=15)
QUEUED_KEY = "roadshow_mail_queued"  # ids of rows this database session queued, for send_queued()


@dataclass(frozen=True)
class Notice:
    """One email a change asks for: who, the subject, the template and what it shows."""

    to: str | tuple[str, ...]
    subject: str
    template: str
    context: dict = field(default_factory=dict)
    attachments: tuple[tuple[str, str, bytes], ...] = ()


def build(
    to: str | Iterable[str],
    subject: str,
    text: str,
    *,
    html: str | None = None,
    attachments: Iterable[tuple[str, str, bytes]] = (),
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    """A complete message. Attachments are (filename, mime type, bytes)."""
    msg = EmailMessage()
    msg["From"] = current_app.config["MAIL_SENDER"]
    msg["To"] = to if isinstance(to, str) else ", ".join(to)
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain="roadshow.local")
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(text)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    for filename, mime, data in attachments:
        maintype, _, subtype = mime.partition("/")
        params = {}
        if "; " in subtype:
            subtype, _, extra = subtype.partition("; ")
            key, _, val = extra.partition("=")
            params[key] = val
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename, params=params)
    return msg


def render(template: str, **context: object) -> tuple[str, str | None]:
    """Render `email/<template>.txt` and, if it exists, `email/<template>.html`."""
    text = render_template(f"email/{template}.txt", **context)
    try:
        html = render_template(f"email/{template}.html", **context)
    except TemplateNotFound:
        html = None
    return text, html


def send_template(
    to: str | Iterable[str],
    subject: str,
    template: str,
    *,
    attachments: Iterable[tuple[str, str, bytes]] = (),
    headers: dict[str, str] | None = None,
    **context: object,
) -> bool:
    """Render a template pair and send it."""
    text, html = render(template, **context)
    return send(build(to, subject, text, html=html, attachments=attachments, headers=headers))


def send(msg: EmailMessage) -> bool:
    """Hand a message over: to the job queue after the commit when there is one, else deliver it now."""
    from roadshow import mailqueue

    if not mailqueue.enabled():
        return send_now(msg)
    row = OutboundEmail(subject=str(msg["Subject"])[:200], raw=msg.as_bytes(), attempts=0)
    db.session.add(row)
    db.session.flush()
    db.session.info.setdefault(QUEUED_KEY, []).append(row.id)
    return True


def send_now(msg: EmailMessage) -> bool:
    """Deliver now if possible; otherwise queue for retry. True when delivered (or written out)."""
    _write_outbox(msg)
    if not current_app.config["MAIL_SERVER"]:
        log.info("mail (no SMTP configured): %s", msg["Subject"])
        return True
    try:
        _smtp_send(msg)
        return True
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("mail send failed, queued for retry: %s", type(exc).__name__)
        db.session.add(
            OutboundEmail(
                subject=str(msg["Subject"])[:200], raw=msg.as_bytes(), last_error=type(exc).__name__, attempts=1
            )
        )
        return False


@contextmanager
def smtp_connection(timeout: float = 10) -> Iterator[smtplib.SMTP]:
    """An open, signed-in connection to MAIL_SERVER: the one place SMTP is set up."""
    cfg = current_app.config
    with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=timeout) as smtp:
        if cfg["MAIL_USE_TLS"]:
            smtp.starttls()
        if cfg["MAIL_USERNAME"]:
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        yield smtp


def _smtp_send(msg: EmailMessage) -> None:
    with smtp_connection() as smtp:
        smtp.send_message(msg)


def _write_outbox(msg: EmailMessage) -> None:
    folder = current_app.config.get("MAIL_OUTBOX_DIR")
    if not folder:
        return
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    name = f"{utcnow().strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}.eml"
    (path / name).write_bytes(msg.as_bytes())


def queue(notices: Sequence[Notice]) -> list[int]:
    """Render each notice and store it as a pending row in the caller's transaction; nothing is sent yet."""
    ids: list[int] = []
    for notice in notices:
        if not notice.to:
            continue
        text, html = render(notice.template, **notice.context)
        msg = build(notice.to, notice.subject, text, html=html, attachments=notice.attachments)
        row = OutboundEmail(subject=str(msg["Subject"])[:200], raw=msg.as_bytes(), attempts=0)
        db.session.add(row)
        db.session.flush()
        ids.append(row.id)
    db.session.info.setdefault(QUEUED_KEY, []).extend(ids)
    return ids


def send_queued() -> int:
    """After the commit: deliver the rows this session queued (or hand them to the job queue).

    In-process, a failed send stays pending for retry-mail. Rows of a transaction that was rolled
    back no longer exist, so they are skipped. Returns how many went (or were handed over) at once.
    """
    from roadshow import mailqueue

    ids = db.session.info.pop(QUEUED_KEY, [])
    if mailqueue.enabled():
        return mailqueue.enqueue_emails(ids)
    return sum(deliver_row(row_id) == "sent" for row_id in ids)


def resend_once_committed(row_id: int) -> None:
    """Deliver a stored row again once the caller commits (through `send_queued`)."""
    db.session.info.setdefault(QUEUED_KEY, []).append(row_id)


def queued_ids() -> list[int]:
    """Rows this database session queued that nobody has handed over yet (taken off the list)."""
    return db.session.info.pop(QUEUED_KEY, [])


def existing_pending(ids: Sequence[int]) -> list[int]:
    """Those of `ids` that exist and still wait to be sent (a rolled-back row does not exist)."""
    found = db.session.scalars(
        sa.select(OutboundEmail.id).where(OutboundEmail.id.in_(ids), OutboundEmail.status == "pending")
    )
    return sorted(found)


def _claim(row_id: int) -> OutboundEmail | None:
    """Take a pending row for sending, so retry-mail running at the same moment cannot send it twice."""
    claimed = db.session.execute(
        sa.update(OutboundEmail)
        .where(OutboundEmail.id == row_id, OutboundEmail.status == "pending")
        .values(status="sending", claimed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return db.session.get(OutboundEmail, row_id) if claimed.rowcount == 1 else None


def deliver_row(row_id: int, *, last_try: bool = False) -> str:
    """Claim one stored email and send it: "sent", "taken" (sent or being sent elsewhere), "retry" or "failed".

    A refused send goes back to pending; on the last try it is marked failed for an admin instead.
    """
    item = _claim(row_id)
    if item is None:
        return "taken"
    db.session.refresh(item)
    msg = message_from_bytes(item.raw, policy=policy.default)
    _write_outbox(msg)  # type: ignore[arg-type]
    outcome = "sent"
    if current_app.config["MAIL_SERVER"]:
        try:
            _smtp_send(msg)  # type: ignore[arg-type]
        except (OSError, smtplib.SMTPException) as exc:
            outcome = "failed" if last_try else "retry"
            log.warning("mail send failed (%s): %s", outcome, type(exc).__name__)
            item.attempts, item.last_error = item.attempts + 1, type(exc).__name__
            item.status = "failed" if last_try else "pending"
    if outcome == "sent":
        item.status, item.sent_at, item.raw = "sent", utcnow(), b""
    db.session.commit()
    return outcome


def retry_pending(limit: int = 200) -> tuple[int, int]:
    """Try every queued message once more, each claimed so no one gets it twice. Returns (sent, still failing).

    A row left "sending" by a process that died mid-send, claimed over STALE_SENDING ago, is tried again.
    """
    stale = utcnow() - STALE_SENDING
    db.session.execute(
        sa.update(OutboundEmail)
        .where(OutboundEmail.status == "sending")
        .where(sa.func.coalesce(OutboundEmail.claimed_at, OutboundEmail.created_at) < stale)
        .values(status="pending")
    )
    db.session.commit()
    ids = db.session.scalars(
        sa.select(OutboundEmail.id).where(OutboundEmail.status == "pending").order_by(OutboundEmail.id).limit(limit)
    ).all()
    sent = sum(deliver_row(row_id) == "sent" for row_id in ids)
    failed = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(OutboundEmail)
        .where(OutboundEmail.id.in_(ids), OutboundEmail.status == "pending")
    )
    return sent, failed or 0


def coordinator_addresses() -> list[str]:
    """Where notices for the office go: MAIL_COORDINATORS, else every active coordinator."""
    configured = [a.strip() for a in current_app.config["MAIL_COORDINATORS"].split(",") if a.strip()]
    if configured:
        return configured
    from roadshow.services.accounts.users import staff_emails

    return staff_emails("coordinator")
