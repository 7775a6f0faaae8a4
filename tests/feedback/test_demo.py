"""`flask seed-demo` fills delivered sessions with believable feedback, and nothing else."""

from __future__ import annotations

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import Comment, FeedbackResponse
from roadshow.services.feedback import demo as feedback_demo
from tests.feedback.factories import make_session


def _count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def test_no_sessions_means_no_feedback(app):
    feedback_demo.seed_demo()
    assert _count(FeedbackResponse) == 0 and _count(Comment) == 0


def test_each_delivered_session_gets_responses_and_a_few_comments(app):
    delivered = make_session(status="delivered", attendance=20)
    make_session(status="scheduled")
    feedback_demo.seed_demo()
    db.session.commit()
    assert _count(FeedbackResponse) == _count(FeedbackResponse, FeedbackResponse.session_id == delivered.id) >= 12
    assert _count(Comment, Comment.session_id == delivered.id) == 3
    bands = set(db.session.scalars(sa.select(FeedbackResponse.age_band)))
    assert bands <= {"13-15", "16-17", "18"} and len(bands) > 1
