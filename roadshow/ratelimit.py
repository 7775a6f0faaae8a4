"""Rate-limit keys that never keep a raw IP address."""

import hashlib

from flask import current_app, request


def client_key() -> str:
    """A keyed hash of the client address: enough to count requests, useless to identify anyone."""
    addr = request.remote_addr or "unknown"
    secret = current_app.config["SECRET_KEY"].encode()
    return hashlib.blake2b(addr.encode(), key=secret[:64], digest_size=16).hexdigest()
