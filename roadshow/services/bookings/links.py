"""The group's private link: a token of which only the SHA-256 is stored.

The token is an HMAC of a random per-request salt under the app's link key, so later emails can
carry the same link (the database alone cannot rebuild it). It stays valid for the life of the
request; only the group asking for a new one replaces it, and then the old one opens a page that
says so.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

import sqlalchemy as sa
from flask import current_app

from roadshow.extensions import db
from roadshow.links import absolute_url
from roadshow.models.booking import BookingRequest, ReplacedLink
from roadshow.services import audit, mail
from roadshow.timeutil import utcnow

GROUP = "group contact"  # actor_label when the group acts through its private link


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _token_for(salt: str) -> str:
    key = (current_app.config["BOOKING_LINK_KEY"] or current_app.config["SECRET_KEY"]).encode()
    digest = hmac.new(key, f"booking-manage-link:{salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def new_token() -> tuple[str, str, str]:
    """A fresh (token, its hash, the salt it comes from)."""
    salt = secrets.token_urlsafe(24)
    token = _token_for(salt)
    return token, hash_token(token), salt


def find_by_token(token: str) -> BookingRequest | None:
    """The request whose manage token this is; None for anything else (wrong, old or malformed)."""
    if not token or len(token) > 100:
        return None
    return db.session.scalar(sa.select(BookingRequest).where(BookingRequest.token_hash == hash_token(token)))


def was_replaced(token: str) -> bool:
    """True for a link that once worked and was replaced when the group asked for a new one."""
    if not token or len(token) > 100:
        return False
    return db.session.get(ReplacedLink, hash_token(token)) is not None


def manage_url(token: str) -> str:
    return absolute_url("bookings.manage", token=token)


def link_of(request: BookingRequest) -> str:
    """The request's current private link, or "" for a request made before links could be rebuilt."""
    if not request.link_salt:
        return ""
    token = _token_for(request.link_salt)
    return manage_url(token) if hash_token(token) == request.token_hash else ""


def new_manage_link(request: BookingRequest) -> str:
    """Replace the request's token and return the new link; the old link then says it was replaced."""
    db.session.add(ReplacedLink(token_hash=request.token_hash, request_id=request.id, replaced_at=utcnow()))
    token, digest, salt = new_token()
    request.token_hash, request.link_salt = digest, salt
    return manage_url(token)


def _send_new_link(request: BookingRequest) -> None:
    url = new_manage_link(request)
    audit.record("booking.link_resent", request, actor_label=GROUP)
    mail.queue(
        [
            mail.Notice(
                request.email,
                f"Your link for roadshow request {request.reference}",
                "booking_link",
                {"request": request, "manage_url": url},
            )
        ]
    )


def resend_link(reference: str, email: str) -> bool:
    """Email a fresh link to the stored contact if both match. The caller says the same thing either way."""
    request = db.session.scalar(sa.select(BookingRequest).where(BookingRequest.reference == reference.strip().upper()))
    if request is None or not request.email or request.email != email.strip().lower():
        return False
    _send_new_link(request)
    return True


def resend_from_replaced(token: str) -> bool:
    """From an old link: send the current contact a new one. Nothing is shown to whoever holds the old link."""
    replaced = db.session.get(ReplacedLink, hash_token(token)) if token and len(token) <= 100 else None
    request = db.session.get(BookingRequest, replaced.request_id) if replaced else None
    if request is None or not request.email or not request.is_open:
        return False
    _send_new_link(request)
    return True
