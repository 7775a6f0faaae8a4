"""Scrutiny reports (placeholder until the reports feature lands)."""

from flask import render_template

from roadshow.reports import bp
from roadshow.security import readers_required


@bp.route("/reports/")
@readers_required
def index() -> str:
    """Aggregated, disclosure-controlled reports."""
    return render_template("reports/index.html")
