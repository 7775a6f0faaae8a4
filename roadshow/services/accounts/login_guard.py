"""Slowing password guessing down without ever locking the owner out.

Two progressive delays, never a hard lock: one per client address (a keyed hash, never the address)
and one per account. The account's delay applies only to browsers that have not completed a sign-in
to that account before (a signed "known device" cookie, see `auth.device`), so a stranger who keeps
failing slows other strangers down but never the owner's own browser. Attempts made while a delay
runs are refused without being checked, after the same password-hash work as any other attempt.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from roadshow.extensions import db
from roadshow.models import LoginThrottle, User
from roadshow.timeutil import utcnow


def address_key(address: str) -> str:
    """A keyed hash of a client address: enough to count failures, useless to identify anyone."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hashlib.blake2b(f"login:{address}".encode(), key=secret[:64], digest_size=32).hexdigest()


def delay_for(failures: int, free: int) -> timedelta | None:
    """No delay for the first `free` failures, then 2, 4, 8 ... seconds, capped."""
    if failures < free:
        return None
    cap = current_app.config["LOGIN_DELAY_CAP_SECONDS"]
    return timedelta(seconds=min(cap, 2 ** min(failures - free + 1, 20)))


def _throttle(key: str) -> LoginThrottle:
    row = db.session.get(LoginThrottle, key)
    if row is not None:
        return row
    try:
        with db.session.begin_nested():
            row = LoginThrottle(key=key, failures=0, updated_at=utcnow())
            db.session.add(row)
    except IntegrityError:  # another request counted this address first
        row = db.session.get(LoginThrottle, key)
    if row is None:
        raise RuntimeError("the sign-in count for this address vanished")
    return row


def address_waiting(key: str, now: datetime) -> bool:
    row = db.session.get(LoginThrottle, key)
    return row is not None and row.next_allowed_at is not None and row.next_allowed_at > now


def account_waiting(user: User, now: datetime, known_device: bool) -> bool:
    return not known_device and user.locked_until is not None and user.locked_until > now


def note_failure(key: str, user: User | None, now: datetime, *, known_device: bool) -> None:
    """Count a failure against the address and (for an unknown browser) the account."""
    row = _throttle(key)
    row.failures += 1
    row.updated_at = now
    delay = delay_for(row.failures, current_app.config["LOGIN_ADDRESS_FREE_FAILURES"])
    row.next_allowed_at = now + delay if delay else None
    if user is not None and not known_device:
        user.failed_logins += 1
        delay = delay_for(user.failed_logins, current_app.config["LOGIN_MAX_FAILURES"])
        user.locked_until = now + delay if delay else None


def note_success(key: str, user: User) -> None:
    """A full sign-in clears both counts."""
    db.session.execute(sa.delete(LoginThrottle).where(LoginThrottle.key == key))
    unlock(user)


def unlock(user: User) -> None:
    user.failed_logins = 0
    user.locked_until = None


def forget_old(days: int = 1) -> int:
    """Address counts untouched for a day are deleted (retention)."""
    cutoff = utcnow() - timedelta(days=days)
    result = db.session.execute(sa.delete(LoginThrottle).where(LoginThrottle.updated_at < cutoff))
    return result.rowcount or 0
