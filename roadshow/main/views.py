"""Site-wide pages: health check, privacy notice, accessibility statement."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Response, render_template

from roadshow.extensions import db
from roadshow.main import bp
from roadshow.security import public


@bp.route("/healthz")
@public
def healthz() -> Response | tuple[str, int, dict[str, str]]:
    """`200 ok` when the app and its database answer."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return "database unavailable", 503, {"Content-Type": "text/plain; charset=utf-8"}
    return Response("ok", mimetype="text/plain")


@bp.route("/privacy")
@public
def privacy() -> str:
    """The privacy notice, with a plain-words version for young people first."""
    return render_template("main/privacy.html")


@bp.route("/accessibility")
@public
def accessibility() -> str:
    """The accessibility statement."""
    return render_template("main/accessibility.html")
