"""Synthetic feedback in bulk for benchmarks (`flask bench-seed --responses N`).

Rows go in with Core `insert()` executemany batches on SQLite and with COPY on PostgreSQL (several
times quicker there for the million-response benchmark): no ORM object per row. The answers follow the
questionnaire (its keys and its show-if rules) with believable, uneven distributions: most young
people have never been stopped, confidence rises a little after a session, most live in the
session's own district. A fixed random seed makes two runs alike.
"""

from __future__ import annotations

import random
import secrets
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

import sqlalchemy as sa

from roadshow import questionnaire
from roadshow.constants import DISTRICTS
from roadshow.extensions import db
from roadshow.models import Comment, FeedbackAnswer, FeedbackResponse, RoadshowSession
from roadshow.ops.bench_answers import (
    AGE_BAND,
    DISTRICT_WEIGHTS,
    ETHNICITY,
    GENDER,
    HOME_CHOICE,
    answers_for,
    check_questionnaire,
)
from roadshow.timeutil import utcnow

BATCH = 5_000  # responses per transaction
MIN_SESSIONS = 60
COMMENT_SHARE = 0.04
COMMENTS = (
    "Explain why they are stopping you before anything else.",
    "Be calmer and listen to what we say.",
    "Come into schools more so we know our rights.",
    "Treat everyone the same whatever they look like.",
    "Wear the camera and switch it on.",
    "More sessions like this one.",
)


@dataclass(frozen=True)
class SessionRow:
    id: int
    district: str
    day: date
    weight: int


def ensure_sessions(minimum: int, rng: random.Random) -> list[SessionRow]:
    """Delivered sessions to hang responses on; creates enough of them, spread over 18 months."""
    table = RoadshowSession.__table__
    existing = db.session.execute(
        sa.select(table.c.id, table.c.district, table.c.starts_at, table.c.attendance).where(
            table.c.status == "delivered"
        )
    ).all()
    now = utcnow()
    if len(existing) < minimum:
        rows = []
        for n in range(minimum - len(existing)):
            starts = now - timedelta(days=rng.randint(8, 540), hours=rng.randint(0, 6))
            code = secrets.token_hex(4).upper()[:8]
            rows.append(
                {
                    "status": "delivered",
                    "title": f"Benchmark session {n + 1}",
                    "starts_at": starts,
                    "ends_at": starts + timedelta(hours=2),
                    "venue": "Youth centre",
                    "postcode": "",
                    "district": DISTRICT_WEIGHTS.draw(rng),
                    "capacity": 30,
                    "attendance": rng.randint(8, 30),
                    "feedback_code": code,
                    "feedback_opens_at": starts,
                    "feedback_closes_at": starts + timedelta(days=7),
                    "ics_uid": f"bench-{secrets.token_hex(8)}@roadshow.invalid",
                    "ics_sequence": 0,
                    "cancel_reason": "",
                    "created_at": now,
                    "updated_at": now,
                }
            )
        db.session.execute(sa.insert(table), rows)
        existing = db.session.execute(
            sa.select(table.c.id, table.c.district, table.c.starts_at, table.c.attendance).where(
                table.c.status == "delivered"
            )
        ).all()
    return [SessionRow(r.id, r.district, r.starts_at.date(), r.attendance or 15) for r in existing]


def ensure_open_session() -> str:
    """A delivered session whose feedback window is open now; returns its code."""
    table = RoadshowSession.__table__
    now = utcnow()
    code = db.session.scalar(
        sa.select(table.c.feedback_code)
        .where(
            table.c.status.in_(("scheduled", "delivered")),
            table.c.feedback_opens_at <= now,
            table.c.feedback_closes_at > now,
        )
        .limit(1)
    )
    if code:
        return code
    code = "BENCH" + secrets.token_hex(2).upper()[:3]
    starts = now - timedelta(hours=3)
    db.session.execute(
        sa.insert(table),
        [
            {
                "status": "delivered",
                "title": "Benchmark session (feedback open)",
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=2),
                "venue": "Youth centre",
                "postcode": "",
                "district": "fenland",
                "capacity": 30,
                "attendance": 24,
                "feedback_code": code,
                "feedback_opens_at": starts,
                "feedback_closes_at": now + timedelta(days=6),
                "ics_uid": f"bench-open-{secrets.token_hex(8)}@roadshow.invalid",
                "ics_sequence": 0,
                "cancel_reason": "",
                "created_at": now,
                "updated_at": now,
            }
        ],
    )
    return code


