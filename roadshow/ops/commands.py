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


@click.command("bench-seed")
@click.option("--responses", type=click.IntRange(min=0), default=10_000, show_default=True)
@click.option("--seed", "seed_value", type=int, default=2026, show_default=True, help="Random seed.")
@click.option(
    "--open-session/--no-open-session",
    default=True,
    show_default=True,
    help="Make sure one session's feedback window is open now (for the feedback form benchmark).",
)
def bench_seed_command(responses: int, seed_value: int, open_session: bool) -> None:
    """Fill the database with synthetic feedback, quickly (benchmarks only, never production)."""
    import time

    from roadshow.ops import bench_seed

    if current_app.config["ROADSHOW_ENV"] == "production":
        raise click.ClickException("bench-seed refuses to run in production.")
    started = time.perf_counter()
    step = max(responses // 10, bench_seed.BATCH)

    def progress(done: int) -> None:
        if done % step < bench_seed.BATCH or done == responses:
            click.echo(f"  {done:,} responses", err=True)

    count = bench_seed.seed(responses, seed_value=seed_value, progress=progress)
    if open_session:
        code = bench_seed.ensure_open_session()
        db.session.commit()
        click.echo(f"Feedback open for session code {code}")
    elapsed = time.perf_counter() - started
    rate = count / elapsed if elapsed else 0
    click.echo(f"Inserted {count:,} responses in {elapsed:.1f} s ({rate:,.0f} a second).")
