"""How a view (or a command) ends a change: its emails queued in its transaction, committed, then sent."""

from __future__ import annotations

from collections.abc import Sequence

from roadshow.extensions import db
from roadshow.services import mail


def commit_and_send(notices: Sequence[mail.Notice] = ()) -> int:
    """Queue the notices with the change, commit once, then deliver; returns how many went at once.

    A failed send stays queued for `flask retry-mail`.
    """
    mail.queue(notices)
    db.session.commit()
    return mail.send_queued()
