"""Small factories: delivered sessions, responses with answers, comments, inserted directly."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from roadshow.extensions import db
from roadshow.models import Comment, FeedbackAnswer, FeedbackResponse, RoadshowSession
from roadshow.services.reports import rollup as report_rollup

_numbers = itertools.count(1)


def make_session(
    *, district: str = "fenland", starts: datetime | None = None, attendance: int = 20, status: str = "delivered"
) -> RoadshowSession:
    n = next(_numbers)
    starts = starts or datetime(2026, 5, 12, 13, 0, tzinfo=UTC)
    session = RoadshowSession(
        title=f"Youth club {n}",
        status=status,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        venue=f"Hall {n}",
        district=district,
        attendance=attendance,
        feedback_code=f"C{n:06d}",
        feedback_opens_at=starts,
        feedback_closes_at=starts + timedelta(days=7),
        ics_uid=f"session-{n}@test",
    )
    db.session.add(session)
    db.session.flush()
    return session


def make_response(
    session: RoadshowSession,
    *,
    on: date = date(2026, 5, 12),
    age_band: str = "13-15",
    gender: str | None = "girl",
    ethnicity: str | None = "white",
    district: str | None = "fenland",
    answers: dict[str, str | list[str]] | None = None,
    version: int = 1,
    record_key: int | None = None,
) -> FeedbackResponse:
    keyed = {} if record_key is None else {"record_key": record_key}  # otherwise the column draws one at random
    response = FeedbackResponse(
        **keyed,
        session_id=session.id,
        questionnaire_version=version,
        submitted_on=on,
        channel="online",
        age_band=age_band,
        gender=gender,
        ethnicity=ethnicity,
        district=district,
    )
    for key, value in (answers or {"stopped": "never"}).items():
        for one in [value] if isinstance(value, str) else value:
            response.answers.append(FeedbackAnswer(question_key=key, value=one))
    db.session.add(response)
    db.session.flush()
    report_rollup.update(session.id, [on])  # as feedback.submit does for a counted response
    return response


def make_responses(session: RoadshowSession, count: int, **kwargs) -> None:
    for _ in range(count):
        make_response(session, **kwargs)


def make_comment(
    session: RoadshowSession,
    text: str,
    *,
    status: str = "approved",
    theme: str | None = None,
    on: date = date(2026, 5, 12),
) -> Comment:
    comment = Comment(
        session_id=session.id,
        questionnaire_version=1,
        question_key="differently",
        text=text,
        submitted_on=on,
        status=status,
        theme=theme,
    )
    db.session.add(comment)
    db.session.flush()
    return comment
