"""Logs without personal data: JSON lines (one object per line) or plain text, and a request line.

Each request is logged once, after its response: method, endpoint name (never the path, which can
carry a booking's manage token or a session's feedback code), status and duration. Never the client
address, user agent, referrer, query string, form data or cookies. Gunicorn's access log is set up
the same way in gunicorn.conf.py.

Feedback requests (the young people's pages and staff paper entry, `is_feedback_path`) are not
logged one by one at all: we promise not to keep the time anyone answered. Anything else logged
while one is handled (a warning, an error) keeps the date only and loses the path, code and endpoint.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, has_request_context, request

REQUEST_LOGGER = "roadshow.request"
# The standard LogRecord attributes; anything else on a record was passed with `extra=`.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}
_FEEDBACK_PATH = re.compile(r"^/feedback(?:/|$)|^/staff/sessions/\d+/paper$")
FEEDBACK_MARK = "[feedback]"


def is_feedback_path(path: str) -> bool:
    """Whether a request path belongs to feedback: the code entry, the form, its thanks, paper entry."""
    return bool(_FEEDBACK_PATH.match(path.split("?", 1)[0]))


def _when(record: logging.LogRecord) -> str:
    """The record's UTC time to the millisecond, or only its date if it was logged during feedback."""
    moment = datetime.fromtimestamp(record.created, UTC)
    return moment.date().isoformat() if getattr(record, "_date_only", False) else moment.isoformat("T", "milliseconds")


class QuietFeedback(logging.Filter):
    """Drop the request line of a feedback request; strip the time of day, path and endpoint from the rest."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not has_request_context() or not is_feedback_path(request.path):
            return True
        if record.name == REQUEST_LOGGER:
            return False
        message = record.getMessage()
        codes = [str(v) for v in (request.view_args or {}).values()]
        for trace in sorted({request.path, request.endpoint or "", *codes} - {""}, key=len, reverse=True):
            message = message.replace(trace, FEEDBACK_MARK)
        record.msg, record.args, record._date_only = message, None, True
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, pid and any `extra=` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": _when(record),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "pid": record.process,
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc_type"] = record.exc_info[0].__name__ if record.exc_info[0] else None
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """Readable lines for development; `extra=` fields appended as key=value."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return _when(record) if getattr(record, "_date_only", False) else super().formatTime(record, datefmt)

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extras = [f"{k}={v}" for k, v in record.__dict__.items() if k not in _STANDARD and not k.startswith("_")]
        return f"{line} {' '.join(extras)}" if extras else line


def configure(app: Flask) -> None:
    """Install one handler on the root logger (replacing the one a previous app installed)."""
    fmt = str(app.config["LOG_FORMAT"]).lower()
    if fmt not in ("json", "text"):
        raise RuntimeError(f"LOG_FORMAT must be json or text, not {fmt!r}.")
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_roadshow", False)]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler._roadshow = True  # type: ignore[attr-defined]
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler.addFilter(QuietFeedback())
    root.addHandler(handler)
    root.setLevel(app.config["LOG_LEVEL"])
    for name in ("alembic", "sqlalchemy"):
        logging.getLogger(name).setLevel(logging.WARNING)
    request_logger = logging.getLogger(REQUEST_LOGGER)
    request_logger.disabled = False  # Alembic's fileConfig disables loggers it did not name
    if app.config["REQUEST_LOG"]:
        app.before_request(_start_timer)
        app.after_request(_log_request)


def _start_timer() -> None:
    g._request_started = time.perf_counter()


def _log_request(response: Response) -> Response:
    started = g.get("_request_started")
    duration = (time.perf_counter() - started) * 1000 if started is not None else None
    logging.getLogger(REQUEST_LOGGER).info(
        "request",
        extra={
            "method": request.method,
            "endpoint": request.endpoint or "-",
            "status": response.status_code,
            "duration_ms": round(duration, 1) if duration is not None else None,
        },
    )
    return response
