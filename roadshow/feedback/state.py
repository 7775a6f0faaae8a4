"""The form's memory between steps, carried in the page itself, encrypted and signed.

Nothing about a young person's progress is kept on the server or in a cookie: each step's page
holds the answers so far, the questionnaire version and the one-time submission id in one hidden
value. It is a Fernet token (AES with an HMAC) under a key derived from the app's secret, so it
cannot be read, forged or edited; the signature also stands in for a CSRF token on these
cookie-less pages. It holds only what the next steps need: after the age question, the age band,
never the age. Fernet would write the time into every token; we write 0 instead, so a saved page
does not say when it was filled in either.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

from roadshow.questionnaire import Answers

PURPOSE = b"roadshow.feedback.form-state.v2"


@dataclass
class FormState:
    session_id: int
    version: int
    token: str
    step: int = 1
    answers: Answers = field(default_factory=dict)
    checking: bool = False  # the visitor has reached "Check your answers": a changed page leads back there


@lru_cache(maxsize=4)
def _fernet(secret: str) -> Fernet:
    """A key of its own for the form state, derived from SECRET_KEY (HKDF-SHA256), so no other use shares it."""
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE).derive(secret.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def _box() -> Fernet:
    return _fernet(str(current_app.config["SECRET_KEY"]))


def dump(state: FormState) -> str:
    """The state sealed for a page and its address: URL-safe, without base64 padding, so it needs no escaping."""
    data = {"s": state.session_id, "v": state.version, "t": state.token, "n": state.step, "a": state.answers}
    if state.checking:
        data["k"] = 1
    plain = json.dumps(data, separators=(",", ":")).encode()
    return _box().encrypt_at_time(plain, 0).decode("ascii").rstrip("=")


def load(raw: str | None) -> FormState | None:
    """The state from a page, or None if it is missing, altered or malformed."""
    try:
        raw = raw or ""
        data = json.loads(_box().decrypt(raw + "=" * (-len(raw) % 4)))
        state = FormState(int(data["s"]), int(data["v"]), str(data["t"]), int(data["n"]), dict(data["a"]))
        state.checking = bool(data.get("k"))
    except (InvalidToken, KeyError, TypeError, ValueError):
        return None
    return state if state.token else None
