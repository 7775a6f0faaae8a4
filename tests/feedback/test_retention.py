"""`flask purge` drops old free text and used submission ids; escalated comments stay."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

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
