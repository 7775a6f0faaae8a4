"""Feedback pages (placeholder until the feedback feature lands)."""

from flask import render_template

from roadshow.feedback import bp
from roadshow.security import public


@bp.route("/feedback/")
@public
def start() -> str:
    """Enter your session code."""
    return render_template("feedback/start.html")
