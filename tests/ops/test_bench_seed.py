"""`flask bench-seed`: bulk synthetic feedback that follows the questionnaire."""

from __future__ import annotations

import sqlalchemy as sa

from roadshow import questionnaire
from roadshow.extensions import db
from roadshow.models import FeedbackAnswer, FeedbackResponse, RoadshowSession
from roadshow.timeutil import utcnow


def test_bench_seed_fills_responses_that_follow_the_questionnaire(app):
    result = app.test_cli_runner().invoke(args=["bench-seed", "--responses", "1200"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) == 1200

    # Enough delivered sessions, across several districts, and one with feedback open now.
    sessions = db.session.scalars(sa.select(RoadshowSession)).all()
    assert len({s.district for s in sessions}) >= 4
    now = utcnow()
    assert any(s.feedback_open(now) for s in sessions), "no session has its feedback window open"

    # Every answer uses a real question key and one of its options; show-if rules are kept.
    current = questionnaire.current()
    rows = db.session.execute(sa.select(FeedbackAnswer.response_id, FeedbackAnswer.question_key, FeedbackAnswer.value))
    by_response: dict[int, dict[str, set[str]]] = {}
    for response_id, key, value in rows:
        question = current.question(key)
        assert value in dict(question.options), (key, value)
        by_response.setdefault(response_id, {}).setdefault(key, set()).add(value)
    assert len(by_response) == 1200
    for answers in by_response.values():
        stopped = answers["stopped"] & set(questionnaire.STOPPED.values)
        assert ("told_grounds" in answers) == bool(stopped)

    # Uneven, believable spreads rather than one value everywhere.
    ages = dict(
        db.session.execute(
            sa.select(FeedbackResponse.age_band, sa.func.count()).group_by(FeedbackResponse.age_band)
        ).all()
    )
    assert set(ages) == {"13-15", "16-17", "18"} and ages["13-15"] > ages["18"]


def test_bench_seed_adds_to_what_is_there(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["bench-seed", "--responses", "300"]).exit_code == 0
    assert runner.invoke(args=["bench-seed", "--responses", "200", "--seed", "7"]).exit_code == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) == 500
    # The app's own random ids sit beside the seeded ones.
    response = FeedbackResponse(
        session_id=db.session.scalar(sa.select(RoadshowSession.id).limit(1)),
        questionnaire_version=1,
        submitted_on=now_date(),
        age_band="16-17",
    )
    db.session.add(response)
    db.session.commit()
    assert response.id.version == 4
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) == 501


def now_date():
    return utcnow().date()
