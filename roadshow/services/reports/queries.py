"""The report's counting queries: which responses a filter selects, and the grouped counts the tables come from."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import FeedbackAnswer, FeedbackResponse, RoadshowSession
from roadshow.models.reports import RollupAnswer, RollupPerson
from roadshow.models.scheduling import SessionStatus
from roadshow.services.reports.disclosure import (
    KEY_MODULUS,
    CountTable,
)
from roadshow.services.reports.periods import Period
from roadshow.timeutil import london_to_utc, to_london

DIMENSIONS = ("age_band", "gender", "ethnicity", "district")


@dataclass(frozen=True)
class ReportFilter:
    """Which responses a report counts: one fixed period, and optionally one district or one session."""

    period: Period
    district: str | None = None
    session_id: int | None = None


def in_period(
    column: sa.ColumnElement, period: Period, edge: Callable[[date], object] = lambda day: day
) -> list[sa.ColumnElement[bool]]:
    """The half-open test start <= column < end; an open end adds no test. edge turns a day into the column's type."""
    where: list[sa.ColumnElement[bool]] = []
    if period.start is not None:
        where.append(column >= edge(period.start))
    if period.end is not None:
        where.append(column < edge(period.end))
    return where


def _london_midnight(day: date) -> datetime:
    return london_to_utc(day, time(0))


def _response_where(f: ReportFilter, held: bool = False) -> list[sa.ColumnElement[bool]]:
    where = [FeedbackResponse.held.is_(held), *in_period(FeedbackResponse.submitted_on, f.period)]
    if f.session_id is not None:
        where.append(FeedbackResponse.session_id == f.session_id)
    elif f.district:
        ids = sa.select(RoadshowSession.id).where(RoadshowSession.district == f.district)
        where.append(FeedbackResponse.session_id.in_(ids))
    return where


def _session_where(f: ReportFilter) -> list[sa.ColumnElement[bool]]:
    where = [RoadshowSession.status == SessionStatus.DELIVERED]
    where += in_period(RoadshowSession.starts_at, f.period, _london_midnight)
    if f.session_id is not None:
        where.append(RoadshowSession.id == f.session_id)
    elif f.district:
        where.append(RoadshowSession.district == f.district)
    return where


def _bucket(column: sa.ColumnElement, quarters: list[Period], as_utc: bool) -> sa.ColumnElement[int]:
    """Which trend quarter a date (or a UTC time) falls in, as a CASE expression."""

    edge = _london_midnight if as_utc else (lambda day: day)
    whens = [(column < edge(q.end), i) for i, q in enumerate(quarters) if q.end is not None]
    return sa.case(*whens, else_=len(quarters))


def data_span() -> tuple[date | None, date | None]:
    """The first and last dates with a response or a delivered session."""
    # Two scalar subqueries, not min() and max() in one SELECT: SQLite answers a lone min() or max()
    # from the index in a few steps, but scans every row for both together (0.26 s at 1M responses).
    responses = sa.select(
        sa.select(sa.func.min(FeedbackResponse.submitted_on)).scalar_subquery(),
        sa.select(sa.func.max(FeedbackResponse.submitted_on)).scalar_subquery(),
    )
    sessions = sa.select(sa.func.min(RoadshowSession.starts_at), sa.func.max(RoadshowSession.starts_at)).where(
        RoadshowSession.status == SessionStatus.DELIVERED
    )
    dates = [d for d in db.session.execute(responses).one() if d is not None]
    dates += [to_london(d).date() for d in db.session.execute(sessions).one() if d is not None]
    return (min(dates), max(dates)) if dates else (None, None)


def totals_and_trend(f: ReportFilter, quarters: list[Period]) -> CountTable:
    """Sessions delivered, young people reached and responses, per quarter; the row totals are the headline."""
    columns = tuple((q.code, q.label) for q in quarters) or (("period", f.period.label),)
    counts: dict[tuple[str, str], int] = {}
    keys: dict[tuple[str, str], int] = {}
    code = [c for c, _ in columns]
    if quarters:
        bucket = _bucket(RoadshowSession.starts_at, quarters, as_utc=True)
        sessions = sa.select(bucket, sa.func.count(), sa.func.coalesce(sa.func.sum(RoadshowSession.attendance), 0))
        for i, n, reached in db.session.execute(sessions.where(*_session_where(f)).group_by(bucket)):
            if i < len(code):
                counts[("sessions", code[i])] = n
                counts[("reached", code[i])] = int(reached)
        if f.session_id is None:
            m = RollupPerson
            bucket = _bucket(m.month, quarters, as_utc=False)
            where = [m.dimension == "age_band", *_rollup_where(m, f)]
            responses = sa.select(bucket, sa.func.sum(m.n), sa.func.sum(m.key_sum)).where(*where).group_by(bucket)
        else:
            r = FeedbackResponse
            bucket = _bucket(r.submitted_on, quarters, as_utc=False)
            responses = sa.select(bucket, sa.func.count(), sa.func.sum(r.record_key)).where(*_response_where(f))
            responses = responses.group_by(bucket)
        for i, n, key in db.session.execute(responses):
            if i < len(code):
                counts[("responses", code[i])] = int(n)
                keys[("responses", code[i])] = int(key or 0) % KEY_MODULUS
    rows = (("sessions", "Sessions delivered"), ("reached", "Young people reached"), ("responses", "Responses"))
    title = "Sessions, young people reached and responses"
    exact = frozenset({"sessions", "reached"})  # not about anyone's answers
    return CountTable(
        "totals", title, ("measure", "quarter"), rows, columns, counts, keys, percentages=False, exact_rows=exact
    )


