"""The known-device cookie: a browser that has completed a sign-in to an account before.

Only such a browser skips the account's sign-in delay (see `services.accounts.login_guard`), so a stranger
who keeps failing can slow other strangers down but never keep the owner out.
"""

from __future__ import annotations

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from roadshow.models import User

COOKIE = "roadshow_device"
PATH = "/staff/"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="known-device")


def _max_age() -> int:
    return int(current_app.config["KNOWN_DEVICE_DAYS"]) * 86400


def known_id() -> int | None:
    """The account id this browser has signed in to before, if its cookie is genuine and in date."""
    raw = request.cookies.get(COOKIE)
    if not raw or len(raw) > 200:
        return None
    try:
        value = _serializer().loads(raw, max_age=_max_age())
    except BadSignature:
        return None
    return value if isinstance(value, int) else None


def remember(response: Response, user: User) -> Response:
    """Mark this browser as known to `user` (HttpOnly, only sent to staff pages)."""
    response.set_cookie(
        COOKIE,
        _serializer().dumps(user.id),
        max_age=_max_age(),
        path=PATH,
        secure=bool(current_app.config["SESSION_COOKIE_SECURE"]),
        httponly=True,
        samesite="Lax",
    )
    return response
