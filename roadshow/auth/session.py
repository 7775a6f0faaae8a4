"""Flask-Login wiring: the cookie carries id plus a rotating token, so sign-out really ends it."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_login import LoginManager
from itsdangerous import URLSafeTimedSerializer

from roadshow.extensions import db
from roadshow.models import User


def load_user(token: str) -> User | None:
    user_id, _, session_token = token.partition(":")
    if not user_id.isdigit() or not session_token:
        return None
    user = db.session.scalar(sa.select(User).where(User.id == int(user_id)))
    if user is None or not user.active or user.session_token != session_token:
        return None
    return user


def configure_login(manager: LoginManager) -> None:
    manager.user_loader(load_user)
    manager.login_view = "auth.login"
    manager.login_message = "Please sign in to see that page."
    manager.login_message_category = "info"
    manager.session_protection = "strong"


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, without rebuilding the signing serializer on every request.

    Flask builds a new serializer twice per request (to read the cookie and to write it); it only
    depends on the secret keys, so it is kept until they change. A request that brings no session
    cookie gets an empty session without any signing work. Cookies are the same as Flask's own.
    """

    _kept: tuple[Any, URLSafeTimedSerializer | None] | None = None

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        kept = self._kept
        if kept is None or kept[0] != keys:
            kept = self._kept = (keys, super().get_signing_serializer(app))
        return kept[1]

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if app.secret_key and not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)
