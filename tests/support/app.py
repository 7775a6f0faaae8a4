"""Building test apps and keeping the test database clean."""

from __future__ import annotations

import contextvars
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade

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


def reset_database(app: Flask) -> None:
    """Empty every table (keeping the schema) and release connections."""
    db.session.remove()
    engine = db.engine
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                conn.execute(sa.text(f"DELETE FROM {name}"))  # noqa: S608 (table names from metadata)
    engine.dispose()
