"""The form's memory between steps, carried in the page itself and signed.

Nothing about a young person's progress is kept on the server or in a cookie: each
step's page holds the answers so far, the questionnaire version and the one-time
submission id in one hidden value, signed with the app's secret so it cannot be forged
or edited. The signature also stands in for a CSRF token on these cookie-less pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from roadshow.questionnaire import Answers

SALT = "roadshow.feedback.form"


@dataclass
class FormState:
    session_id: int
    version: int
    token: str
    step: int = 1
    answers: Answers = field(default_factory=dict)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def dump(state: FormState) -> str:
    return str(
        _serializer().dumps(
            {"s": state.session_id, "v": state.version, "t": state.token, "n": state.step, "a": state.answers}
        )
    )


def load(raw: str | None) -> FormState | None:
    """The state from a page, or None if it is missing, altered or malformed."""
    try:
        data = _serializer().loads(raw or "")
        state = FormState(int(data["s"]), int(data["v"]), str(data["t"]), int(data["n"]), dict(data["a"]))
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    return state if state.token else None
