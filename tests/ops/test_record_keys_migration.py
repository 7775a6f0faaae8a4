"""Migration 0009 gives existing responses random record keys in place: no answer is lost on the way."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from roadshow.extensions import db
from tests.support.app import make_app


@pytest.mark.slow
def test_existing_responses_get_random_keys_and_keep_their_answers(scratch_database):
    app = make_app(scratch_database())
    with app.app_context():
        upgrade(revision="0013")
        meta = sa.MetaData()
        meta.reflect(db.engine, only=["sessions", "feedback_responses", "feedback_answers"])
        sessions, responses, answers = (meta.tables[t] for t in ("sessions", "feedback_responses", "feedback_answers"))
        required = {c.name: _filler(c) for c in sessions.columns if not c.nullable and c.name != "id"}
        with db.engine.begin() as conn:
            conn.execute(sa.insert(sessions).values(id=1, **required))
            for n in range(40):
                rid = f"00000000-0000-4000-8000-{n:012d}"
                conn.execute(
                    sa.insert(responses).values(
                        id=rid, session_id=1, questionnaire_version=1, submitted_on=date(2026, 5, 12),
                        channel="online", age_band="13-15",
                    )
                )  # fmt: skip
                conn.execute(sa.insert(answers).values(id=rid, response_id=rid, question_key="useful", value="5"))
        upgrade()
        with db.engine.connect() as conn:
            keys = list(conn.scalars(sa.text("SELECT record_key FROM feedback_responses")))
            kept = conn.scalar(sa.text("SELECT count(*) FROM feedback_answers"))
        assert kept == 40
        assert len(keys) == 40 and all(0 <= k < 256 for k in keys) and len(set(keys)) > 10  # random, not all 0
        downgrade(revision="0013")
        with db.engine.connect() as conn:
            assert conn.scalar(sa.text("SELECT count(*) FROM feedback_answers")) == 40
        db.session.remove()
        db.engine.dispose()


def _filler(column: sa.Column) -> object:
    from datetime import UTC, datetime

    kind = column.type.python_type if not isinstance(column.type, sa.types.NullType) else str
    return {int: 1, bool: False, date: date(2026, 5, 12), datetime: datetime(2026, 5, 12, 12, tzinfo=UTC)}.get(
        kind, "x"
    )
