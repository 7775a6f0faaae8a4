"""Password policy and hashing (argon2id)."""

from __future__ import annotations

import secrets
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

from roadshow.services import DomainError

COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "common-passwords.txt"


@cache
def _common() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(time_cost=cfg["ARGON2_TIME_COST"], memory_cost=cfg["ARGON2_MEMORY_COST"])


def check_policy(password: str) -> None:
    """Raise DomainError when a password is too short or too common."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        raise DomainError(f"Use at least {minimum} characters.")
    if password.lower() in _common():
        raise DomainError("That password is too common. Choose one that is harder to guess.")


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def generate() -> str:
    """A random password that meets the policy, for one-time use."""
    return secrets.token_urlsafe(15)


# A hash of a random password, verified when the email is unknown so that
# sign-in takes the same time whether or not the account exists.
def dummy_verify(password: str) -> None:
    verify(_dummy_hash(), password)


@cache
def _dummy_hash() -> str:
    return _hasher().hash(secrets.token_urlsafe(16))
