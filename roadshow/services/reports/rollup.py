"""Keeping the report rollup in step with the responses, a month at a time.

It is kept in step on write: storing a counted response and releasing held ones call `update` for
their session-months, in the same transaction. Reading a report never writes. `refresh` (the
`flask report-rollup` command) checks every session-month, for bulk imports and deploys.

Response ids are random (they must not put submissions in order), so there is no "newest id" to
read from, and no way to tell which responses are new. Instead the rollup keeps its sums per session
and month, and remembers how many responses it counted for each; each refresh counts them again
(one GROUP BY over the session-and-date index) and rebuilds only the session-months whose counts
changed: new responses, a session deleted, late paper forms. A session's month is small, so a
refresh after new answers costs about what the old incremental append did.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

import sqlalchemy as sa

from roadshow import questionnaire
from roadshow.extensions import db
from roadshow.models import FeedbackAnswer, FeedbackResponse, RoadshowSession
from roadshow.models.reports import RollupAnswer, RollupCount, RollupPerson, RollupState
from roadshow.services.reports.disclosure import KEY_MODULUS

DIMENSIONS = ("age_band", "gender", "ethnicity", "district")


def _month(day: date) -> date:
    return day.replace(day=1)


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _locked_state() -> RollupState:
    """The rollup's one state row, locked until the transaction ends: one writer at a time (PostgreSQL)."""
    state = db.session.get(RollupState, 1, with_for_update=True)
    if state is None:
        state = RollupState(id=1, counted=0)
        db.session.add(state)
        db.session.flush()
    return state


def update(session_id: int, days: Iterable[date]) -> None:
    """Rebuild this session's months holding `days` after its counted responses changed (flushes)."""
    state = _locked_state()
    r = FeedbackResponse
    for month in sorted({_month(day) for day in days}):
        in_month = sa.and_(r.session_id == session_id, r.submitted_on >= month, r.submitted_on < _next_month(month))
        counted = db.session.scalar(sa.select(sa.func.count()).where(in_month, r.held.is_(False))) or 0
        _rebuild(month, session_id, counted)
    state.counted = db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(RollupCount.counted), 0)))
    db.session.flush()


def refresh() -> None:
    """Bring the whole rollup up to date with the responses (flushes; the caller commits)."""
    state = _locked_state()
    r = FeedbackResponse
    now: dict[tuple[date, int], int] = defaultdict(int)
    for day, session_id, n in db.session.execute(
        sa.select(r.submitted_on, r.session_id, sa.func.count())
        .where(r.held.is_(False))  # held responses are not counted
        .group_by(r.submitted_on, r.session_id)
    ):
        now[(_month(day), session_id)] += n
    known = {(c.month, c.session_id): c.counted for c in db.session.scalars(sa.select(RollupCount))}
    for key in sorted(k for k in known.keys() | now.keys() if now.get(k) != known.get(k)):
        _rebuild(*key, now.get(key, 0))
    state.counted = sum(now.values())
    db.session.flush()


def _rebuild(month: date, session_id: int, counted: int) -> None:
    """Aggregate one session's responses of one month afresh, replacing what the rollup held for them."""
    for model in (RollupAnswer, RollupPerson, RollupCount):
        db.session.execute(sa.delete(model).where(model.month == month, model.session_id == session_id))
    r = FeedbackResponse
    in_month = sa.and_(r.session_id == session_id, r.submitted_on >= month, r.submitted_on < _next_month(month))
    _append(session_id, sa.and_(in_month, r.held.is_(False)))  # held responses are not counted
    if counted:
        db.session.execute(sa.insert(RollupCount), [{"month": month, "session_id": session_id, "counted": counted}])


def _append(session_id: int, in_range: sa.ColumnElement[bool]) -> int:
    """Aggregate the responses in range into the rollup; returns how many there were."""
    r, a, s = FeedbackResponse, FeedbackAnswer, RoadshowSession
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
    # Only this session-month's answers: over the whole table, every rebuild would read every answer.
    answered = (
        sa.select(a.response_id, a.question_key)
        .join(r, r.id == a.response_id)
        .where(in_range, a.question_key.in_(multi))
        .distinct()
        .subquery()
    )
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
            {"month": m, "district": d, "session_id": session_id, "questionnaire_version": v, "question_key": k}
            | {"value": val, "n": n, "key_sum": keys % KEY_MODULUS}
            for (m, d, v, k, val), (n, keys) in sums.items()
        ]
        db.session.execute(sa.insert(RollupAnswer), rows)
    return _append_people(session_id, in_range)


def _append_people(session_id: int, in_range: sa.ColumnElement[bool]) -> int:
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
                {"month": m, "district": d, "session_id": session_id, "dimension": dim, "category": c, "stopped": st}
                | {"n": n, "key_sum": k % KEY_MODULUS}
                for (m, d, dim, c, st), (n, k) in sums.items()
            ],
        )
    return total
