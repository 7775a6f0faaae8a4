"""Keeping the report rollup in step with the responses, incrementally.

Responses are only ever added (or deleted with their session), so the rollup
reads the responses with ids above its watermark, aggregates them with GROUP BY
and appends the sums. If the responses at or below the watermark no longer
number what was counted (a session deleted, a late commit with a lower id),
the rollup is rebuilt from scratch. That count is checked whenever new
responses arrive and at least every RECHECK otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import sqlalchemy as sa

from roadshow import questionnaire
from roadshow.extensions import db
from roadshow.models import FeedbackAnswer, FeedbackResponse, RoadshowSession
from roadshow.models.reports import RollupAnswer, RollupPerson, RollupState
from roadshow.services.disclosure import KEY_MODULUS
from roadshow.timeutil import utcnow

DIMENSIONS = ("age_band", "gender", "ethnicity", "district")
BATCH = 200_000  # responses per catch-up step, so memory stays flat on a first build
RECHECK = timedelta(minutes=5)  # deleted responses (a session removed) show within this long


def _month(day: date) -> date:
    return day.replace(day=1)


def refresh() -> None:
    """Bring the rollup up to date with the responses (flushes; the caller commits)."""
    state = db.session.get(RollupState, 1, with_for_update=True)  # one worker at a time (PostgreSQL)
    if state is None:
        state = RollupState(id=1, last_response_id=0, counted=0)
        db.session.add(state)
        db.session.flush()
    newest = db.session.scalar(sa.select(sa.func.max(FeedbackResponse.id))) or 0
    now = utcnow()
    # Counting every response is the costly part: do it when new ones arrive, or every few minutes.
    if newest != state.last_response_id or state.checked_at is None or now - state.checked_at > RECHECK:
        below = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(FeedbackResponse)
            .where(FeedbackResponse.id <= state.last_response_id)
        )
        if below != state.counted:
            db.session.execute(sa.delete(RollupAnswer))
            db.session.execute(sa.delete(RollupPerson))
            state.last_response_id, state.counted = 0, 0
        state.checked_at = now
    while state.last_response_id < newest:
        upto = min(newest, state.last_response_id + BATCH)
        added = _append(state.last_response_id, upto)
        state.last_response_id, state.counted = upto, state.counted + added
    db.session.flush()


def _append(after: int, upto: int) -> int:
    """Aggregate responses with after < id <= upto into the rollup; returns how many there were."""
    r, a, s = FeedbackResponse, FeedbackAnswer, RoadshowSession
    in_range = sa.and_(r.id > after, r.id <= upto)
    answers = (
        sa.select(
            r.submitted_on,
            s.district,
            r.questionnaire_version,
            a.question_key,
            a.value,
            sa.func.count(),
            sa.func.sum(r.record_key),
        )
        .join(r, r.id == a.response_id)
        .join(s, s.id == r.session_id)
        .where(in_range)
        .group_by(r.submitted_on, s.district, r.questionnaire_version, a.question_key, a.value)
    )
    multi = [q.key for v in questionnaire.QUESTIONNAIRES.values() for q in v.questions if q.kind == questionnaire.MULTI]
    # Each respondent once per multi-choice question they answered (the base of its percentages).
    answered = sa.select(a.response_id, a.question_key).where(a.question_key.in_(multi)).distinct().subquery()
    bases = (
        sa.select(
            r.submitted_on,
            s.district,
            r.questionnaire_version,
            answered.c.question_key,
            sa.literal("*"),
            sa.func.count(),
            sa.func.sum(r.record_key),
        )
        .join(r, r.id == answered.c.response_id)
        .join(s, s.id == r.session_id)
        .where(in_range)
        .group_by(r.submitted_on, s.district, r.questionnaire_version, answered.c.question_key)
    )
    sums: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for day, district, version, key, value, n, keys in [*db.session.execute(answers), *db.session.execute(bases)]:
        sums[(_month(day), district, version, key, value)][0] += n
        sums[(_month(day), district, version, key, value)][1] += int(keys)
    if sums:
        rows = [
            {
                "month": m,
                "district": d,
                "questionnaire_version": v,
                "question_key": k,
                "value": val,
                "n": n,
                "key_sum": keys % KEY_MODULUS,
            }
            for (m, d, v, k, val), (n, keys) in sums.items()
        ]
        db.session.execute(sa.insert(RollupAnswer), rows)
    return _append_people(in_range)


def _append_people(in_range: sa.ColumnElement[bool]) -> int:
    r, a, s = FeedbackResponse, FeedbackAnswer, RoadshowSession
    dims = [getattr(r, d) for d in DIMENSIONS]
    stopped = sa.orm.aliased(a)
    people = (
        sa.select(r.submitted_on, s.district, *dims, stopped.value, sa.func.count(), sa.func.sum(r.record_key))
        .join(s, s.id == r.session_id)
        .outerjoin(stopped, sa.and_(stopped.response_id == r.id, stopped.question_key == "stopped"))
        .where(in_range)
        .group_by(r.submitted_on, s.district, *dims, stopped.value)
    )
    sums: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    total = 0
    for day, district, *rest in db.session.execute(people):
        *categories, answer, n, keys = rest
        total += n
        for dimension, category in zip(DIMENSIONS, categories, strict=True):
            sums[(_month(day), district, dimension, category or "", answer or "")][0] += n
            sums[(_month(day), district, dimension, category or "", answer or "")][1] += int(keys)
    if sums:
        db.session.execute(
            sa.insert(RollupPerson),
            [
                {
                    "month": m,
                    "district": d,
                    "dimension": dim,
                    "category": c,
                    "stopped": st,
                    "n": n,
                    "key_sum": k % KEY_MODULUS,
                }
                for (m, d, dim, c, st), (n, k) in sums.items()
            ],
        )
    return total
