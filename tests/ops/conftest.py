"""Scratch databases for the operations tests, apart from the suite's shared test database.

On SQLite each is a new file; on PostgreSQL (DATABASE_URL set) each is a new database created on
the same server and dropped afterwards, so migrating up and down never disturbs the other tests.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa


def _server_url() -> sa.engine.URL | None:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return None
    parsed = sa.engine.make_url(url)
    return parsed if parsed.get_backend_name() == "postgresql" else None


@pytest.fixture
def scratch_database(tmp_path: Path) -> Iterator[Callable[[], str]]:
    """A factory: each call returns the URL of a new, empty database of the suite's kind."""
    server = _server_url()
    created: list[str] = []

    def _make() -> str:
        name = f"roadshow_scratch_{secrets.token_hex(4)}"
        if server is None:
            return f"sqlite:///{tmp_path / (name + '.sqlite3')}"
        admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        finally:
            admin.dispose()
        created.append(name)
        return server.set(database=name).render_as_string(hide_password=False)

    yield _make

    if server is not None and created:
        admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                for name in created:
                    conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        finally:
            admin.dispose()
