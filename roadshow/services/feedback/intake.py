"""Young people's feedback: finding a session by its code, the age gate, and saving answers.

Privacy is the point of this module. A response keeps the answers, the questionnaire
version, the session and the date (never the time). Free text goes to `Comment`, apart
from the response. The one-time submission id that stops double submits is stored only
as a hash, in a table with no link to either.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as dt_time

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import lazyload

from roadshow import questionnaire, ratelimit
from roadshow.constants import AGE_BANDS, YOUTH_AGES_TEXT, YOUTH_MAX_AGE, YOUTH_MIN_AGE
from roadshow.extensions import db
from roadshow.models import (
    AuditEntry,
    Comment,
    FeedbackAnswer,
    FeedbackResponse,
    RoadshowSession,
    SubmissionToken,
    User,
)
from roadshow.models.feedback import CommentStatus
from roadshow.questionnaire import MULTI, TEXT, Answers, Questionnaire
from roadshow.services import audit
from roadshow.services.feedback.moderation import mentions_harm
from roadshow.services.reports import rollup as report_rollup
from roadshow.timeutil import london_to_utc, today_london, utcnow

CHANNELS = ("online", "paper")

_CODE_JUNK = re.compile(r"[\s\-]+")


class AgeGate:
    """Where the age question sends someone."""

    TOO_YOUNG = "too_young"
    ALLOWED = "allowed"
    TOO_OLD = "too_old"


@dataclass(frozen=True)
class Submission:
    """One completed questionnaire, as plain values."""

    session_id: int
    version: int
    age_band: str  # the band only: the exact age is never kept, not even in the form's state
    answers: Answers
    token: str
    channel: str = "online"


def normalise_code(raw: str) -> str:
    """Codes are typed in any case, with or without spaces or dashes."""
    return _CODE_JUNK.sub("", raw or "").upper()


def find_session(code: str) -> RoadshowSession | None:
    """The session with this feedback code, or None."""
    normalised = normalise_code(code)
    if not normalised or len(normalised) > 8:
        return None
    query = (
        sa.select(RoadshowSession)
        .where(RoadshowSession.feedback_code == normalised)
        .options(lazyload(RoadshowSession.facilitators))  # the form never needs them: one query, not three
    )
    return db.session.scalar(query)


@dataclass(frozen=True)
class SessionRef:
    """What the public form needs of a session: a small read-only copy, cheap to keep per worker."""

    id: int
    feedback_code: str
    status: str
    feedback_opens_at: datetime
    feedback_closes_at: datetime

    def feedback_open(self, now: datetime) -> bool:
        return RoadshowSession.feedback_open(self, now)  # type: ignore[arg-type]  (the same rule)


def lookup_session(code: str) -> SessionRef | None:
    """The session with this feedback code for the public form, read afresh on every request.

    Nothing about a session is kept between requests, so closing feedback early, reopening it or
    cancelling the session takes effect on the very next request in every worker and instance.
    """
    normalised = normalise_code(code)
    if not normalised or len(normalised) > 8:
        return None
    s = RoadshowSession
    row = db.session.execute(
        sa.select(s.id, s.feedback_code, s.status, s.feedback_opens_at, s.feedback_closes_at).where(
            s.feedback_code == normalised
        )
    ).first()
    return SessionRef(*row) if row is not None else None


def is_open(session: RoadshowSession | SessionRef, now: datetime | None = None) -> bool:
    """Whether young people may answer for this session right now."""
    return session.feedback_open(now or utcnow())


def age_gate(age: int) -> str:
    if age < YOUTH_MIN_AGE:
        return AgeGate.TOO_YOUNG
    if age > YOUTH_MAX_AGE:
        return AgeGate.TOO_OLD
    return AgeGate.ALLOWED


def new_token() -> str:
    """A fresh one-time submission id for a form, stamped with when the form was first shown.

    The stamp travels only in the page's own protected state; the database keeps the id's hash, never the time.
    """
    return f"{int(utcnow().timestamp())}.{secrets.token_urlsafe(24)}"


def seconds_taken(token: str) -> float | None:
    """How long ago the form carrying this submission id was first shown; None if it has no stamp."""
    stamp, _dot, _rest = token.partition(".")
    return utcnow().timestamp() - int(stamp) if stamp.isdigit() else None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def applicable(version: Questionnaire, answers: Answers) -> Answers:
    """Only valid answers to questions that exist and apply (a changed earlier answer drops the rest)."""
    valid = version.clean(answers)
    return {q.key: valid[q.key] for q in version.questions if q.key in valid and q.shown(valid)}


# The statements of a submission, built once: plain Core inserts with their values as parameters,
# so no ORM object is made and SQLAlchemy's compiled-statement cache hits on every submission.
_INSERT_TOKEN = {
    "postgresql": postgresql.insert(SubmissionToken.__table__)
    .on_conflict_do_nothing(index_elements=["token_hash"])
    .returning(SubmissionToken.__table__.c.id),
    "sqlite": sqlite.insert(SubmissionToken.__table__)
    .on_conflict_do_nothing(index_elements=["token_hash"])
    .returning(SubmissionToken.__table__.c.id),
}
_INSERT_RESPONSE = sa.insert(FeedbackResponse.__table__).returning(FeedbackResponse.__table__.c.id)
_INSERT_ANSWERS = sa.insert(FeedbackAnswer.__table__)
_INSERT_COMMENT = sa.insert(Comment.__table__)


def submit(sub: Submission, actor: User | None = None) -> uuid.UUID | None:
    """Save one response and return its id; None when its submission id was used already.

    A double click or a refresh sends the same submission id twice: the unique hash lets
    exactly one through, even when both arrive at once. `actor` is the member of staff
    typing in a paper form; online responses have none.
    """
    if sub.age_band not in AGE_BANDS or sub.channel not in CHANNELS:
        raise ValueError(f"only ages {YOUTH_AGES_TEXT} are stored")
    today = today_london()
    # Already used, or the same id arrived twice at once: nothing is inserted and the other one saves
    # it (no error, so nothing else in the caller's transaction is rolled back).
    insert_token = _INSERT_TOKEN[db.session.get_bind().dialect.name]
    values = {"token_hash": token_hash(sub.token), "issued_on": today, "used": True}
    if db.session.execute(insert_token, values).scalar_one_or_none() is None:
        return None
    held = _to_hold(sub)
    response_id = store(sub, questionnaire.get(sub.version), today, held=held)
    if not held:
        report_rollup.update(sub.session_id, [today])
    if actor is not None:
        _count_paper_entry(sub.session_id, actor, today)
    return response_id


def _to_hold(sub: Submission) -> bool:
    """Whether an online response waits for a coordinator's review instead of being counted.

    Sent sooner than anyone could read the questions, or beyond the session's expected number of
    young people and a margin. Paper forms are typed in by staff and always count.
    """
    if sub.channel != "online":
        return False
    taken = seconds_taken(sub.token)
    if taken is None or taken < current_app.config["FEEDBACK_MIN_SECONDS"]:
        return True
    # Lock the session's row so two responses sent at once cannot both take the last counted place.
    session = db.session.execute(
        sa.select(RoadshowSession.expected_young_people, RoadshowSession.attendance)
        .where(RoadshowSession.id == sub.session_id)
        .with_for_update()
    ).one()
    counted = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(FeedbackResponse)
        .where(FeedbackResponse.session_id == sub.session_id, FeedbackResponse.held.is_(False))
    )
    return (counted or 0) >= counted_places(*session)


def counted_places(expected: int | None, attendance: int | None) -> int:
    """How many responses a session counts before holding the rest: the class, with a margin."""
    config = current_app.config
    return max(expected or config["FEEDBACK_DEFAULT_EXPECTED"], attendance or 0) + config["FEEDBACK_EXPECTED_MARGIN"]


PAPER_ENTRY = "feedback.paper_entry"


def _count_paper_entry(session_id: int, actor: User, today: date) -> None:
    """One audit line per member of staff, session and day, counting the paper forms typed in.

    A line per form would time and order each one (and on PostgreSQL share its transaction);
    the batch's line says who, which session, which day and how many. It names the session,
    never a response, and keeps the time the batch began.
    """
    entry = db.session.scalar(
        sa.select(AuditEntry).where(
            AuditEntry.action == PAPER_ENTRY,
            AuditEntry.actor_id == actor.id,
            AuditEntry.object_type == "RoadshowSession",
            AuditEntry.object_id == str(session_id),
            AuditEntry.at >= london_to_utc(today, dt_time(0, 0)),
        )
    )
    if entry is None:
        entry = audit.record(PAPER_ENTRY, actor=actor, object_type="RoadshowSession", object_id=session_id)
    count = int(entry.detail.split(" ", 1)[0]) + 1 if entry.detail[:1].isdigit() else 1
    entry.detail = f"{count} paper response{'s' if count != 1 else ''} entered for session {session_id}"


def store(sub: Submission, version: Questionnaire, today: date, held: bool = False) -> uuid.UUID:
    """Write one response, its answers and its comments with plain inserts; the caller checks the token."""
    answers = applicable(version, sub.answers)
    about = {q.key: answers.get(q.key) for q in version.questions if q.about_you}
    response = {
        "session_id": sub.session_id,
        "questionnaire_version": version.version,
        "submitted_on": today,
        "channel": sub.channel,
        "age_band": sub.age_band,
        "gender": about.get("gender"),
        "ethnicity": about.get("ethnicity"),
        "district": about.get("district"),
        "held": held,
    }
    response_id: uuid.UUID = db.session.execute(_INSERT_RESPONSE, response).scalar_one()  # a random UUID
    rows = []
    for question in version.questions:
        value = answers.get(question.key)
        if value is None or question.about_you:
            continue
        if question.kind == TEXT:
            _add_comment(sub, version, question.key, str(value), today)
            continue
        for one in value if question.kind == MULTI else [value]:
            rows.append({"response_id": response_id, "question_key": question.key, "value": str(one)})
    if rows:
        db.session.execute(_INSERT_ANSWERS, rows)
    return response_id


def _add_comment(sub: Submission, version: Questionnaire, key: str, text: str, today: date) -> None:
    text = text.strip()[: version.question(key).max_length or None]
    flagged = mentions_harm(text)
    # Past the hourly cap for this code the answers count but the text is not kept, unless it may be a
    # disclosure of harm: the cap bounds a flood of ordinary text, never a child asking for help.
    if not text or (sub.channel == "online" and not flagged and not ratelimit.comment_allowed(sub.session_id)):
        return
    comment = {
        "session_id": sub.session_id,
        "questionnaire_version": version.version,
        "question_key": key,
        "text": text,
        "submitted_on": today,
        "channel": sub.channel,
        "status": CommentStatus.PENDING,
        "flagged": flagged,
    }
    db.session.execute(_INSERT_COMMENT, comment)
