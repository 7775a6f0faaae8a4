"""Rate-limit keys that never keep a raw IP address."""

import hashlib

from flask import current_app, request


def client_key() -> str:
    """A keyed hash of the client address: enough to count requests, useless to identify anyone."""
    addr = request.remote_addr or "unknown"
    secret = current_app.config["SECRET_KEY"].encode()
    return hashlib.blake2b(addr.encode(), key=secret[:64], digest_size=16).hexdigest()


def booking_limit() -> str:
    """The limit on every public booking POST: the form, the manage link and offer replies."""
    return current_app.config["BOOKING_RATE_LIMIT"]


def volunteer_limit() -> str:
    """The limit on the public volunteering form."""
    return current_app.config["VOLUNTEER_RATE_LIMIT"]
