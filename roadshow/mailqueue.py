"""Mail through a job queue (RQ on Redis) when `REDIS_URL` is set; in-process after the commit otherwise.

Jobs carry only ids: the database row (an `outbound_emails` row, or a newsletter's recipients) is
the durable record, and claiming it before the SMTP hand-over is what makes delivery exactly-once
however many workers run or a job is retried. A job that fails is retried after each of
`MAIL_QUEUE_RETRY_DELAYS`; after the last it is marked failed in the database, where admins see it
(`/staff/mail/failed`) and can try again. `flask mail-worker` runs a worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from flask import Flask, current_app, has_app_context
from redis import Redis, RedisError
from redis.backoff import ExponentialBackoff
from redis.retry import Retry as RedisRetry
from rq import Queue, Retry, SimpleWorker, get_current_job
from rq.serializers import JSONSerializer

log = logging.getLogger(__name__)
_STANDALONE: list[Flask] = []  # an app for jobs run outside `flask mail-worker` (e.g. `rq worker`)


class NotDelivered(Exception):
    """Raised by a job whose send failed, so the queue tries it again later."""


def enabled() -> bool:
    """True when mail goes through the job queue (a Redis URL is configured)."""
    return bool(current_app.config.get("REDIS_URL"))


def connection() -> Redis:
    """One Redis client per app (it pools its own connections); quick to give up, so no request hangs on it."""
    client = current_app.extensions.get("mail_queue_redis")
    if client is None:
        client = Redis.from_url(
            current_app.config["REDIS_URL"],
            socket_connect_timeout=2,
            retry=RedisRetry(ExponentialBackoff(cap=0.5, base=0.1), 2),
        )
        current_app.extensions["mail_queue_redis"] = client
    return client


def queue() -> Queue:
    """The mail queue. Jobs are JSON (ids only), so nothing written into Redis is ever unpickled."""
    return Queue(current_app.config["MAIL_QUEUE_NAME"], connection=connection(), serializer=JSONSerializer)


def retry_delays() -> list[int]:
    """Seconds to wait before each retry, from MAIL_QUEUE_RETRY_DELAYS (e.g. "60,300,1800")."""
    return [int(part) for part in str(current_app.config["MAIL_QUEUE_RETRY_DELAYS"]).split(",") if part.strip()]


def enqueue(func: Callable[..., object], *args: object) -> None:
    """Put one job on the mail queue, with the configured retries."""
    delays = retry_delays()
    queue().enqueue(
        func,
        *args,
        retry=Retry(max=len(delays), interval=delays) if delays else None,
        job_timeout=current_app.config["MAIL_QUEUE_JOB_TIMEOUT"],
        failure_ttl=7 * 86400,
    )


def enqueue_emails(row_ids: Sequence[int]) -> int:
    """After the commit: one delivery job per stored email. Returns how many were handed over.

    If Redis cannot be reached the rows stay pending (committed), for `flask retry-mail` to send;
    the person's request still succeeds.
    """
    handed = 0
    try:
        for row_id in row_ids:
            enqueue(deliver_email, row_id)
            handed += 1
    except RedisError as exc:
        log.warning("mail queue unreachable, %d email(s) left for retry-mail: %s", len(row_ids) - handed, exc)
    return handed


def last_try() -> bool:
    """Whether the job running now has no retries left (true outside a job: nothing will retry it)."""
    job = get_current_job()
    return job is None or not job.retries_left


@contextmanager
def job_context() -> Iterator[None]:
    """A fresh app context (and so a fresh database session) for one job."""
    if has_app_context():
        app = current_app._get_current_object()  # type: ignore[attr-defined]
    else:
        if not _STANDALONE:
            from roadshow import create_app

            _STANDALONE.append(create_app())
        app = _STANDALONE[0]
    with app.app_context():
        yield


# Jobs -----------------------------------------------------------------------------------------


def deliver_email(row_id: int) -> str:
    """Job: send one stored email (claimed first, so it goes once); raise to be retried if it fails."""
    from roadshow.services import mail

    with job_context():
        outcome = mail.deliver_row(row_id, last_try=last_try())
    if outcome == "retry":
        raise NotDelivered(f"email {row_id} was not accepted by the mail server; it will be tried again")
    return outcome


def send_newsletter_batch(send_id: int, recipient_ids: list[int]) -> int:
    """Job: send one batch of a newsletter over one SMTP connection; raise to be retried if the server fails."""
    from roadshow.services.news import newsletter

    with job_context():
        error = newsletter.send_batch(send_id, recipient_ids, last_try=last_try())
    if error:
        raise NotDelivered(error)
    return len(recipient_ids)


# After the commit, for code that called `mail.send` without `commit_and_send` --------------------


def hand_over_committed(_exc: BaseException | None = None) -> None:
    """At the end of a request or command: enqueue the emails it stored and committed.

    `mail.send` stores a row and notes its id. Rolling back first leaves only what was committed
    visible, so an email from a change that was never committed is not sent (its row is gone).
    """
    from roadshow.extensions import db
    from roadshow.services import mail

    if not db.session.registry.has() or not enabled():
        return
    ids = mail.queued_ids()
    if not ids:
        return
    db.session.rollback()
    committed = mail.existing_pending(ids)
    if committed:
        enqueue_emails(committed)


# The worker -----------------------------------------------------------------------------------


def work(*, burst: bool = False) -> bool:
    """Run a worker on the mail queue (in this process, jobs one after another); True if it did any job.

    SimpleWorker runs each job here rather than in a forked child, so database connections are
    never shared across a fork; run more `flask mail-worker` processes to send faster.
    """
    worker = SimpleWorker([queue()], connection=connection(), serializer=JSONSerializer)
    return worker.work(burst=burst, with_scheduler=True, logging_level=current_app.config["LOG_LEVEL"])
