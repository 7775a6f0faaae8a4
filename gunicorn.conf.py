"""gunicorn settings for Roadshow: `gunicorn -c gunicorn.conf.py wsgi:app` (read from the working folder).

Every value can be changed with an environment variable (read in config.py's `Server`) or a
command-line flag. Logs are JSON lines
on standard error with no client address, user agent, referrer, path or query string: paths can
carry a booking's manage token or a session's feedback code. The app logs each request itself
(method, endpoint, status, duration), so the access log below is only a cross-check. Neither logs a
feedback request at all: even a line with no path would say when someone answered.
"""

from gunicorn.glogging import Logger

from config import Server
from roadshow.ops.logs import is_feedback_path

bind = Server.BIND
workers = Server.WORKERS
worker_class = "sync"
preload_app = True  # import the app once, fork workers: quicker start, less memory
timeout = Server.TIMEOUT
graceful_timeout = 20
keepalive = 5
# Recycle a worker now and then as a guard against slow leaks, but rarely: a new worker starts with
# cold caches (compiled SQL, rendered pages, database connections), and with two workers each recycle
# takes away half the capacity for a moment. At 5,000 a busy minute recycled both workers several
# times, which showed as p99 spikes in `make bench`.
max_requests = 100_000
max_requests_jitter = 10_000
control_socket_disable = True  # no control socket in the home folder

forwarded_allow_ips = Server.FORWARDED_ALLOW_IPS

# Access log without %(h)s (client address), %(r)s / %(U)s / %(q)s (request line, path, query),
# %(f)s (referrer) or %(a)s (user agent). Every field left is a token or a number, so each line is JSON.
# "-" for standard output, a file, or empty for no access log at all (the app's own request lines stay).
accesslog = Server.ACCESS_LOG or None
access_log_format = (
    '{"ts": "%(t)s", "logger": "gunicorn.access", "method": "%(m)s", "status": %(s)s, '
    '"bytes": %(B)s, "duration_ms": %(M)s, "pid": "%(p)s"}'
)
errorlog = "-"
loglevel = Server.LOG_LEVEL
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "roadshow.ops.logs.JsonFormatter"},
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
        "access": (
            {"class": "logging.StreamHandler", "formatter": "access", "stream": "ext://sys.stdout"}
            if accesslog == "-"
            else {"class": "logging.handlers.WatchedFileHandler", "formatter": "access", "filename": accesslog}
            if accesslog
            else {"class": "logging.NullHandler"}
        ),
    },
    "root": {"level": "INFO", "handlers": []},  # the app adds its own JSON handler
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}


class FeedbackQuietLogger(Logger):
    """gunicorn's logger, but with no access line for a feedback request (its time is the secret),
    and none at all when the access log is off (gunicorn would still format each line for nobody)."""

    def access(self, resp, req, environ, request_time):
        if accesslog and not is_feedback_path(environ.get("PATH_INFO", "")):
            super().access(resp, req, environ, request_time)


logger_class = FeedbackQuietLogger


def when_ready(server):
    """With preload_app the app is already loaded here: compile its templates once, before the
    workers are forked, so they (and workers recycled after max_requests) start warm."""
    if not preload_app:
        return
    from roadshow.templating import compile_all

    app = server.app.wsgi()
    server.log.info("templates compiled before forking workers", extra={"templates": compile_all(app)})
