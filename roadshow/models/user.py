"""Staff accounts."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from roadshow.extensions import db
from roadshow.models.columns import parent_id
from roadshow.models.types import UTCDateTime
from roadshow.timeutil import utcnow


class Role(enum.StrEnum):
    """What a staff member may do. Admin includes everything a coordinator does."""

    ADMIN = "admin"
    COORDINATOR = "coordinator"
    PANEL = "panel"


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(db.Model):
    """A staff member who signs in: admin, coordinator or panel member."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    role: Mapped[str] = mapped_column(sa.String(20), default=Role.PANEL.value)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    active: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    # Part of the login cookie: changing it ends every signed-in session at once.
    session_token: Mapped[str] = mapped_column(sa.String(64), default=new_session_token)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Hash of the secret in a facilitator's private iCal feed URL (scheduling).
    ical_token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    # Trained to act on disclosures: told at once when a comment is escalated, and may read it.
    is_safeguarding_lead: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # A one-time password stops working after this (set with must_change_password).
    one_time_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Two-factor sign-in (TOTP). The secret must be readable to check codes; the last time step
    # accepted stops a code being replayed.
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    totp_enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)

    @property
    def has_two_factor(self) -> bool:
        return bool(self.totp_secret and self.totp_enrolled_at)

    # Flask-Login protocol ------------------------------------------------
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        """The alternative token: user id plus the rotating session token."""
        return f"{self.id}:{self.session_token}"

    # Roles ----------------------------------------------------------------
    def has_role(self, *roles: str) -> bool:
        return self.role in {str(r) for r in roles}

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_staff(self) -> bool:
        """Coordinator or admin: may change things."""
        return self.role in (Role.ADMIN, Role.COORDINATOR)

    @property
    def reads_safeguarding(self) -> bool:
        """An admin, or a coordinator who is a designated safeguarding lead: may read escalated comments."""
        return self.is_admin or (self.role == Role.COORDINATOR and self.is_safeguarding_lead)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class RecoveryCode(db.Model):
    """A single-use code for when the authenticator is lost; only its hash is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = parent_id("users")
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AccountToken(db.Model):
    """An emailed invite or password-reset link: expiring, single-use, only its hash kept."""

    __tablename__ = "account_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = parent_id("users")
    purpose: Mapped[str] = mapped_column(sa.String(10))  # "invite" or "reset"
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LoginThrottle(db.Model):
    """Failed sign-ins from one client address (a keyed hash, never the address itself)."""

    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    next_allowed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
