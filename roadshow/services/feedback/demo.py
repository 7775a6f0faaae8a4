"""Demo feedback for `flask seed-demo`: believable responses and comments for every delivered session."""

from __future__ import annotations

import random

import sqlalchemy as sa

from roadshow import questionnaire
from roadshow.constants import age_band
from roadshow.extensions import db
from roadshow.models import (
    Comment,
    RoadshowSession,
    SubmissionToken,
)
from roadshow.questionnaire import MULTI, TEXT, Answers
from roadshow.services.feedback.intake import Submission, new_token, store, token_hash
from roadshow.services.feedback.moderation import mentions_harm

DEMO_COMMENTS = (
    ("Explain why you are stopping someone before you start searching them.", "approved", "Stop and search"),
    (
        "Talk to us like normal people, not like we already did something.",
        "approved",
        "Respect and how officers speak to young people",
    ),
    ("The video clips were really good, more sessions like this in schools please", "approved", "Trust and confidence"),
    ("Always have the camera on so there is proof for both sides.", "pending", None),
    ("Be more friendly when you walk past in town.", "pending", None),
    ("Someone in my area keeps threatening people with a knife and nobody does anything", "pending", None),
    ("lol", "rejected", None),
)


def seed_demo(rng_seed: int = 2026) -> None:
    """Believable responses and a few comments for every delivered session (none if there are none)."""
    from roadshow.models.scheduling import SessionStatus

    sessions = db.session.scalars(
        sa.select(RoadshowSession).where(RoadshowSession.status == SessionStatus.DELIVERED).order_by(RoadshowSession.id)
    ).all()
    for session in sessions:
        rng = random.Random(rng_seed + session.id)  # noqa: S311 (demo data, not security)
        for _ in range(rng.randint(12, max(12, min(session.attendance or 24, 30)))):
            _demo_response(session, rng)
        for text, status, theme in rng.sample(DEMO_COMMENTS, 3):
            day = session.starts_at.date()
            db.session.add(
                Comment(
                    session_id=session.id,
                    questionnaire_version=questionnaire.CURRENT_VERSION,
                    question_key="differently",
                    text=text,
                    submitted_on=day,
                    channel="online",
                    status=status,
                    theme=theme,
                    flagged=mentions_harm(text),
                )
            )
    db.session.flush()


def _demo_response(session: RoadshowSession, rng: random.Random) -> None:
    version = questionnaire.current()
    pick = rng.choice
    answers: Answers = {
        "stopped": pick(["never"] * 6 + ["once"] * 3 + ["more_than_once", "prefer_not"]),
        "force": pick([["none"], ["none"], ["handcuffs"], ["restraint", "handcuffs"], ["taser"], ["prefer_not"]]),
    }
    for question in version.questions:
        if question.key in answers or question.kind == TEXT or not question.shown(answers):
            continue
        if question.key == "confidence_after":
            answers[question.key] = str(min(5, int(str(answers.get("confidence_before", "3"))) + pick([0, 1, 1, 2])))
        elif question.kind != MULTI and rng.random() > 0.08:  # some skip a question
            answers[question.key] = pick([value for value, _label in question.options])
    age = pick([13, 14, 14, 15, 15, 16, 16, 17, 18])
    token = new_token()
    sub = Submission(session.id, version.version, age_band(age), answers, token, pick(["online"] * 5 + ["paper"]))
    db.session.execute(
        sa.insert(SubmissionToken).values(token_hash=token_hash(token), issued_on=session.starts_at.date(), used=True)
    )
    store(sub, version, session.starts_at.date())
