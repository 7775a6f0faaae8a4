"""`flask backup` and `flask restore`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from roadshow.extensions import db
from roadshow.ops import backup as backups
from roadshow.timeutil import utcnow


def _database_url() -> str:
    return db.engine.url.render_as_string(hide_password=False)


@click.command("backup")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: a time-stamped file in BACKUP_DIR).",
)
def backup_command(output: Path | None) -> None:
    """Copy the whole database to a file (SQLite online backup, or pg_dump custom format)."""
    kind = db.engine.dialect.name
    if output is None:
        stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
        output = Path(current_app.config["BACKUP_DIR"]) / backups.default_filename(kind, stamp)
    try:
        path = backups.backup(_database_url(), output)
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backup written: {path} ({path.stat().st_size:,} bytes, {kind}).")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore_command(path: Path) -> None:
    """Load a backup into this app's database, which must be empty (no tables)."""
    url = _database_url()
    db.session.remove()
    db.engine.dispose()  # no pooled connection may hold the file or database open meanwhile
    try:
        backups.restore(url, path)
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    counts = backups.row_counts(url)
    click.echo(f"Restored {path} into the {db.engine.dialect.name} database. Rows per table:")
    for name, count in counts.items():
        click.echo(f"  {name:<28} {count}")


COMMANDS = (backup_command, restore_command)
