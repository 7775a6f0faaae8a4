"""`flask purge` drops old free text and used submission ids; escalated comments stay."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from freezegun import freeze_time

from roadshow.extensions import db
from roadshow.models import Comment, SubmissionToken
from roadshow.services import retention
from roadshow.timeutil import today_london
from tests.feedback.factories import make_session


def _comment(session, days_old: int, status: str = "approved") -> Comment:
    comment = Comment(
        session_id=session.id,
        questionnaire_version=1,
        question_key="differently",
        text="words",
        submitted_on=today_london() - timedelta(days=days_old),
        status=status,
    )
    db.session.add(comment)
    return comment


def test_purge_removes_text_past_retention_but_keeps_escalated_and_recent(app):
    session = make_session()
    old, escalated, recent = _comment(session, 800), _comment(session, 800, "escalated"), _comment(session, 30)
    db.session.add_all(
        [
            SubmissionToken(token_hash="a" * 64, issued_on=today_london() - timedelta(days=120), used=True),
            SubmissionToken(token_hash="b" * 64, issued_on=today_london(), used=True),
        ]
    )
    db.session.commit()
    ids = (old.id, escalated.id, recent.id)
    counts = retention.purge_all()
    db.session.commit()
    assert counts["feedback comments past retention removed"] == 1
    assert counts["used feedback submission ids removed"] == 1
    assert set(db.session.scalars(sa.select(Comment.id))) == set(ids[1:])
    assert list(db.session.scalars(sa.select(SubmissionToken.token_hash))) == ["b" * 64]


def test_comments_go_on_the_day_retention_ends_even_at_a_month_end(app):
    """On 31 May with one month's retention, a comment from 29 April is past it (the cutoff is
    30 April, not the 28th): text must not outstay what the privacy notice promises."""
    app.config["FEEDBACK_TEXT_RETENTION_MONTHS"] = 1
    with freeze_time("2026-05-31 12:00:00"):
        session = make_session()
        past, kept = _comment(session, 32), _comment(session, 31)  # 29 April and 30 April
        db.session.commit()
        kept_id = kept.id
        assert past.submitted_on.isoformat() == "2026-04-29"
        retention.purge_all()
        db.session.commit()
        assert list(db.session.scalars(sa.select(Comment.id))) == [kept_id]
