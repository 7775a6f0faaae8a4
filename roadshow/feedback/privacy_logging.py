"""Keep young people's addresses and visit times out of the development server's access log.

The app itself never logs a request address. Werkzeug's own access log (used by
`flask run` and the test live server) writes one line per request with the client
address and the exact time; for the feedback pages this filter blanks both.
Production runs gunicorn with its access log off (its default).
"""

from __future__ import annotations

import logging
import re

_FEEDBACK_LINE = re.compile(r"^\S+ - - \[[^\]]*\] (?=\S+ /feedback)")


class RedactFeedbackAccess(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _FEEDBACK_LINE.match(message):
            record.msg = _FEEDBACK_LINE.sub("- - - [-] ", message)
            record.args = None
        return True


def install() -> None:
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, RedactFeedbackAccess) for f in logger.filters):
        logger.addFilter(RedactFeedbackAccess())