def _rollup_where(model: type[RollupAnswer] | type[RollupPerson], f: ReportFilter) -> list[sa.ColumnElement[bool]]:
    where = in_period(model.month, f.period)
    if f.district:
        where.append(model.district == f.district)
    return where


def _rollup_sums(
    model: type[RollupAnswer] | type[RollupPerson], f: ReportFilter, cols: tuple, *where: sa.ColumnElement[bool]
) -> list[tuple]:
    """(*cols, count, key sum) from the rollup, grouped by cols, for the rows the filter and where select."""
    query = sa.select(*cols, sa.func.sum(model.n), sa.func.sum(model.key_sum))
    query = query.where(*where, *_rollup_where(model, f)).group_by(*cols)
    return [(*group, int(n), int(key)) for *group, n, key in db.session.execute(query)]


def answer_counts(f: ReportFilter) -> list[tuple[str, int, str, int, int]]:
    """(question, version, value, count, key sum) for every answer in scope: one GROUP BY."""
    if f.session_id is None:
        m = RollupAnswer
        return _rollup_sums(m, f, (m.question_key, m.questionnaire_version, m.value), m.value != "*")
    a, r = FeedbackAnswer, FeedbackResponse
    query = (
        sa.select(a.question_key, r.questionnaire_version, a.value, sa.func.count(), sa.func.sum(r.record_key))
        .join(r, r.id == a.response_id)
        .where(*_response_where(f))
        .group_by(a.question_key, r.questionnaire_version, a.value)
    )
    return [tuple(row) for row in db.session.execute(query)]  # type: ignore[misc]


def multi_bases(f: ReportFilter, keys: list[str]) -> dict[str, tuple[int, int]]:
    """How many respondents answered each multi-choice question, and their key sum (the percentages' base)."""
    if f.session_id is None:
        m = RollupAnswer
        sums = _rollup_sums(m, f, (m.question_key,), m.value == "*", m.question_key.in_(keys))
        return {key: (n, k) for key, n, k in sums}
    a, r = FeedbackAnswer, FeedbackResponse
    answered = sa.select(a.response_id, a.question_key).where(a.question_key.in_(keys)).distinct().subquery()
    query = (
        sa.select(answered.c.question_key, sa.func.count(), sa.func.sum(r.record_key))
        .join(r, r.id == answered.c.response_id)
        .where(*_response_where(f))
        .group_by(answered.c.question_key)
    )
    return {key: (int(n), int(k)) for key, n, k in db.session.execute(query)}


def breakdown_counts(f: ReportFilter) -> list[tuple[str, str, str, int, int]]:
    """(dimension, category, stop-and-search answer, respondents, key sum) for those who answered that question."""
    if f.session_id is None:
        m = RollupPerson
        return _rollup_sums(m, f, (m.dimension, m.category, m.stopped), m.stopped != "")
    a, r = FeedbackAnswer, FeedbackResponse
    dims = [getattr(r, d) for d in DIMENSIONS]
    query = (
        sa.select(*dims, a.value, sa.func.count(), sa.func.sum(r.record_key))
        .join(a, sa.and_(a.response_id == r.id, a.question_key == "stopped"))
        .where(*_response_where(f))
        .group_by(*dims, a.value)
    )
    folded: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for *categories, answer, n, key in db.session.execute(query):
        for dimension, category in zip(DIMENSIONS, categories, strict=True):
            folded[(dimension, category or "", answer)][0] += n
            folded[(dimension, category or "", answer)][1] += int(key)
    return [(d, c, st, n, k) for (d, c, st), (n, k) in folded.items()]


def held_count(f: ReportFilter) -> int:
    """How many responses the filter would count but for being held: the report says how many, never why."""
    return db.session.scalar(sa.select(sa.func.count(FeedbackResponse.id)).where(*_response_where(f, True))) or 0
