"""The test harness every feature uses.

- A database migrated once per run (SQLite in a temp folder, or PostgreSQL when
  DATABASE_URL is set), emptied after every test.
- `app` (CSRF off, rate limits off), `client`, users by role and `login`.
- `smtp`: a real SMTP server (aiosmtpd) on loopback that the app sends to.
- `live_server` + pytest-playwright's `page`: Debian's Chromium against the real app.
- `assert_accessible(page)`: axe-core, WCAG 2.2 AA, zero violations.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

os.environ["ROADSHOW_ENV"] = "testing"
os.environ.pop("MAIL_SERVER", None)

import pytest
import sqlalchemy as sa

from tests.support.app import (
    create_database,
    dispose_created,
    drop_databases,
    make_app,
    postgres_server,
    reset_database,
    upgrade_database,
    xdist_worker,
)

IN_CI = os.environ.get("CI") == "true"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytest_plugins = ["tests.support.fixtures"]


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One migrated database for the whole run, and one per worker under pytest-xdist (`-n`).

    SQLite: a file in the run's temp folder (pytest gives each worker its own folder).
    PostgreSQL (DATABASE_URL): that database without `-n`; under `-n`, each worker creates
    `<database>_<worker>` (e.g. roadshow_test_gw0) on the same server and drops it at the end.
    """
    url = os.environ.get("DATABASE_URL")
    server, worker = postgres_server(url), xdist_worker()
    own = f"{server.database}_{worker}" if server is not None and worker else None
    if not url:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    elif worker and server is None:
        pytest.fail("Under -n, DATABASE_URL must name PostgreSQL (unset it for SQLite): workers would share one file.")
    elif own:
        url = create_database(server, own)
    try:
        upgrade_database(url)
        yield url
    finally:
        if own:
            dispose_created()
            drop_databases(server, [own])


@pytest.fixture
def app(database_url: str):
    """A fresh app per test, inside an app context; the database is emptied afterwards."""
    application = make_app(database_url, MAIL_OUTBOX_DIR="")
    with application.app_context():
        yield application
        reset_database(application)


@pytest.fixture(autouse=True)
def _close_connection_pools():
    """No test leaves database connections open (they would warn, and warnings are errors)."""
    yield
    dispose_created()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium, never a downloaded browser. Missing in CI is a failure, not a skip."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium package.")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def pytest_report_header(config: pytest.Config) -> str:
    url = os.environ.get("DATABASE_URL", "")
    kind = sa.engine.make_url(url).get_backend_name() if url else "sqlite (temp file)"
    return f"roadshow database: {kind} (one per worker under -n)"


@pytest.fixture(scope="session", autouse=True)
def _suite_clock() -> Iterator[None]:
    """ROADSHOW_TEST_NOW="2027-01-03 12:00" runs the whole suite as if on that day, the clock ticking.

    Tests must pass whatever the date: run the suite at a month end, on a Sunday and across the
    clock changes to prove it.
    """
    when = os.environ.get("ROADSHOW_TEST_NOW")
    if not when:
        yield
        return
    from freezegun import freeze_time

    with freeze_time(when, tick=True):
        yield
