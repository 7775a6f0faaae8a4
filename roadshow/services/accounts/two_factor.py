"""Two-factor sign-in with TOTP: who needs it, enrolment, codes accepted once, recovery codes, reset."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from datetime import datetime

import pyotp
import segno
import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import RecoveryCode, Role, User
from roadshow.models.user import new_session_token
from roadshow.services import DomainError, audit
from roadshow.services.accounts import passwords
from roadshow.timeutil import utcnow

ISSUER = "Roadshow OPCC"
RECOVERY_CODES = 10


def requires_two_factor(user: object) -> bool:
    """Admins and safeguarding leads must use two-factor sign-in; everyone else may."""
    return getattr(user, "role", "") == Role.ADMIN or bool(getattr(user, "is_safeguarding_lead", False))


def new_secret() -> str:
    return pyotp.random_base32()


def clean_secret(secret: str) -> str:
    """A base32 secret as authenticator apps show it, checked; DomainError if it is not one."""
    cleaned = re.sub(r"[\s-]", "", secret).upper()
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (binascii.Error, ValueError) as exc:
        raise DomainError("The two-factor secret must be base32 (letters A-Z and digits 2-7).") from exc
    if len(raw) < 10:
        raise DomainError("The two-factor secret is too short: use at least 16 base32 characters.")
    return cleaned


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_data_uri(uri: str) -> str:
    """The otpauth URI as an SVG QR code in a data: URI (the CSP allows data: images)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=4)


def spaced(secret: str) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The time step (30 s) a six-digit code belongs to, allowing one step of clock drift."""
    code = re.sub(r"\s", "", code)
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp = pyotp.TOTP(secret)
    step = totp.timecode(now)
    for candidate in (step - 1, step, step + 1):
        if hmac.compare_digest(totp.generate_otp(candidate), code):
            return candidate
    return None


def check_code(user: User, code: str) -> bool:
    """A current code, accepted once: a code seen before (or an older one) is refused."""
    if not user.has_two_factor:
        return False
    step = _matching_step(user.totp_secret or "", code, utcnow())
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    return True


def _code_hash(code: str) -> str:
    return hashlib.sha256(re.sub(r"[\s-]", "", code.lower()).encode()).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Replace the account's recovery codes with ten new ones, shown once."""
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [passwords.readable(2, 5) for _ in range(RECOVERY_CODES)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_code_hash(c)) for c in codes)
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    """Accept an unused recovery code once."""
    row = db.session.scalar(
        sa.select(RecoveryCode).where(
            RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _code_hash(code), RecoveryCode.used_at.is_(None)
        )
    )
    if row is None:
        return False
    row.used_at = utcnow()
    audit.record("user.recovery_code_used", user, actor=user)
    return True


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )


def enrol(user: User, secret: str, code: str) -> list[str]:
    """Turn two-factor on once the person has typed a code from the app; returns new recovery codes."""
    step = _matching_step(secret, code, utcnow())
    if step is None:
        raise DomainError("That code is not right. Check the time on your phone and try the newest code.")
    user.totp_secret, user.totp_enrolled_at, user.totp_last_step = secret, utcnow(), step
    audit.record("user.two_factor_enrolled", user, actor=user)
    return new_recovery_codes(user)


def enrol_with_secret(user: User, secret: str) -> None:
    """Enrol with a secret a script already holds (`flask create-user --totp-secret`)."""
    user.totp_secret, user.totp_enrolled_at, user.totp_last_step = clean_secret(secret), utcnow(), None
    audit.record("user.two_factor_enrolled", user, actor_label="cli")


def reset(user: User, *, actor: User) -> None:
    """An admin turns two-factor off for someone who lost their phone; they enrol again at sign-in."""
    user.totp_secret = user.totp_enrolled_at = user.totp_last_step = None
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    user.session_token = new_session_token()  # signed in elsewhere: out at once
    audit.record("user.two_factor_reset", user, actor=actor)
