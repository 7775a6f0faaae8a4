"""How a view (or a command) ends a change: one commit, its emails queued in the same transaction and
sent after it, or one rollback when a service refused with a DomainError.

    return apply(lambda: visits.start_review(booking, me), success="Under review.", back=detail_url)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

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


def settle(success: str, to: str, notices: Sequence[mail.Notice] | None = None) -> Response:
    """End a change that went through: commit (with `notices`, sent after it, when given), flash
    `success` and answer with a 303 to `to`."""
    if notices is None:
        db.session.commit()
    else:
        commit_and_send(notices)
    flash(success, "success")
    return redirect(to, code=303)


def saved(
    action: Callable[[], T], refused: list[str] | Callable[[DomainError], None], then: Callable[[T], Response]
) -> Response | None:
    """Run a form's service call. Refused: roll back and add the reason to the form's `refused` list (or
    hand the error to `refused`), then None so the view shows the form again. Otherwise `then(result)`,
    which usually settles."""
    try:
        result = action()
    except DomainError as exc:
        db.session.rollback()
        if isinstance(refused, list):
            refused.append(str(exc))
        else:
            refused(exc)
        return None
    return then(result)


def apply(
    action: Callable[[], T], *, success: str | Callable[[T], str], back: str, done: str | None = None
) -> Response:
    """Run one service call for a POST and answer with a 303.

    Refused (DomainError): roll back, flash the reason, go `back`. Otherwise commit once with the
    emails it returned (a result's `notices`, or a list of notices), flash `success` (or what it makes
    of the result), go to `done` (default `back`).
    """
    try:
        outcome = action()
    except DomainError as exc:
        refuse(exc)
        return redirect(back, code=303)
    message = success if isinstance(success, str) else success(outcome)
    return settle(message, done or back, _notices_of(outcome))


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