def _insert(table: sa.Table, rows: list[dict]) -> None:
    """Many rows at once: COPY on PostgreSQL, an executemany INSERT elsewhere."""
    if not rows:
        return
    if db.engine.dialect.name != "postgresql":
        db.session.execute(sa.insert(table), rows)
        return
    columns = list(rows[0])
    names = ", ".join(table.c[name].name for name in columns)  # checked against the table's own columns
    raw = db.session.connection().connection.dbapi_connection
    assert raw is not None  # noqa: S101 (a connection checked out for this transaction)
    with raw.cursor() as cursor, cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[name] for name in columns])


def _batches(total: int, size: int) -> Iterator[int]:
    while total > 0:
        yield min(size, total)
        total -= size


def seed(responses: int, *, seed_value: int = 2026, progress=None) -> int:
    """Insert `responses` synthetic responses with their answers; commits per batch. Returns the count."""
    check_questionnaire()
    rng = random.Random(seed_value)  # noqa: S311  # nosec B311
    sessions = ensure_sessions(MIN_SESSIONS, rng)
    db.session.commit()
    other_districts = [d for d, _ in DISTRICTS]
    cum = list(accumulate(s.weight for s in sessions))
    responses_t = FeedbackResponse.__table__
    answers_t = FeedbackAnswer.__table__
    comments_t = Comment.__table__
    version = questionnaire.CURRENT_VERSION
    db.session.commit()
    done = 0
    for size in _batches(responses, BATCH):
        response_rows, answer_rows, comment_rows = [], [], []
        for session in rng.choices(sessions, cum_weights=cum, k=size):
            response_id = uuid.UUID(int=rng.getrandbits(128), version=4)  # random, as the app's are
            home = HOME_CHOICE.draw(rng)
            if home == "session":
                district = session.district
            elif home == "other":
                district = rng.choice(other_districts)
            else:
                district = home
            submitted = session.day + timedelta(days=rng.choices((0, 1, 2, 6), (70, 18, 8, 4))[0])
            response_rows.append(
                {
                    "id": response_id,
                    "session_id": session.id,
                    "questionnaire_version": version,
                    "submitted_on": submitted,
                    "channel": "paper" if rng.random() < 0.08 else "online",
                    "age_band": AGE_BAND.draw(rng),
                    "gender": GENDER.draw(rng),
                    "ethnicity": ETHNICITY.draw(rng),
                    "district": district,
                    "record_key": rng.randrange(256),  # COPY skips column defaults
                }
            )
            answer_rows.extend(
                {
                    "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                    "response_id": response_id,
                    "question_key": k,
                    "value": v,
                }
                for k, v in answers_for(rng)
            )
            if rng.random() < COMMENT_SHARE:
                comment_rows.append(
                    {
                        "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                        "session_id": session.id,
                        "questionnaire_version": version,
                        "question_key": "differently",
                        "text": rng.choice(COMMENTS),
                        "submitted_on": submitted,
                        "channel": "online",
                        "status": rng.choices(("approved", "pending", "rejected"), (70, 20, 10))[0],
                        "flagged": False,
                    }
                )
        _insert(responses_t, response_rows)
        _insert(answers_t, answer_rows)
        _insert(comments_t, comment_rows)
        db.session.commit()
        done += size
        if progress:
            progress(done)
    return done
