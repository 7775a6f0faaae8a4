"""Staff accounts: creating, signing in, roles, deactivation."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from roadshow.extensions import db
from roadshow.models import Role, User
from roadshow.models.user import new_session_token
from roadshow.services import DomainError, audit
from roadshow.services.accounts import login_guard, passwords
from roadshow.timeutil import utcnow

ROLES = tuple(r.value for r in Role)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


LEAD_ROLES = (Role.COORDINATOR.value, Role.ADMIN.value)
LEAD_ROLE_MESSAGE = "Only coordinators and admins can be safeguarding leads."


def create(
    email: str,
    name: str,
    role: str,
    password: str,
    *,
    actor: User | None = None,
    must_change: bool = False,
    safeguarding_lead: bool = False,
) -> User:
    """Create an account after checking the role, the address and the password policy."""
    if role not in ROLES:
        raise DomainError(f"Role must be one of: {', '.join(ROLES)}.")
    if safeguarding_lead and role not in LEAD_ROLES:
        raise DomainError(LEAD_ROLE_MESSAGE)
    if by_email(email) is not None:
        raise DomainError("An account with that email address already exists.")
    passwords.check_policy(password)
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        role=role,
        password_hash=passwords.hash_password(password),
        must_change_password=must_change,
        is_safeguarding_lead=safeguarding_lead,
    )
    if must_change:
        user.one_time_expires_at = utcnow() + timedelta(hours=current_app.config["ONE_TIME_PASSWORD_HOURS"])
    db.session.add(user)
    db.session.flush()
    detail = f"role={role}" + (" safeguarding lead" if safeguarding_lead else "")
    audit.record("user.create", user, actor=actor, actor_label="" if actor else "cli", detail=detail)
    return user


def authenticate(email: str, password: str, *, client: str, known_device_id: int | None = None) -> User | None:
    """The user if the password is right and the account usable now; None otherwise.

    Every path does the same argon2 work, so the time taken says nothing about whether the
    account exists or is being delayed. `client` is the address key (`login_guard.address_key`);
    `known_device_id` the account id from a known-device cookie. The caller shows one generic
    message whatever the reason. The sign-in is complete only after `signed_in()`.
    """
    now = utcnow()
    user = by_email(email)
    if user is None:
        passwords.dummy_verify(password)
        login_guard.note_failure(client, None, now, known_device=False)
        return None
    right = passwords.verify(user.password_hash, password)
    known = known_device_id == user.id
    if login_guard.address_waiting(client, now) or login_guard.account_waiting(user, now, known):
        login_guard.note_failure(client, None, now, known_device=known)  # counts for the address only
        audit.record("auth.delayed_attempt", user, actor_label="anonymous")
        return None
    if not right or not user.active or _one_time_expired(user, now):
        login_guard.note_failure(client, user, now, known_device=known)
        audit.record("auth.failure", user, actor_label="anonymous")
        return None
    return user


def _one_time_expired(user: User, now: datetime) -> bool:
    return user.must_change_password and user.one_time_expires_at is not None and user.one_time_expires_at <= now


def second_step(user: User, code: str, *, client: str, known_device: bool) -> bool:
    """Check the two-factor code (or a recovery code); wrong codes count like wrong passwords."""
    from roadshow.services.accounts import two_factor

    now = utcnow()
    if login_guard.address_waiting(client, now) or login_guard.account_waiting(user, now, known_device):
        audit.record("auth.delayed_attempt", user, actor_label="anonymous")
        return False
    if two_factor.check_code(user, code) or two_factor.use_recovery_code(user, code):
        return True
    login_guard.note_failure(client, user, now, known_device=known_device)
    audit.record("auth.two_factor_failure", user, actor_label="anonymous")
    return False


def signed_in(user: User, client: str) -> None:
    """Record a completed sign-in (password, and code where the account has two-factor)."""
    login_guard.note_success(client, user)
    user.last_login_at = utcnow()
    audit.record("auth.login", user, actor=user)


def unlock(user: User, *, actor_label: str = "cli") -> None:
    """Clear the account's sign-in delay (`flask unlock-user`)."""
    login_guard.unlock(user)
    audit.record("auth.unlocked", user, actor_label=actor_label)


def end_sessions(user: User) -> None:
    """Rotate the token in the login cookie so every existing session stops working."""
    user.session_token = new_session_token()


class SignedOut(DomainError):
    """Too many wrong current passwords: the session has been ended."""


def change_password(user: User, current: str, new: str) -> None:
    """Change your own password; wrong current passwords count, and too many end every session."""
    if not passwords.verify(user.password_hash, current):
        user.failed_logins += 1
        audit.record("user.password_change_failed", user, actor=user)
        if user.failed_logins >= current_app.config["LOGIN_MAX_FAILURES"]:
            user.failed_logins = 0
            end_sessions(user)
            raise SignedOut("Too many wrong passwords. Sign in again to carry on.")
        raise DomainError("Your current password is not right.")
    if new == current:
        raise DomainError("Choose a new password that is different from the old one.")
    passwords.check_policy(new)
    user.password_hash = passwords.hash_password(new)
    user.must_change_password = False
    user.one_time_expires_at = None
    user.failed_logins = 0
    end_sessions(user)
    audit.record("user.password_changed", user, actor=user)


def generate_password() -> str:
    return passwords.generate()


def set_one_time_password(user: User, *, actor: User | None) -> str:
    """Give the account a generated password that must be changed at next sign-in, within 24 hours."""
    password = passwords.generate()
    user.password_hash = passwords.hash_password(password)
    user.must_change_password = True
    user.one_time_expires_at = utcnow() + timedelta(hours=current_app.config["ONE_TIME_PASSWORD_HOURS"])
    login_guard.unlock(user)
    end_sessions(user)
    audit.record("user.one_time_password", user, actor=actor)
    return password


def _active_admins() -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(User).where(User.role == Role.ADMIN, User.active.is_(True))
    )


def change_role(user: User, role: str, *, actor: User) -> None:
    if role not in ROLES:
        raise DomainError(f"Role must be one of: {', '.join(ROLES)}.")
    if user.role == Role.ADMIN and role != Role.ADMIN and user.active and _active_admins() <= 1:
        raise DomainError("This is the last admin account. Make someone else an admin first.")
    if user.is_safeguarding_lead and role not in LEAD_ROLES:
        raise DomainError(f"{LEAD_ROLE_MESSAGE} Remove the safeguarding lead mark first.")
    old = user.role
    user.role = role
    end_sessions(user)
    audit.record("user.role_changed", user, actor=actor, detail=f"{old}->{role}")


def set_safeguarding_lead(user: User, lead: bool, *, actor: User) -> None:
    """Mark or unmark a designated safeguarding lead: they are emailed escalations and may read them."""
    if lead and user.role not in LEAD_ROLES:
        raise DomainError(LEAD_ROLE_MESSAGE)
    if user.is_safeguarding_lead == lead:
        return
    user.is_safeguarding_lead = lead
    audit.record("user.safeguarding_lead" if lead else "user.safeguarding_lead_removed", user, actor=actor)


def set_active(user: User, active: bool, *, actor: User) -> None:
    if not active and user.role == Role.ADMIN and user.active and _active_admins() <= 1:
        raise DomainError("This is the last admin account. Make someone else an admin first.")
    user.active = active
    end_sessions(user)
    audit.record("user.activated" if active else "user.deactivated", user, actor=actor)


def staff_emails(*roles: str) -> list[str]:
    """Addresses of active accounts with one of the roles (for notices)."""
    rows = db.session.scalars(sa.select(User.email).where(User.active.is_(True), User.role.in_(roles)))
    return list(rows)
