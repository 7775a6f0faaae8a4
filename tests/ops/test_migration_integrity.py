"""The feedback-integrity migration: copies of an answer already stored become one, and the rollup is rebuilt."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask_migrate import upgrade

from roadshow.extensions import db
from tests.support.app import make_app

REVISION = "0010"


def _table(conn: sa.Connection, name: str) -> sa.Table:
    return sa.Table(name, sa.MetaData(), autoload_with=conn)


def _id(conn: sa.Connection, n: int) -> object:
    """Random-looking UUID ids as each database stores them (native on PostgreSQL, 32 hex digits on SQLite)."""
    value = uuid.UUID(int=n)
    return value if conn.dialect.name == "postgresql" else value.hex


def _old_rows(conn: sa.Connection) -> None:
    """A session, one response with `force=taser` stored 50 times (and once `handcuffs`), and its rollup."""
    now = datetime(2026, 5, 12, 9, 0)
    conn.execute(
        sa.insert(_table(conn, "sessions")),
        {
            "id": 1, "status": "delivered", "title": "Youth club", "starts_at": now, "ends_at": now,
            "venue": "Hall", "postcode": "CB1 1AA", "district": "cambridge", "capacity": 25,
            "feedback_code": "OLD234", "feedback_opens_at": now, "feedback_closes_at": now, "ics_uid": "old@test",
            "ics_sequence": 0, "cancel_reason": "", "created_at": now, "updated_at": now,
        },
    )  # fmt: skip
    conn.execute(
        sa.insert(_table(conn, "feedback_responses")),
        {"id": _id(conn, 1), "session_id": 1, "questionnaire_version": 1, "submitted_on": date(2026, 5, 12),
         "channel": "online", "age_band": "13-15"},
    )  # fmt: skip
    answers = [{"id": _id(conn, 100 + n), "response_id": _id(conn, 1), "question_key": "force", "value": "taser"}
               for n in range(50)]  # fmt: skip
    answers.append({"id": _id(conn, 99), "response_id": _id(conn, 1), "question_key": "force", "value": "handcuffs"})
    conn.execute(sa.insert(_table(conn, "feedback_answers")), answers)
    conn.execute(sa.insert(_table(conn, "report_rollup_state")), {"id": 1, "counted": 1})
    conn.execute(
        sa.insert(_table(conn, "report_rollup_counts")), {"month": date(2026, 5, 1), "session_id": 1, "counted": 1}
    )
    conn.execute(
        sa.insert(_table(conn, "report_rollup_answers")),
        {"month": date(2026, 5, 1), "district": "cambridge", "session_id": 1, "questionnaire_version": 1,
         "question_key": "force", "value": "taser", "n": 50},
    )  # fmt: skip


def test_copies_of_an_answer_become_one_and_the_rollup_is_emptied_for_a_rebuild(scratch_database):
    app = make_app(scratch_database())
    with app.app_context():
        script = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
        upgrade(revision=script.get_revision(REVISION).down_revision)
        with db.engine.begin() as conn:
            _old_rows(conn)
        upgrade(revision=REVISION)
        with db.engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT value, COUNT(*) FROM feedback_answers GROUP BY value")).all()
            assert dict(rows) == {"taser": 1, "handcuffs": 1}
            assert conn.execute(sa.text("SELECT COUNT(*) FROM report_rollup_answers")).scalar() == 0
            assert conn.execute(sa.text("SELECT COUNT(*) FROM report_rollup_state")).scalar() == 0
            assert conn.execute(sa.text("SELECT COUNT(*) FROM report_rollup_counts")).scalar() == 0
            assert conn.execute(sa.text("SELECT held FROM feedback_responses")).scalar() in (False, 0)
            assert conn.execute(sa.text("SELECT expected_young_people FROM sessions")).scalar() == 25
        db.session.remove()
        db.engine.dispose()
