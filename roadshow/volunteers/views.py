"""Get involved (placeholder until the volunteering feature lands)."""

from flask import render_template

from roadshow.security import public
from roadshow.volunteers import bp


@bp.route("/get-involved/")
@public
def index() -> str:
    """Volunteering for youth scrutiny or the Community Scrutiny Panel."""
    return render_template("volunteers/index.html")
