"""Email goes through real SMTP; a failed send is kept and retried, never lost."""

from __future__ import annotations

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import OutboundEmail
from roadshow.services import mail
from tests.support.fixtures import free_port


def test_message_reaches_the_smtp_server(app, smtp):
    assert mail.send(mail.build("leader@example.org", "Hello", "Plain words.", html="<p>Plain words.</p>"))
    received = smtp.last()
    assert received["Subject"] == "Hello"
    assert smtp.text(received).strip() == "Plain words."
    assert "<p>Plain words.</p>" in smtp.html(received)


def test_failed_send_is_queued_then_retried(app, smtp):
    good_port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = free_port()  # nothing listens there
    assert not mail.send(mail.build("leader@example.org", "Queued", "Body"))
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboundEmail)) == 1
    assert smtp.messages == []

    app.config["MAIL_PORT"] = good_port
    result = app.test_cli_runner().invoke(args=["retry-mail"])
    assert "Sent 1" in result.output
    assert smtp.last()["Subject"] == "Queued"
    item = db.session.scalar(sa.select(OutboundEmail))
    assert item.status == "sent" and item.raw == b""


def test_development_writes_an_outbox_file(app, tmp_path):
    app.config.update(MAIL_SERVER="", MAIL_OUTBOX_DIR=str(tmp_path / "outbox"))
    mail.send(mail.build("a@example.org", "To the outbox", "Body"))
    files = list((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 1
    assert b"To the outbox" in files[0].read_bytes()
