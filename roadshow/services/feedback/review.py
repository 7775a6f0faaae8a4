"""Held feedback: how many responses a session received, counted and held, and a coordinator's review.

A response is held when it came faster than anyone could read the questions or beyond the
session's expected number of young people (see `feedback.intake._to_hold`). Held responses count in
no report until a coordinator releases them; discarding deletes them. The audit log records the
session and how many, never which response.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from roadshow import questionnaire
from roadshow.extensions import db
from roadshow.models import FeedbackResponse, RoadshowSession, User
from roadshow.services import DomainError, audit
from roadshow.services.reports import rollup as report_rollup

MAX_EXPECTED = 1000


@dataclass(frozen=True)
class Counts:
    """A session's responses: no content, no times."""

    received: int
    counted: int
    held: int


def counts(session_id: int) -> Counts:
    """Responses received, counted and held for one session, read afresh (a facilitator may be watching)."""
    r = FeedbackResponse
    held = sa.func.coalesce(sa.func.sum(sa.case((r.held.is_(True), 1), else_=0)), 0)
    received, held_n = db.session.execute(sa.select(sa.func.count(r.id), held).where(r.session_id == session_id)).one()
    return Counts(received=received, counted=received - int(held_n), held=int(held_n))


def counts_text(counts: Counts) -> str:
    """The counts in one line, as the session page shows them."""
    return f"{counts.received} received, {counts.counted} counted, {counts.held} held for review"


def held_responses(session_id: int) -> list[FeedbackResponse]:
    """The session's held responses, in an order that says nothing about when each came."""
    query = sa.select(FeedbackResponse).where(
        FeedbackResponse.session_id == session_id, FeedbackResponse.held.is_(True)
    )
    responses = list(db.session.scalars(query))
    return sorted(responses, key=lambda r: (r.age_band, r.gender or "", r.ethnicity or "", r.district or "", str(r.id)))


def _chosen(session: RoadshowSession, ids: Sequence[str]) -> sa.ColumnElement[bool]:
    as_id = FeedbackResponse.id.type.python_type  # the ids arrive as text from the form
    try:
        wanted = [FeedbackResponse.id.in_([as_id(i) for i in ids])] if ids else []
    except ValueError as exc:
        raise DomainError("Choose responses from the list.") from exc
    return sa.and_(FeedbackResponse.session_id == session.id, FeedbackResponse.held.is_(True), *wanted)


def release(session: RoadshowSession, ids: Sequence[str], actor: User) -> int:
    """Count these held responses (all held ones if `ids` is empty) from now on; returns how many."""
    days = set(db.session.scalars(sa.select(FeedbackResponse.submitted_on).where(_chosen(session, ids)).distinct()))
    result = db.session.execute(sa.update(FeedbackResponse).where(_chosen(session, ids)).values(held=False))
    released = result.rowcount or 0  # type: ignore[attr-defined]
    if released:  # now counted: the report rollup takes them in with this change
        report_rollup.update(session.id, days)
        audit.record("feedback.held_released", session, actor=actor, detail=f"{released} responses")
    return released


def discard(session: RoadshowSession, ids: Sequence[str], actor: User) -> int:
    """Delete these held responses (all held ones if `ids` is empty); returns how many."""
    result = db.session.execute(sa.delete(FeedbackResponse).where(_chosen(session, ids)))
    discarded = result.rowcount or 0  # type: ignore[attr-defined]
    if discarded:
        audit.record("feedback.held_discarded", session, actor=actor, detail=f"{discarded} responses")
    return discarded


def set_expected(session: RoadshowSession, expected: int, actor: User) -> None:
    """Change how many young people the session expects to hear from (what counts before responses are held)."""
    if not 1 <= expected <= MAX_EXPECTED:
        raise DomainError(f"Enter a number of young people between 1 and {MAX_EXPECTED}.")
    session.expected_young_people = expected
    db.session.flush()
    audit.record("session.expected_changed", session, actor=actor, detail=f"{expected} young people")


@dataclass(frozen=True)
class LabelledAnswer:
    """One question and its answers, in the words of the version that was answered."""

    question: str
    answers: tuple[str, ...]


def labelled(response: FeedbackResponse) -> list[LabelledAnswer]:
    """A response's answers in its own questionnaire version's words, in question order."""
    version = questionnaire.get(response.questionnaire_version)
    given: dict[str, list[str]] = {}
    for row in response.answers:
        given.setdefault(row.question_key, []).append(row.value)
    about: Mapping[str, str | None] = {
        "gender": response.gender,
        "ethnicity": response.ethnicity,
        "district": response.district,
    }
    rows = []
    for question in version.questions:
        values = [v for v in [about.get(question.key)] if v] if question.about_you else given.get(question.key, [])
        if values:
            rows.append(LabelledAnswer(question.text, tuple(question.option_label(v) for v in values)))
    return rows
