"""Roadshow: the OPCC Youth Scrutiny Roadshow and Commissioner's newsletter."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from config import ROOT, ProductionConfig, config_for

BLUEPRINTS = (
    "main",
    "auth",
    "staff",
    "news",
    "bookings",
    "scheduling",
    "feedback",
    "reports",
    "volunteers",
    "yousaid",
)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the application: config, extensions, blueprints, errors, commands."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    config_class = config_for()
    app.config.from_object(config_class)
    if test_config:
        app.config.update(test_config)
    if config_class is ProductionConfig:
        ProductionConfig.check(app.config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    register_logging(app)
    register_proxy_fix(app)
    register_extensions(app)
    register_i18n(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_security(app)
    register_templates(app)
    register_commands(app)
    return app


def register_logging(app: Flask) -> None:
    """JSON lines (production) or text, and a request line; never addresses or personal data."""
    from roadshow.ops.logs import configure

    configure(app)


def register_proxy_fix(app: Flask) -> None:
    """Behind PROXY_FIX reverse proxies, take the client's scheme, host and address from X-Forwarded-*.

    With the default 0 the headers are ignored, so nobody can spoof them by sending their own.
    """
    hops = int(app.config.get("PROXY_FIX") or 0)
    if hops < 0:
        raise RuntimeError("PROXY_FIX is the number of proxies in front of the app: 0 or more.")
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)  # type: ignore[method-assign]


def register_extensions(app: Flask) -> None:
    """Bind the extension objects to this app."""
    from roadshow import models  # noqa: F401  (registers every table on the metadata)
    from roadshow.extensions import cache, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    cache.init_app(app)
    login_manager.init_app(app)
    from roadshow import transaction

    transaction.init_app(app)  # after db: its teardown runs before the session is removed
    from roadshow.auth.session import SessionInterface, configure_login

    configure_login(login_manager)
    app.session_interface = SessionInterface()


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL, a busy timeout and foreign keys for every SQLite connection."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def register_i18n(app: Flask) -> None:
    """Flask-Babel: the young people's journey in the language its address names."""
    from roadshow.i18n import register

    register(app)


def register_blueprints(app: Flask) -> None:
    """Every feature package exposes `bp`."""
    from importlib import import_module

    for name in BLUEPRINTS:
        module = import_module(f"roadshow.{name}")
        app.register_blueprint(module.bp)


def register_errorhandlers(app: Flask) -> None:
    """Friendly error pages with no stack traces."""
    from roadshow.main.errors import register

    register(app)


def register_security(app: Flask) -> None:
    """Security headers and the default-deny access rule."""
    from roadshow.security import register

    register(app)


def register_templates(app: Flask) -> None:
    """Jinja filters and globals shared by every page."""
    from roadshow.templating import register

    register(app)


def register_commands(app: Flask) -> None:
    """`flask` commands."""
    from roadshow.cli import register

    register(app)
