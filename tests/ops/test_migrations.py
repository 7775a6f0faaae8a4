"""The migrations, checked with Alembic's own API (what pytest-alembic would check).

- the history has exactly one head;
- an empty database upgrades to that head;
- the migrated schema is exactly what the models describe (autogenerate finds nothing to do);
- every revision's downgrade works, step by step, and base leaves no tables behind.

Each test runs on a scratch database of the suite's kind (SQLite file, or a new PostgreSQL database
when DATABASE_URL is set), never on the shared test database. Nothing here names a revision, so new
migrations are covered as they are merged.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from flask_migrate import downgrade, upgrade

from roadshow.extensions import db
from tests.support.app import make_app


def _script(app: Flask) -> ScriptDirectory:
    return ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())


def _tables(app: Flask) -> set[str]:
    return set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}


def _current(app: Flask) -> set[str]:
    with db.engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def _schema_differences(app: Flask) -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "target_metadata": db.metadata})
        return compare_metadata(context, db.metadata)


def _leftover_types(app: Flask) -> list[str]:
    """PostgreSQL only: enum types a downgrade forgot to drop."""
    if db.engine.dialect.name != "postgresql":
        return []
    with db.engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                "WHERE n.nspname = 'public' AND t.typtype = 'e'"
            )
        )
        return [r[0] for r in rows]


def test_history_has_a_single_head(app):
    heads = _script(app).get_heads()
    assert len(heads) == 1, f"migrations have several heads {heads}: merge them or re-chain the new ones"


def test_empty_database_upgrades_to_head_and_matches_the_models(scratch_database):
    app = make_app(scratch_database())
    with app.app_context():
        assert _tables(app) == set()
        upgrade()
        assert _current(app) == set(_script(app).get_heads())
        assert _tables(app) == {t.name for t in db.metadata.sorted_tables}
        differences = _schema_differences(app)
        assert differences == [], f"the models and the migrations disagree: {differences}"
        db.engine.dispose()


def test_every_downgrade_works_and_base_leaves_nothing(scratch_database):
    """Up one revision, down one, up again, for each revision in order; then all the way down."""
    app = make_app(scratch_database())
    with app.app_context():
        script = _script(app)
        revisions = list(reversed(list(script.walk_revisions("base", "heads"))))
        assert revisions, "no migrations found"
        for revision in revisions:
            upgrade(revision=revision.revision)
            before = _tables(app)
            below = revision.down_revision if isinstance(revision.down_revision, str) else "base"
            downgrade(revision=below or "base")
            assert _current(app) == ({below} if below and below != "base" else set()), revision.revision
            upgrade(revision=revision.revision)
            assert _tables(app) == before, f"{revision.revision}: down then up does not give the same tables"
        assert _schema_differences(app) == []

        downgrade(revision="base")
        assert _current(app) == set()
        assert _tables(app) == set(), "downgrading to base left tables behind"
        assert _leftover_types(app) == [], "downgrading to base left enum types behind"
        db.engine.dispose()
