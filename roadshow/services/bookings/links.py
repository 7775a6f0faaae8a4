"""The group's private link: a random token of which only the SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa
from flask import current_app

from roadshow.extensions import db
from roadshow.models.booking import BookingRequest
from roadshow.services import audit, mail

GROUP = "group contact"  # actor_label when the group acts through its private link


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def find_by_token(token: str) -> BookingRequest | None:
    """The request whose manage token this is; None for anything else (wrong, old or malformed)."""
    if not token or len(token) > 100:
        return None
    return db.session.scalar(sa.select(BookingRequest).where(BookingRequest.token_hash == hash_token(token)))


def public_url(path: str) -> str:
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path


def manage_url(token: str) -> str:
    return public_url(f"/roadshow/booking/{token}")


def new_manage_link(request: BookingRequest) -> str:
    """Replace the request's token and return the new link; the old link stops working."""
    token, digest = _new_token()
    request.token_hash = digest
    return manage_url(token)


def resend_link(reference: str, email: str) -> bool:
    """Email a fresh link to the stored contact if both match. The caller says the same thing either way."""
    request = db.session.scalar(sa.select(BookingRequest).where(BookingRequest.reference == reference.strip().upper()))
    if request is None or not request.email or request.email != email.strip().lower():
        return False
    url = new_manage_link(request)
    audit.record("booking.link_resent", request, actor_label=GROUP)
    mail.send_template(
        request.email,
        f"Your link for roadshow request {request.reference}",
        "booking_link",
        request=request,
        manage_url=url,
    )
    return True
