"""Rate-limit keys that never keep an address, and the feedback form's own counted limits.

A client is counted by an HMAC of its address under a salt derived from SECRET_KEY and today's
date: the key changes every day, so yesterday's counts cannot be joined to today's, and it only
ever lives in the limiter's store (memory or Redis, expiring with its window), never the database.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from flask import current_app, request
from limits import parse_many

from roadshow.timeutil import utcnow


@lru_cache(maxsize=4)
def _salt(secret: str, day: str) -> bytes:
    """Today's salt: rotates at midnight UTC, the same in every worker that shares SECRET_KEY."""
    return hmac.new(secret.encode(), f"roadshow.ratelimit:{day}".encode(), hashlib.sha256).digest()


def client_key() -> str:
    """A keyed hash of the client address that expires daily: enough to count requests, useless to identify anyone."""
    addr = request.remote_addr or "unknown"
    salt = _salt(current_app.config["SECRET_KEY"], utcnow().date().isoformat())
    return hmac.new(salt, addr.encode(), hashlib.sha256).hexdigest()[:32]


def booking_limit() -> str:
    """The limit on every public booking POST: the form, the manage link and offer replies."""
    return current_app.config["BOOKING_RATE_LIMIT"]


def volunteer_limit() -> str:
    """The limit on the public volunteering form."""
    return current_app.config["VOLUNTEER_RATE_LIMIT"]


def subscribe_limit() -> str:
    """The limit on the newsletter sign-up form."""
    return current_app.config["SUBSCRIBE_RATE_LIMIT"]


def allow(setting: str, *parts: str) -> bool:
    """Count one event against the limits named by config `setting` for `parts`; False once any is used up."""
    if not current_app.config["RATELIMIT_ENABLED"]:
        return True
    from roadshow.extensions import limiter  # the extension imports client_key from here

    items = parse_many(current_app.config[setting])
    if not all(limiter.limiter.test(item, setting, *parts) for item in items):
        return False
    return all([limiter.limiter.hit(item, setting, *parts) for item in items])


def wrong_code_allowed() -> bool:
    """Count a wrong feedback code from this client and from everyone; a right code is never counted."""
    return allow("FEEDBACK_WRONG_CODE_LIMIT", client_key()) and allow("FEEDBACK_WRONG_CODE_LIMIT_ALL")


def completed_allowed(session_id: int) -> bool:
    """Count one completed feedback form for this session from this client."""
    return allow("FEEDBACK_COMPLETED_LIMIT", str(session_id), client_key())


def comment_allowed(session_id: int) -> bool:
    """Count one free-text comment for this session, whoever sent it."""
    return allow("FEEDBACK_COMMENT_LIMIT", str(session_id))
