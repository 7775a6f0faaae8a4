"""How a view (or a command) ends a change: its emails queued in its transaction, committed, then sent."""

from __future__ import annotations

from collections.abc import Sequence

from roadshow.extensions import db
from roadshow.services import mail


def commit_and_send(notices: Sequence[mail.Notice] = ()) -> None:
    """Queue the notices with the change, commit once, then deliver; a failed send stays for `flask retry-mail`."""
    mail.queue(notices)
    db.session.commit()
    mail.send_queued()
