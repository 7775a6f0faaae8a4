"""How a view (or a command) ends a change: its emails queued in its transaction, committed, then sent."""

from __future__ import annotations

from collections.abc import Sequence

from flask import Flask

from roadshow.extensions import db
from roadshow.services import mail


def commit_and_send(notices: Sequence[mail.Notice] = ()) -> int:
    """Queue the notices with the change, commit once, then deliver; returns how many went at once.

    A failed send stays queued for `flask retry-mail`.
    """
    mail.queue(notices)
    db.session.commit()
    return mail.send_queued()


def init_app(app: Flask) -> None:
    """Emails a request or command stored with `mail.send` go to the mail queue once it has committed.

    Runs as each app context ends (after the view or command committed), before the session is removed.
    """
    from roadshow import mailqueue

    app.teardown_appcontext(mailqueue.hand_over_committed)
