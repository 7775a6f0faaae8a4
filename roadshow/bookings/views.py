"""Roadshow booking pages (placeholder until the booking feature lands)."""

from flask import render_template

from roadshow.bookings import bp
from roadshow.security import public


@bp.route("/roadshow/")
@public
def index() -> str:
    """What a roadshow session is and how to book one."""
    return render_template("bookings/index.html")
