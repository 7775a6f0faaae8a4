"""Keep feedback requests out of the development server's access log.

The app never logs a feedback request itself (see `roadshow.ops.logs`). Werkzeug's own
access log (used by `flask run` and the test live server) writes one line per request with
the client address, the time and the path; a line for a feedback page is dropped whole, since
even without the address its time would say when someone answered. gunicorn's access log
skips the same requests (gunicorn.conf.py).
"""

from __future__ import annotations

import logging
import re

from roadshow.ops.logs import is_feedback_path

# Werkzeug colours the request line on a terminal: "\x1b[32mPOST /feedback/ HTTP/1.1\x1b[0m".
_REQUEST_LINE = re.compile(r'"(?:\x1b\[[\d;]*m)?[A-Z]+ (\S+) HTTP/[\d.]+')


class DropFeedbackAccess(logging.Filter):
    """Drops Werkzeug's access line for any feedback page; other lines pass untouched."""

    def filter(self, record: logging.LogRecord) -> bool:
        match = _REQUEST_LINE.search(record.getMessage())
        return not (match and is_feedback_path(match.group(1)))


def install() -> None:
    """Add the filter to Werkzeug's logger once per process."""
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, DropFeedbackAccess) for f in logger.filters):
        logger.addFilter(DropFeedbackAccess())
