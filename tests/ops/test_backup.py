"""`flask backup` then `flask restore` into an empty database gives back every row."""

from __future__ import annotations

import stat
from datetime import date, timedelta

import sqlalchemy as sa
from flask_migrate import upgrade

from roadshow.extensions import db
from roadshow.models import Comment, FeedbackAnswer, FeedbackResponse, RoadshowSession
from roadshow.ops.backup import row_counts
from roadshow.services import audit
from roadshow.services.accounts import users as user_service
from roadshow.timeutil import utcnow
from tests.support.app import make_app


def _close() -> None:
    """Give back the session's connection, then close the pool (no connection left to the GC)."""
    db.session.remove()
    db.engine.dispose()


def _fill() -> None:
    """A few rows in the tables that matter most: staff, audit, sessions, feedback."""
    staff = [
        user_service.create(f"staff{n}@example.org", f"Staff {n}", "coordinator", "a-long-password-42")
        for n in range(3)
    ]
    db.session.flush()
    now = utcnow()
    for n in range(4):
        session = RoadshowSession(
            title=f"Session {n}",
            starts_at=now - timedelta(days=n + 1),
            ends_at=now - timedelta(days=n + 1) + timedelta(hours=2),
            venue="Community centre",
            district="fenland",
            feedback_code=f"CODE{n:04d}",
            feedback_opens_at=now - timedelta(days=n + 1),
            feedback_closes_at=now + timedelta(days=6),
            ics_uid=f"session-{n}@roadshow.test",
            status="delivered",
        )
        session.facilitators.append(staff[n % 3])
        db.session.add(session)
        db.session.flush()
        audit.record("session.created", session, actor_label="cli")
        for k in range(5):
            response = FeedbackResponse(
                session_id=session.id, questionnaire_version=1, submitted_on=date(2026, 11, 1), age_band="13-15"
            )
            response.answers = [FeedbackAnswer(question_key="useful", value=str(1 + k % 5))]
            db.session.add(response)
        db.session.add(
            Comment(
                session_id=session.id,
                questionnaire_version=1,
                question_key="differently",
                text="More talks",
                submitted_on=date(2026, 11, 1),
            )
        )
    db.session.commit()


def test_backup_and_restore_into_an_empty_database_keeps_every_row(scratch_database, tmp_path):
    source_url, target_url = scratch_database(), scratch_database()
    source = make_app(source_url)
    with source.app_context():
        upgrade()
        _fill()
        before = row_counts(source_url)
        result = source.test_cli_runner().invoke(args=["backup", "--output", str(tmp_path / "roadshow.backup")])
        assert result.exit_code == 0, result.output
        _close()
    backup_file = tmp_path / "roadshow.backup"
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600, "a backup holds personal data: owner only"
    assert before["users"] == 3 and before["feedback_answers"] == 20 and before["audit_entries"] >= 4

    target = make_app(target_url)
    with target.app_context():
        result = target.test_cli_runner().invoke(args=["restore", str(backup_file)])
        assert result.exit_code == 0, result.output
        assert row_counts(target_url) == before
        # The restored database is usable: reads work and new rows get fresh ids.
        _close()
        assert user_service.by_email("staff1@example.org").name == "Staff 1"
        user_service.create("new@example.org", "New Person", "panel", "a-long-password-42")
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) == 20
        _close()


def test_restore_refuses_a_database_that_already_has_tables(scratch_database, tmp_path):
    url = scratch_database()
    app = make_app(url)
    with app.app_context():
        upgrade()
        _fill()
        runner = app.test_cli_runner()
        assert runner.invoke(args=["backup", "--output", str(tmp_path / "b")]).exit_code == 0
        result = runner.invoke(args=["restore", str(tmp_path / "b")])
        assert result.exit_code != 0
        assert "empty database" in result.output
        assert row_counts(url)["users"] == 3
        _close()


def test_backup_never_overwrites_an_existing_file(app, tmp_path):
    existing = tmp_path / "keep.backup"
    existing.write_bytes(b"an older backup")
    result = app.test_cli_runner().invoke(args=["backup", "--output", str(existing)])
    assert result.exit_code != 0
    assert "already exists" in result.output
    assert existing.read_bytes() == b"an older backup"


def test_restore_rejects_a_file_that_is_not_a_backup(scratch_database, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database")
    app = make_app(scratch_database())
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["restore", str(junk)])
        assert result.exit_code != 0
        assert "not a" in result.output
        assert sa.inspect(db.engine).get_table_names() == []
        _close()


def test_backup_by_default_writes_a_time_stamped_file_in_backup_dir(app, tmp_path):
    app.config["BACKUP_DIR"] = str(tmp_path / "backups")
    result = app.test_cli_runner().invoke(args=["backup"])
    assert result.exit_code == 0, result.output
    files = list((tmp_path / "backups").iterdir())
    assert len(files) == 1 and files[0].name.startswith("roadshow-")
