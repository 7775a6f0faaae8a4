"""`flask report-rollup`: bring the report rollup up to date (after a bulk import, or at deploy)."""

from __future__ import annotations

import click

from roadshow.extensions import db
from roadshow.models.reports import RollupState
from roadshow.services.reports import rollup as report_rollup


@click.command("report-rollup")
def report_rollup_command() -> None:
    """Fold every new feedback response into the counts the reports read."""
    report_rollup.refresh()
    db.session.commit()
    state = db.session.get(RollupState, 1)
    click.echo(f"Report rollup holds {state.counted if state else 0} responses.")
