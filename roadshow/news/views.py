"""Newsletter pages (placeholder until the newsletter feature lands)."""

from flask import render_template

from roadshow.news import bp
from roadshow.security import public


@bp.route("/")
@public
def home() -> str:
    """The newsletter home page."""
    return render_template("news/home.html")
