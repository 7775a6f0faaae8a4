"""How a view (or a command) ends a change: one commit, its emails queued in the same transaction and
sent after it, or one rollback when a service refused with a DomainError.

    return apply(lambda: visits.start_review(booking, me), success="Under review.", back=detail_url)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from flask import Flask, Response, flash, redirect

from roadshow.extensions import db
from roadshow.services import DomainError, mail

T = TypeVar("T")


def commit_and_send(notices: Sequence[mail.Notice] = ()) -> int:
    """Queue the notices with the change, commit once, then deliver; returns how many went at once.

    A failed send stays queued for `flask retry-mail`.
    """
    mail.queue(notices)
    db.session.commit()
    return mail.send_queued()


def refuse(exc: DomainError) -> None:
    """Undo everything the refused change flushed, and say why: the one way a view handles DomainError."""
    db.session.rollback()
    flash(str(exc), "error")


def settle(success: str, to: str) -> Response:
    """Commit the change the view made, flash `success` and answer with a 303 to `to`."""
    db.session.commit()
    flash(success, "success")
    return redirect(to, code=303)


def saved(action: Callable[[], T], errors: list[str], then: Callable[[T], Response]) -> Response | None:
    """Run a form's service call: refused, roll back and add the reason to `errors` (None: show the form again);
    otherwise answer with `then(result)`, which usually settles."""
    try:
        result = action()
    except DomainError as exc:
        db.session.rollback()
        errors.append(str(exc))
        return None
    return then(result)


def apply(action: Callable[[], Any], *, success: str, back: str, done: str | None = None) -> Response:
    """Run one service call for a POST and answer with a 303.

    Refused (DomainError): roll back, flash the reason, go `back`. Otherwise commit once with the
    emails it returned (a result's `notices`, or a list of notices), flash `success`, go to `done`
    (default `back`).
    """
    try:
        outcome = action()
    except DomainError as exc:
        refuse(exc)
        return redirect(back, code=303)
    commit_and_send(_notices_of(outcome))
    flash(success, "success")
    return redirect(done or back, code=303)


def _notices_of(outcome: object) -> Sequence[mail.Notice]:
    """The emails a service result asks for: its `notices`, the list itself, or none."""
    if isinstance(outcome, list | tuple) and all(isinstance(item, mail.Notice) for item in outcome):
        return outcome
    return getattr(outcome, "notices", ())


def init_app(app: Flask) -> None:
    """Emails a request or command stored with `mail.send` go to the mail queue once it has committed.

    Runs as each app context ends (after the view or command committed), before the session is removed.
    """
    from roadshow import mailqueue

    app.teardown_appcontext(mailqueue.hand_over_committed)
