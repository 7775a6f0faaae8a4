"""Building test apps and keeping the test database clean."""

from __future__ import annotations

import contextvars
import os
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from roadshow import create_app
from roadshow.extensions import db


class IsolatedClient(FlaskClient):
    """Each request gets its own app context (own `g`, own database session), as in production.

    Flask would otherwise reuse the app context a test has pushed, sharing the
    signed-in user and the session's identity map between requests.
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:
        response = contextvars.Context().run(super().open, *args, **kwargs)
        from flask import has_app_context

        if has_app_context() and db.session.registry.has():
            db.session.expire_all()  # the test's own session sees what the request committed
        return response


class SharedTemplateBytecode(BytecodeCache):
    """Compiled templates kept in memory for every app this test process builds.

    Each test gets a new app and so a new Jinja environment, which would compile every template
    it renders again (about half a second for all of them). Jinja checks each template's source
    against the checksum stored with its bytecode, so an edited template is compiled afresh.
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (data := self._store.get(bucket.key)) is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_BYTECODE = SharedTemplateBytecode()


def make_app(database_url: str, **overrides: Any) -> Flask:
    config = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME": None,
        **overrides,
    }
    app = create_app(config)
    app.test_client_class = IsolatedClient
    app.jinja_env.bytecode_cache = TEMPLATE_BYTECODE
    CREATED.append(app)
    return app


# Apps built during a test: their connection pools are closed when the test ends.
CREATED: list[Flask] = []


def dispose_created() -> None:
    while CREATED:
        app = CREATED.pop()
        with app.app_context():
            db.session.remove()
            for engine in db.engines.values():
                engine.dispose()


def upgrade_database(database_url: str) -> None:
    """Drop everything, then build the schema the only way production does: migrations."""
    app = make_app(database_url)
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE"))
                conn.execute(sa.text("CREATE SCHEMA public"))
        upgrade()
        engine.dispose()


# The sequences that number the rows of the given tables (serial and identity columns).
OWNED_SEQUENCES = sa.text(
    "SELECT seq.relname FROM pg_class seq"
    " JOIN pg_depend dep ON dep.objid = seq.oid AND dep.classid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i')"
    " JOIN pg_class tab ON tab.oid = dep.refobjid"
    " WHERE seq.relkind = 'S' AND tab.relname = ANY(:tables) AND pg_table_is_visible(tab.oid)"
)


def reset_database(app: Flask) -> None:
    """Empty every table (keeping the schema), number rows from 1 again, and release connections.

    Children before parents, so foreign keys hold. On PostgreSQL this is what
    `TRUNCATE ... RESTART IDENTITY` does, but DELETE on the few rows a test leaves takes a
    few milliseconds where TRUNCATE, which makes new files for every table and index, takes
    about a tenth of a second: after every one of some 700 tests.
    """
    db.session.remove()
    engine = db.engine
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    deletes = [f"DELETE FROM {name}" for name in tables]  # noqa: S608 (table names from metadata)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            sequences = conn.execute(OWNED_SEQUENCES, {"tables": tables}).scalars()
            restarts = [f'ALTER SEQUENCE "{name}" RESTART' for name in sequences]
            conn.exec_driver_sql("; ".join(deletes + restarts))  # one round trip
        else:
            for statement in deletes:
                conn.exec_driver_sql(statement)
    engine.dispose()


# Databases of their own on the suite's PostgreSQL server ---------------------------------------


def postgres_server(url: str | None) -> sa.engine.URL | None:
    """The parsed URL when `url` points at PostgreSQL, else None."""
    if not url:
        return None
    parsed = sa.engine.make_url(url)
    return parsed if parsed.get_backend_name() == "postgresql" else None


def _on_server(server: sa.engine.URL, statements: Iterable[str]) -> None:
    """Run statements outside any transaction (CREATE/DROP DATABASE need that)."""
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            for statement in statements:
                conn.execute(sa.text(statement))
    finally:
        admin.dispose()


def create_database(server: sa.engine.URL, name: str) -> str:
    """A new, empty database `name` on the same server (an older one of that name is dropped); its URL."""
    _on_server(server, [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'])
    return server.set(database=name).render_as_string(hide_password=False)


def drop_databases(server: sa.engine.URL, names: Iterable[str]) -> None:
    _on_server(server, [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in names])


def xdist_worker() -> str | None:
    """The pytest-xdist worker running this process ("gw0", "gw1", ...), or None without `-n`."""
    return os.environ.get("PYTEST_XDIST_WORKER")
