"""Flask-Login wiring: the cookie carries id plus a rotating token, so sign-out really ends it."""

from __future__ import annotations

import sqlalchemy as sa
from flask_login import LoginManager

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
