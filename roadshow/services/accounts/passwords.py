"""Password policy and hashing (argon2id)."""

from __future__ import annotations

import secrets
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

from roadshow.services import DomainError

COMMON_PASSWORDS_FILE = Path(__file__).resolve().parents[2] / "data" / "common-passwords.txt"


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
    """Whether the password matches; always does the full argon2 work for the hash's parameters."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Read out over the phone: no l, 1, i, I, o, O or 0, and lower case only.
READABLE = "abcdefghjkmnpqrstuvwxyz23456789"


def readable(groups: int, size: int = 4) -> str:
    """Random characters a person can read out and type, in hyphenated groups (about 5 bits each)."""
    return "-".join("".join(secrets.choice(READABLE) for _ in range(size)) for _ in range(groups))


def generate() -> str:
    """A random password that meets the policy, for one-time use: 16 readable characters (80 bits)."""
    return readable(4)


# A hash of a random password, verified when the email is unknown so that
# sign-in takes the same time whether or not the account exists.
def dummy_verify(password: str) -> None:
    verify(_dummy_hash(), password)


@cache
def _dummy_hash() -> str:
    return _hasher().hash(secrets.token_urlsafe(16))
