"""Migration 0011 gives existing feedback random ids, and keeps answers and safeguarding records with theirs."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from roadshow.extensions import db
from tests.support.app import make_app

BEFORE = "0015"  # the revision before 0011


def _filler(column: sa.Column) -> object:
    """A value for a required column of the old schema, by its type."""
    kind = column.type.python_type if not isinstance(column.type, sa.types.NullType) else str
    return {int: 1, bool: False, date: date(2026, 5, 12), datetime: datetime(2026, 5, 12, 12, tzinfo=UTC)}.get(
        kind, "x"
    )


def _insert_old_rows() -> None:
    """A session, three responses with ids 1-3 (district r1-r3), their answers, two comments, a safeguarding record."""
    meta = sa.MetaData()
    tables = ["sessions", "feedback_responses", "feedback_answers", "feedback_comments", "safeguarding_actions"]
    meta.reflect(db.engine, only=tables)
    t = meta.tables
    required = {c.name: _filler(c) for c in t["sessions"].columns if not c.nullable and c.name != "id"}
    with db.engine.begin() as conn:
        conn.execute(sa.insert(t["sessions"]).values(id=1, **required))
        for n in (1, 2, 3):
            conn.execute(
                sa.insert(t["feedback_responses"]).values(
                    id=n, session_id=1, questionnaire_version=1, submitted_on=date(2026, 5, 12), channel="online",
                    age_band="13-15", district=f"r{n}",
                )
            )  # fmt: skip
            rows = [{"id": 10 * n + k, "response_id": n, "question_key": "useful", "value": f"r{n}"} for k in (1, 2)]
            conn.execute(sa.insert(t["feedback_answers"]), rows)
        for n in (1, 2):
            conn.execute(
                sa.insert(t["feedback_comments"]).values(
                    id=n, session_id=1, questionnaire_version=1, question_key="differently", text=f"comment {n}",
                    submitted_on=date(2026, 5, 12), channel="online", status="pending", flagged=False,
                )
            )  # fmt: skip
        conn.execute(
            sa.insert(t["safeguarding_actions"]).values(
                comment_id=2, recorded_at=datetime(2026, 5, 13, tzinfo=UTC), action_taken="Phoned the school",
                referred_to="", outcome="", closes_case=False,
            )
        )  # fmt: skip


def _record_of() -> list[str]:
    """The text of the comment each safeguarding record points at."""
    with db.engine.connect() as conn:
        query = "SELECT c.text FROM safeguarding_actions s JOIN feedback_comments c ON c.id = s.comment_id"
        return list(conn.scalars(sa.text(query)))


def _pairs() -> set[tuple[str, str]]:
    """Each answer's value beside the district of the response it points at: they must match."""
    with db.engine.connect() as conn:
        query = "SELECT a.value, r.district FROM feedback_answers a JOIN feedback_responses r ON r.id = a.response_id"
        return {tuple(row) for row in conn.execute(sa.text(query))}


def _ids(table: str) -> list[str]:
    with db.engine.connect() as conn:
        return [str(v) for v in conn.scalars(sa.text(f"SELECT id FROM {table}"))]  # noqa: S608 (fixed names)


@pytest.mark.slow
def test_existing_feedback_gets_random_ids_and_answers_stay_with_their_response(scratch_database):
    app = make_app(scratch_database())
    with app.app_context():
        upgrade(revision=BEFORE)
        _insert_old_rows()
        upgrade()
        assert _pairs() == {("r1", "r1"), ("r2", "r2"), ("r3", "r3")}
        assert _record_of() == ["comment 2"]
        for table, count in (("feedback_responses", 3), ("feedback_answers", 6), ("feedback_comments", 2)):
            ids = _ids(table)
            assert len(ids) == count and all(uuid.UUID(i).version == 4 for i in ids), (table, ids)
        if db.engine.dialect.name == "sqlite":
            with db.engine.connect() as conn:
                assert conn.execute(sa.text("PRAGMA quick_check")).scalar() == "ok"
                with pytest.raises(sa.exc.OperationalError):  # no hidden insertion counter either
                    conn.execute(sa.text("SELECT rowid FROM feedback_responses"))

        downgrade(revision=BEFORE)
        assert _pairs() == {("r1", "r1"), ("r2", "r2"), ("r3", "r3")}
        assert _record_of() == ["comment 2"]
        assert sorted(int(i) for i in _ids("feedback_responses")) == [1, 2, 3]
        with db.engine.begin() as conn:  # the counter works again after a downgrade
            conn.execute(
                sa.text(
                    "INSERT INTO feedback_comments (session_id, questionnaire_version, question_key, text,"
                    " submitted_on, channel, status, flagged) VALUES (1, 1, 'k', 't', '2026-05-12', 'online',"
                    " 'pending', false)"
                )
            )
        assert sorted(int(i) for i in _ids("feedback_comments")) == [1, 2, 3]
        upgrade()
        assert _pairs() == {("r1", "r1"), ("r2", "r2"), ("r3", "r3")}
        assert _record_of() == ["comment 2"]
        db.session.remove()
        db.engine.dispose()
