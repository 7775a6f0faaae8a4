"""Invites and password resets by email: expiring, single-use links of which only a hash is kept."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from roadshow.extensions import db
from roadshow.links import absolute_url
from roadshow.models import AccountToken, User
from roadshow.services import DomainError, audit, mail
from roadshow.services.accounts import login_guard, passwords, users
from roadshow.timeutil import utcnow

INVITE, RESET = "invite", "reset"
ENDPOINTS = {INVITE: "auth.welcome", RESET: "auth.reset"}


class LinkUnusable(DomainError):
    """A link that is not ours, has expired or has been used."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _issue(user: User, purpose: str, lifetime: timedelta) -> str:
    """A new link for `purpose`; any earlier unused one for the same account stops working."""
    db.session.execute(
        sa.delete(AccountToken).where(
            AccountToken.user_id == user.id, AccountToken.purpose == purpose, AccountToken.used_at.is_(None)
        )
    )
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(
        AccountToken(
            user_id=user.id, purpose=purpose, token_hash=_digest(token), created_at=now, expires_at=now + lifetime
        )
    )
    return absolute_url(ENDPOINTS[purpose], token=token)


def invite(email: str, name: str, role: str, *, actor: User, safeguarding_lead: bool = False) -> User:
    """Create an account nobody can sign in to yet and email its owner a link to set a password."""
    user = users.create(email, name, role, passwords.generate(), actor=actor, safeguarding_lead=safeguarding_lead)
    user.password_hash = passwords.hash_password(secrets.token_urlsafe(32))  # unknown to anyone
    hours = current_app.config["INVITE_HOURS"]
    url = _issue(user, INVITE, timedelta(hours=hours))
    audit.record("user.invited", user, actor=actor)
    mail.send_template(user.email, "You have been invited to Roadshow", "staff_invite", url=url, hours=hours)
    return user


def request_reset(email: str) -> None:
    """Email a reset link if the address belongs to an active account; nothing is said either way.

    At most one link per account every RESET_EMAIL_MINUTES, so nobody can fill an inbox.
    """
    user = users.by_email(email)
    if user is None or not user.active:
        return
    recent = utcnow() - timedelta(minutes=current_app.config["RESET_EMAIL_MINUTES"])
    if db.session.scalar(
        sa.select(AccountToken.id).where(
            AccountToken.user_id == user.id, AccountToken.purpose == RESET, AccountToken.created_at > recent
        )
    ):
        return
    minutes = current_app.config["RESET_LINK_MINUTES"]
    url = _issue(user, RESET, timedelta(minutes=minutes))
    audit.record("user.reset_requested", user, actor_label="anonymous")
    mail.send_template(user.email, "Set a new Roadshow password", "staff_reset", url=url, minutes=minutes)


def usable(token: str, purpose: str) -> AccountToken:
    """The stored link for a token, if it is in date and unused; LinkUnusable otherwise."""
    row = db.session.scalar(
        sa.select(AccountToken).where(AccountToken.token_hash == _digest(token), AccountToken.purpose == purpose)
    )
    if row is None or row.used_at is not None or row.expires_at <= utcnow():
        raise LinkUnusable("This link has expired or has already been used. Ask for a new one.")
    user = db.session.get(User, row.user_id)
    if user is None or not user.active:
        raise LinkUnusable("This link has expired or has already been used. Ask for a new one.")
    return row


def set_password(token: str, purpose: str, password: str) -> User:
    """Use a link once: set the password, clear any sign-in delay, end other sessions."""
    row = usable(token, purpose)
    passwords.check_policy(password)
    user = db.session.get(User, row.user_id)
    if user is None:
        raise LinkUnusable("This link has expired or has already been used. Ask for a new one.")
    row.used_at = utcnow()
    user.password_hash = passwords.hash_password(password)
    user.must_change_password = False
    user.one_time_expires_at = None
    login_guard.unlock(user)
    users.end_sessions(user)
    audit.record("user.invite_accepted" if purpose == INVITE else "user.password_reset", user, actor=user)
    return user


def purge_used() -> int:
    """Links used or expired more than a day ago are deleted (retention)."""
    cutoff = utcnow() - timedelta(days=1)
    result = db.session.execute(
        sa.delete(AccountToken).where(sa.or_(AccountToken.expires_at < cutoff, AccountToken.used_at < cutoff))
    )
    return result.rowcount or 0
