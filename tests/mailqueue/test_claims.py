"""A claimed email is sent once, even when it was first queued long ago and `flask retry-mail` runs meanwhile.

Attack first: before claims recorded their time, retry-mail took back any "sending" row first queued over
15 minutes ago, so an email whose queued retry a worker was sending was sent a second time (1 duplicate of 1).
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from freezegun import freeze_time

from roadshow.extensions import db
from roadshow.models import OutboundEmail
from roadshow.services import mail
from roadshow.timeutil import utcnow


def _stored(subject: str) -> int:
    msg = mail.build("someone@example.org", subject, "Hello")
    row = OutboundEmail(subject=subject, raw=msg.as_bytes(), attempts=1, last_error="SMTPServerDisconnected")
    db.session.add(row)
    db.session.commit()
    return row.id


def test_retry_mail_leaves_alone_an_old_email_that_a_worker_claimed_a_moment_ago(app, smtp):
    with freeze_time(utcnow() - timedelta(hours=2)):
        row_id = _stored("Queued two hours ago")  # refused then, its retry is due now
    claimed = mail._claim(row_id)  # a worker takes it and is talking to the mail server
    assert claimed is not None
    sent, _failed = mail.retry_pending()
    assert sent == 0 and smtp.messages == []  # retry-mail must not send it a second time
    assert db.session.scalar(sa.select(OutboundEmail.status).where(OutboundEmail.id == row_id)) == "sending"


def test_retry_mail_takes_back_an_email_whose_worker_died_mid_send(app, smtp):
    row_id = _stored("Claimed by a worker that died")
    with freeze_time(utcnow() - timedelta(hours=1)):
        mail._claim(row_id)
    sent, _failed = mail.retry_pending()
    assert sent == 1 and [m["Subject"] for m in smtp.messages] == ["Claimed by a worker that died"]
