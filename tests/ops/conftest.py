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

from tests.support.app import create_database, drop_databases, postgres_server


@pytest.fixture
def scratch_database(tmp_path: Path) -> Iterator[Callable[[], str]]:
    """A factory: each call returns the URL of a new, empty database of the suite's kind."""
    server = postgres_server(os.environ.get("DATABASE_URL"))
    created: list[str] = []

    def _make() -> str:
        name = f"roadshow_scratch_{secrets.token_hex(4)}"
        if server is None:
            return f"sqlite:///{tmp_path / (name + '.sqlite3')}"
        created.append(name)
        return create_database(server, name)

    yield _make

    if server is not None and created:
        drop_databases(server, created)
