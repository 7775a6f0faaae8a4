"""Scrutiny reports: counts aggregated in the database, then passed through disclosure control.

Every query groups in SQL; Python only reshapes the grouped rows (a few
hundred at most, whatever the number of responses) into count tables, and
every table goes through `disclosure.protect` before anything else sees it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa

from roadshow import questionnaire
from roadshow.constants import DISTRICT_NAMES
from roadshow.extensions import db
from roadshow.models import RoadshowSession
from roadshow.models.scheduling import SessionStatus
from roadshow.services.reports import comments as report_comments
from roadshow.services.reports.disclosure import (
    MIN_BASE,
    CountTable,
    Margins,
    ProtectedTable,
    RatioSpec,
    protect,
)
from roadshow.services.reports.periods import trend_quarters
from roadshow.services.reports.queries import (
    DIMENSIONS,
    ReportFilter,
    answer_counts,
    breakdown_counts,
    data_span,
    held_count,
    multi_bases,
    totals_and_trend,
)
from roadshow.timeutil import to_london, today_london

# Version 1 asked "name or number, and station" as one question (gave_identity); version 2 asks each
# GOWISELY item alone. Questions that mean the same keep one key, so both versions count in one row.
GOWISELY = (
    "told_grounds",
    "told_object",
    "told_power",
    "told_detained",
    "showed_warrant_card",
    "gave_identity",
    "gave_name",
    "gave_station",
    "told_record",
)
CONFIDENCE = ("confidence_before", "confidence_after")
STOPPED_YES = ("once", "more_than_once")
STOPPED_ANY = "stopped"
# Breakdowns print "once" and "more than once" together; the question's own table splits them (as a group).
STOPPED_COLUMNS = (("never", "Never"), (STOPPED_ANY, "Once or more"), ("prefer_not", "Rather not say"))
ETHNIC_GROUPS = ("asian", "black", "mixed", "white", "other")
NOT_ANSWERED = ("", "Not answered")
AGE_LABELS = (("13-15", "13 to 15"), ("16-17", "16 to 17"), ("18", "18"))
DIMENSION_TITLES = {"age_band": "Age", "gender": "Gender", "ethnicity": "Ethnic group", "district": "Where they live"}


@dataclass(frozen=True)
class ReportTable:
    """A protected table with how to draw it: 'stacked' (scales), 'bars' or 'none'."""

    table: ProtectedTable
    chart: str
    question: str = ""


@dataclass(frozen=True)
class Report:
    filter: ReportFilter
    scope: str
    totals: ProtectedTable
    trend: ProtectedTable | None
    questions: list[ReportTable]
    breakdowns: list[ReportTable]
    disproportionality: ProtectedTable | None
    comments: list[report_comments.CommentGroup]
    comments_truncated: bool
    too_few: bool = False  # fewer than MIN_BASE answered here: no breakdowns at all
    comments_withheld: bool = False  # a small session's own view: its comments are shown only by district
    held: int = 0  # responses in scope held for review: not counted, and the page says how many, not why

    def tables(self) -> list[ProtectedTable]:
        """Every table once, in page order: what the CSV export writes."""
        seen: dict[str, ProtectedTable] = {}
        everything = [
            self.totals,
            *([self.trend] if self.trend else []),
            *(t.table for t in self.questions),
            *(t.table for t in self.breakdowns),
            *([self.disproportionality] if self.disproportionality else []),
        ]
        for table in everything:
            seen.setdefault(table.key, table)
        return list(seen.values())


# Shaping grouped rows into count tables ---------------------------------------------------------


def _newest_question(key: str) -> questionnaire.Question | None:
    for version in sorted(questionnaire.QUESTIONNAIRES, reverse=True):
        found = [q for q in questionnaire.get(version).questions if q.key == key]
        if found:
            return found[0]
    return None


def _option_columns(key: str, seen: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The newest version's options, then any value only older versions had (with its own label)."""
    question = _newest_question(key)
    options = list(question.options) if question else []
    known = {value for value, _ in options}
    options += [(value, label) for value, label in sorted(seen.items()) if value not in known]
    return tuple(options)


def _question_tables(
    answers: list[tuple[str, int, str, int, int]], bases: dict[str, tuple[int, int]]
) -> list[ReportTable]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    sums: dict[tuple[str, str], int] = defaultdict(int)
    seen: dict[str, dict[str, str]] = defaultdict(dict)
    for key, version, value, n, key_sum in answers:
        counts[(key, value)] += n
        sums[(key, value)] += key_sum
        own = questionnaire.QUESTIONNAIRES.get(version)
        label = own.question(key).option_label(value) if own and key in {q.key for q in own.questions} else value
        seen[key][value] = label
    current = questionnaire.current()
    keys = [q.key for q in current.questions if q.kind != questionnaire.TEXT and not q.about_you]
    keys += sorted(k for k in seen if k not in keys and k not in DIMENSIONS and k != "age")
    out: list[ReportTable] = []
    grouped = {"gowisely": GOWISELY, "confidence": CONFIDENCE}
    for name, members in grouped.items():
        out.append(_grouped_table(name, members, counts, sums, seen))
    for key in keys:
        if any(key in members for members in grouped.values()):
            continue
        question = _newest_question(key)
        text = question.text if question else key
        kind = question.kind if question else questionnaire.SINGLE
        columns = _option_columns(key, seen[key])
        if kind == questionnaire.MULTI:
            rows = tuple((value, label) for value, label in columns)
            table = CountTable(
                f"question:{key}",
                text,
                (key,),
                rows,
                (("ticked", "Respondents who ticked it"),),
                {(value, "ticked"): counts[(key, value)] for value, _ in columns},
                {(value, "ticked"): sums[(key, value)] for value, _ in columns},
                Margins.NONE,
                denominators=dict.fromkeys((v for v, _ in columns), bases.get(key, (0, 0))),
            )
            out.append(ReportTable(protect(table), "bars", text))
            continue
        table = CountTable(
            f"question:{key}",
            text,
            (key,),
            ((key, "Respondents"),),
            columns,
            {(key, value): counts[(key, value)] for value, _ in columns},
            {(key, value): sums[(key, value)] for value, _ in columns},
        )
        out.append(ReportTable(protect(table), "stacked" if kind == questionnaire.SCALE else "bars", text))
    return out


