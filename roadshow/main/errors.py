"""Friendly error pages: no stack traces, the same layout as every other page."""

from __future__ import annotations

import logging

from flask import Flask, Response, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, SecurityError

from roadshow.extensions import db

log = logging.getLogger(__name__)

MESSAGES = {
    400: ("Something went wrong with that request", "Please go back, reload the page and try again."),
    403: ("You do not have access to this page", "If you think you should, ask an admin."),
    404: ("Page not found", "If you typed the web address, check it is correct."),
    405: ("That action is not allowed here", "Please go back and try again."),
    413: ("What you sent is too large", "Please go back, make it shorter and try again."),
    429: ("Too many attempts", "Please wait a minute and try again."),
    500: ("Sorry, there is a problem with the service", "Please try again later. Nothing you entered has been shared."),
    503: ("The service is busy", "Please try again in a few seconds. Your answers have not been saved yet."),
}


def _page(code: int) -> tuple[str, int]:
    title, advice = MESSAGES.get(code, MESSAGES[500])
    return render_template("errors/error.html", code=code, title=title, advice=advice), code


def register(app: Flask) -> None:
    @app.errorhandler(SecurityError)
    def untrusted_host(_exc: SecurityError) -> Response:
        # A Host header outside TRUSTED_HOSTS: no page is built, since no link could be right.
        return Response("Bad request: this site does not answer to that host name.\n", 400, mimetype="text/plain")

    @app.errorhandler(CSRFError)
    def csrf_error(_exc: CSRFError) -> tuple[str, int]:
        return _page(400)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[str, int]:
        return _page(exc.code or 500)

    @app.errorhandler(OperationalError)
    def database_busy(exc: OperationalError) -> tuple[str, int]:
        # SQLite under heavy write contention: say so and let the person retry.
        db.session.rollback()
        if "locked" in str(exc.orig).lower():
            log.warning("database locked; answered 503")
            return _page(503)
        log.exception("database error")
        return _page(500)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> tuple[str, int]:
        db.session.rollback()
        if app.testing and not app.config["FRIENDLY_ERRORS_IN_TESTS"]:
            raise exc  # tests see the real traceback
        log.exception("unhandled error: %s", type(exc).__name__)
        return _page(500)
