"""Backups of the whole database, and restoring one into an empty database.

SQLite: Python's online backup API copies a consistent snapshot while the app keeps serving
(WAL readers and writers are not blocked). PostgreSQL: `pg_dump` in its custom format, restored
with `pg_restore` in one transaction. A backup holds personal data: files are created readable
by their owner only.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess  # nosec B404
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from config import child_environment

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
TIMEOUT_SECONDS = 3600


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message is fit to show an operator."""


@dataclass(frozen=True)
class Target:
    """Where a database lives, as the tools need it."""

    kind: str  # "sqlite" | "postgresql"
    url: sa.engine.URL

    @property
    def sqlite_path(self) -> Path:
        if not self.url.database or self.url.database == ":memory:":
            raise BackupError("This SQLite database is in memory: there is nothing to back up.")
        return Path(self.url.database)


def target_for(url: str | sa.engine.URL) -> Target:
    parsed = sa.engine.make_url(url)
    kind = parsed.get_backend_name()
    if kind not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {kind}.")
    return Target(kind, parsed)


def default_filename(kind: str, stamp: str) -> str:
    return f"roadshow-{stamp}.{'sqlite3' if kind == 'sqlite' else 'pgdump'}"


# PostgreSQL tools -----------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """The newest installed client tool (it must be at least the server's version)."""
    override = current_app.config["PG_BIN"]
    candidates = [Path(override) / name] if override else []
    candidates += sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]), reverse=True
    )
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return found


def _pg_connection(url: sa.engine.URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and an environment carrying it."""
    plain = url.set(drivername="postgresql", password=None)
    env = child_environment(PGPASSWORD=str(url.password)) if url.password else child_environment()
    return plain.render_as_string(hide_password=False), env


def _run(args: list[str], env: dict[str, str]) -> None:
    # An argument list (no shell) naming the installed pg_dump or pg_restore.
    result = subprocess.run(  # noqa: S603  # nosec B603
        args, env=env, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {result.stderr.strip()[:2000]}")


# Backup ---------------------------------------------------------------------------------------


def _private_file(path: Path) -> None:
    """Create (or truncate) `path` readable and writable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def backup(url: str | sa.engine.URL, output: Path) -> Path:
    """Write a consistent copy of the database to `output`; returns the path."""
    target = target_for(url)
    output = Path(output)
    if output.exists() and output.stat().st_size > 0:
        raise BackupError(f"{output} already exists: choose a new file name.")
    _private_file(output)
    try:
        if target.kind == "sqlite":
            source_path = target.sqlite_path
            if not source_path.is_file():
                raise BackupError(f"There is no database file at {source_path}.")
            source = sqlite3.connect(source_path)
            dest = sqlite3.connect(output)
            try:
                with dest:
                    source.backup(dest)  # one step: a snapshot; WAL writers carry on meanwhile
                # A self-contained file: no WAL beside it.
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
                source.close()
        else:
            conninfo, env = _pg_connection(target.url)
            _run(
                [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl", "--file", str(output), conninfo], env
            )
    except BaseException:
        output.unlink(missing_ok=True)
        raise
    return output


# Restore --------------------------------------------------------------------------------------


def existing_tables(url: str | sa.engine.URL) -> list[str]:
    engine = sa.create_engine(url)
    try:
        return sorted(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _check_kind(source: Path, kind: str) -> None:
    with source.open("rb") as fh:
        head = fh.read(16)
    if kind == "sqlite" and head != SQLITE_MAGIC:
        raise BackupError(f"{source} is not a SQLite backup; this app's database is SQLite.")
    if kind == "postgresql" and not head.startswith(PGDUMP_MAGIC):
        raise BackupError(f"{source} is not a pg_dump custom-format backup; this app's database is PostgreSQL.")


def restore(url: str | sa.engine.URL, source: Path) -> None:
    """Load a backup made by `backup()` into the database at `url`, which must be empty."""
    target = target_for(url)
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"There is no backup file at {source}.")
    _check_kind(source, target.kind)
    if target.kind == "sqlite":
        path = target.sqlite_path
        if path.exists() and existing_tables(target.url):
            raise BackupError(f"{path} already has tables: restore only into an empty database.")
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            if backup_db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(f"{source} is damaged (SQLite quick_check failed).")
            path.parent.mkdir(parents=True, exist_ok=True)
            dest = sqlite3.connect(path)
            try:
                with dest:
                    backup_db.backup(dest)
                dest.execute("PRAGMA journal_mode=WAL")
            finally:
                dest.close()
        finally:
            backup_db.close()
        os.chmod(path, 0o600)
    else:
        if existing_tables(target.url):
            raise BackupError("The database already has tables: restore only into an empty database.")
        conninfo, env = _pg_connection(target.url)
        _run(
            [
                pg_tool("pg_restore"),
                "--no-owner",
                "--no-acl",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                conninfo,
                str(source),
            ],
            env,
        )


def row_counts(url: str | sa.engine.URL) -> dict[str, int]:
    """Rows per table (every table in the database, alembic_version included)."""
    engine = sa.create_engine(url)
    try:
        names = sorted(sa.inspect(engine).get_table_names())
        with engine.connect() as conn:
            return {
                name: conn.execute(sa.select(sa.func.count()).select_from(sa.table(name))).scalar_one()
                for name in names
            }
    finally:
        engine.dispose()