def _grouped_table(name: str, members: tuple[str, ...], counts: dict, sums: dict, seen: dict) -> ReportTable:
    """Several questions with the same options, one row each (GOWISELY items; confidence before and after)."""
    merged: dict[str, str] = {}
    for key in members:
        merged.update(seen.get(key, {}))
    columns = _option_columns(members[0], merged)
    rows = tuple((key, q.text if (q := _newest_question(key)) else key) for key in members)
    titles = {
        "gowisely": "Among those stopped: did the officer explain the search (GOWISELY)?",
        "confidence": "Confidence that police use stop and search fairly, before and after the session",
    }
    table = CountTable(
        name,
        titles[name],
        ("question", "answer"),
        rows,
        columns,
        {(key, value): counts[(key, value)] for key in members for value, _ in columns},
        {(key, value): sums[(key, value)] for key in members for value, _ in columns},
    )
    return ReportTable(protect(table), "stacked" if name == "confidence" else "bars")


def _dimension_rows(dimension: str, present: set[str | None]) -> tuple[tuple[str, str], ...]:
    if dimension == "age_band":
        rows = list(AGE_LABELS)
    else:
        question = _newest_question(dimension)
        rows = list(question.options) if question else []
    known = {k for k, _ in rows}
    rows += [(value, DISTRICT_NAMES.get(value, value)) for value in sorted(v for v in present if v and v not in known)]
    return (*rows, NOT_ANSWERED)


def _breakdown_tables(grouped: list[tuple[str, str, str, int, int]]) -> dict[str, CountTable]:
    tables = {}
    for dimension in DIMENSIONS:
        counts: dict[tuple[str, str], int] = defaultdict(int)
        sums: dict[tuple[str, str], int] = defaultdict(int)
        present: set[str | None] = set()
        for dim, category, answer, n, key_sum in grouped:
            if dim == dimension:
                counts[(category, STOPPED_ANY if answer in STOPPED_YES else answer)] += n
                sums[(category, STOPPED_ANY if answer in STOPPED_YES else answer)] += key_sum
                present.add(category)
        title = f"{DIMENSION_TITLES[dimension]}: respondents and whether they have been stopped and searched"
        ratio = RatioSpec("white", (STOPPED_ANY,), ETHNIC_GROUPS) if dimension == "ethnicity" else None
        tables[dimension] = CountTable(
            f"breakdown:{dimension}",
            title,
            (dimension, "stopped"),
            _dimension_rows(dimension, present),
            STOPPED_COLUMNS,
            dict(counts),
            dict(sums),
            Margins.BOTH,
            ratio=ratio,
        )
    return tables


# The report ---------------------------------------------------------------------------------------


def scope_label(f: ReportFilter) -> str:
    if f.session_id is not None:
        session = db.session.get(RoadshowSession, f.session_id)
        return f"Session: {session.title}" if session else "One session"
    if f.district:
        return f"Sessions in {DISTRICT_NAMES.get(f.district, f.district)}"
    return "All districts"


def build(f: ReportFilter) -> Report:
    """Every figure of one report, already protected; only headline counts where fewer than 20 answered."""
    first, last = data_span()
    quarters = [q for q in trend_quarters(f.period, first, last) if q.start is None or q.start <= today_london()]
    counted = totals_and_trend(f, quarters)
    totals = protect(counted)
    answered = sum(n for (row, _), n in counted.counts.items() if row == "responses")
    published = next(r.total.value for r in totals.rows if r.key == "responses" and r.total is not None)
    too_few = answered < MIN_BASE or (published or 0) < MIN_BASE
    questions: list[ReportTable] = []
    breakdowns: list[ReportTable] = []
    by_dimension: dict[str, ProtectedTable] = {}
    if not too_few:
        multi = [q.key for q in questionnaire.current().questions if q.kind == questionnaire.MULTI]
        questions = _question_tables(answer_counts(f), multi_bases(f, multi))
        by_dimension = {d: protect(t) for d, t in _breakdown_tables(breakdown_counts(f)).items()}
        breakdowns = [ReportTable(by_dimension[d], "stacked") for d in DIMENSIONS]
    withheld = too_few and f.session_id is not None
    comments, truncated = ([], False) if withheld else report_comments.approved_comments(f)
    return Report(
        filter=f,
        scope=scope_label(f),
        totals=totals,
        trend=totals if len(quarters) > 1 else None,
        questions=questions,
        breakdowns=breakdowns,
        disproportionality=by_dimension.get("ethnicity"),
        comments=comments,
        comments_truncated=truncated,
        too_few=too_few,
        comments_withheld=withheld,
        held=held_count(f),
    )


def session_choices(limit: int = 200) -> list[tuple[str, str]]:
    """Delivered sessions, newest first, for the report filter."""
    query = (
        sa.select(RoadshowSession.id, RoadshowSession.title, RoadshowSession.starts_at)
        .where(RoadshowSession.status == SessionStatus.DELIVERED)
        .order_by(RoadshowSession.starts_at.desc())
        .limit(limit)
    )
    return [
        (str(i), f"{title} ({to_london(starts).date():%d %b %Y})") for i, title, starts in db.session.execute(query)
    ]
