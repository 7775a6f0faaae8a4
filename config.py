"""Configuration classes, read from the environment: the one list of every setting.

`ROADSHOW_ENV` picks the class (development, testing, production); `DATABASE_URL`
overrides the database everywhere. Every key the code reads is declared on `Config` with its
default and a comment, and no other module reads the environment
(tests/ops/test_config_declared.py checks both). `Server` holds gunicorn's own settings.

Which limits are settings: retention periods, link lifetimes, rate limits and anything an operator
may need to tune per deployment live here. Rules that protect people whatever the deployment
(the disclosure threshold, the youth age range, field length caps) are constants beside the rule.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent
INSTANCE = ROOT / "instance"


def _sqlite_url() -> str:
    return f"sqlite:///{INSTANCE / 'roadshow.sqlite3'}"


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return _sqlite_url()
    # Accept the common "postgres://" spelling and always use psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def _list(name: str) -> list[str]:
    """A comma-separated variable as a list, without blanks."""
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def child_environment(**extra: str) -> dict[str, str]:
    """The environment to hand a child process (pg_dump, pg_restore), with `extra` added."""
    return {**os.environ, **extra}


# Only for local running; production refuses to start with it.
DEV_SECRET_KEY = "dev-only-secret-key-change-me"  # noqa: S105


class Config:
    """Settings shared by every environment."""

    ROADSHOW_ENV = "development"  # which class this is; set by ROADSHOW_ENV, never on its own
    TESTING = False  # Flask's: True only in TestingConfig
    DEBUG = False  # the Werkzeug debugger is never on by default, and production refuses it
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    # Earlier secret keys, comma-separated: sessions signed with them still work while keys rotate.
    SECRET_KEY_FALLBACKS = _list("SECRET_KEY_FALLBACKS")
    # The key groups' private booking links are derived from; empty: SECRET_KEY (docs/DEPLOY.md).
    BOOKING_LINK_KEY = _str("BOOKING_LINK_KEY")
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    SQLALCHEMY_TRACK_MODIFICATIONS = False

    # Staff sessions: no remember-me, 30 minutes idle, cookie hardened.
    PERMANENT_SESSION_LIFETIME = timedelta(minutes=_int("SESSION_IDLE_MINUTES", 30))
    SESSION_REFRESH_EACH_REQUEST = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_DURATION = timedelta(0)
    # Sign-in delays, never a lock: after LOGIN_MAX_FAILURES failures on one account (from browsers
    # that never signed in to it) or LOGIN_ADDRESS_FREE_FAILURES from one address, each attempt waits
    # 2, 4, 8 ... seconds, at most LOGIN_DELAY_CAP_SECONDS.
    LOGIN_MAX_FAILURES = _int("LOGIN_MAX_FAILURES", 5)
    LOGIN_ADDRESS_FREE_FAILURES = _int("LOGIN_ADDRESS_FREE_FAILURES", 10)
    LOGIN_DELAY_CAP_SECONDS = _int("LOGIN_DELAY_CAP_SECONDS", 900)
    KNOWN_DEVICE_DAYS = _int("KNOWN_DEVICE_DAYS", 180)
    TWO_FACTOR_STEP_MINUTES = 5  # time to type the code after the password
    ONE_TIME_PASSWORD_HOURS = 24
    INVITE_HOURS = _int("INVITE_HOURS", 72)
    RESET_LINK_MINUTES = _int("RESET_LINK_MINUTES", 60)
    RESET_EMAIL_MINUTES = 15  # at most one reset email per account in this time
    PASSWORD_MIN_LENGTH = 12
    # argon2id cost; lowered only in tests to keep the suite quick.
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 65536

    # Bounded input: no page takes more than this in one request (no uploads need more).
    MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 1024 * 1024)
    MAX_FORM_MEMORY_SIZE = MAX_CONTENT_LENGTH
    # Host names the site answers to (comma-separated); other Host headers get 400. Empty: any.
    TRUSTED_HOSTS = _list("TRUSTED_HOSTS") or None

    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # the session lifetime already bounds it

    RATELIMIT_ENABLED = os.environ.get("RATELIMIT_ENABLED", "1") != "0"  # 0 only for load benchmarks
    # fmt: off
    REDIS_URL = os.environ.get("REDIS_URL", "")  # redis://… shared by cache, rate limits and the mail queue; empty = none
    # fmt: on
    # Rate-limit counts live in REDIS_URL's Redis when it is set (one count for every worker and server);
    # RATELIMIT_STORAGE_URI names another store, and without either each process counts on its own.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or REDIS_URL or "memory://"
    RATELIMIT_HEADERS_ENABLED = False
    # Public form limits per client (Flask-Limiter syntax).
    BOOKING_RATE_LIMIT = os.environ.get("BOOKING_RATE_LIMIT", "10 per hour")
    VOLUNTEER_RATE_LIMIT = os.environ.get("VOLUNTEER_RATE_LIMIT", "10 per hour")
    SUBSCRIBE_RATE_LIMIT = os.environ.get("SUBSCRIBE_RATE_LIMIT", "10 per minute;40 per hour")
    # Staff sign-in, reset and two-factor pages keep fixed limits in their views: guard rails, not tuning.

    # Public forms send a confirmation to the address typed at most this often per address per day.
    CONFIRMATIONS_PER_ADDRESS_PER_DAY = _int("CONFIRMATIONS_PER_ADDRESS_PER_DAY", 3)

    # Email. With no MAIL_SERVER, messages go to the log and the outbox folder only.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = _int("MAIL_PORT", 25)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "") == "1"
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "Roadshow <roadshow@example.org>")
    MAIL_OUTBOX_DIR = os.environ.get("MAIL_OUTBOX_DIR", str(INSTANCE / "outbox"))
    MAIL_COORDINATORS = os.environ.get("MAIL_COORDINATORS", "")
    # The mail queue (only with REDIS_URL; without it emails go in-process after the commit). A job
    # that fails is tried again after each of these delays in seconds, then shown to admins.
    MAIL_QUEUE_NAME = os.environ.get("MAIL_QUEUE_NAME", "roadshow-mail")
    MAIL_QUEUE_RETRY_DELAYS = os.environ.get("MAIL_QUEUE_RETRY_DELAYS", "60,300,1800")
    MAIL_QUEUE_JOB_TIMEOUT = _int("MAIL_QUEUE_JOB_TIMEOUT", 600)  # seconds one job (a newsletter batch) may run
    NEWSLETTER_BATCH_SIZE = _int("NEWSLETTER_BATCH_SIZE", 50)  # copies sent over one SMTP connection (one job)
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000")
    # How people reach the office about their data (privacy notice, accessibility statement).
    OFFICE_CONTACT_EMAIL = os.environ.get("OFFICE_CONTACT_EMAIL", "roadshow@example.org")
    OFFICE_CONTACT_PHONE = os.environ.get("OFFICE_CONTACT_PHONE", "")
    OFFICE_POSTAL_ADDRESS = os.environ.get("OFFICE_POSTAL_ADDRESS", "")

    # Domain settings.
    BOOKING_RETENTION_MONTHS = _int("BOOKING_RETENTION_MONTHS", 12)
    VOLUNTEER_RETENTION_MONTHS = _int("VOLUNTEER_RETENTION_MONTHS", 6)
    FEEDBACK_TEXT_RETENTION_MONTHS = _int("FEEDBACK_TEXT_RETENTION_MONTHS", 24)
    # An escalated comment and its safeguarding record: kept this long after the last entry, then purged.
    SAFEGUARDING_RETENTION_YEARS = _int("SAFEGUARDING_RETENTION_YEARS", 6)
    FEEDBACK_WINDOW_DAYS = _int("FEEDBACK_WINDOW_DAYS", 7)
    TRAVEL_BUFFER_MINUTES = _int("TRAVEL_BUFFER_MINUTES", 60)
    # Booking lifecycle: how long a group has to reply to an offer, and when reminders go.
    OFFER_REPLY_DAYS = _int("OFFER_REPLY_DAYS", 7)
    OFFER_REMINDER_DAYS = _int("OFFER_REMINDER_DAYS", 2)
    SESSION_REMINDER_DAYS = _int("SESSION_REMINDER_DAYS", 3)
    PANEL_MIN_AGE = _int("PANEL_MIN_AGE", 16)
    # Newsletter sending from the staff page (copies per SMTP connection: NEWSLETTER_BATCH_SIZE, with the
    # mail queue): how long one press of "Send" keeps going before the page answers (the rest continue
    # with the next press).
    NEWSLETTER_SEND_SECONDS = _int("NEWSLETTER_SEND_SECONDS", 20)

    # Rendered public pages (Flask-Caching, roadshow/pagecache.py): a cache of the process here; Redis in
    # production when REDIS_URL is set. Every entry is stored with its own timeout (0 would be never).
    CACHE_TYPE = "SimpleCache"
    CACHE_DEFAULT_TIMEOUT = 0
    CACHE_THRESHOLD = 500
    CACHE_KEY_PREFIX = "roadshow:"
    CACHE_REDIS_URL = ""  # the Redis behind the cache when CACHE_TYPE is RedisCache (production sets it)
    CACHE_OPTIONS: dict = {}  # extra connection options for that Redis (production's timeouts)
    # How long a news page is kept (seconds). A staff edit empties the shared cache at once; without
    # Redis, other processes show the change within this time.
    NEWS_CACHE_SECONDS = _int("NEWS_CACHE_SECONDS", 60)

    # Feedback integrity (docs/ARCHITECTURE.md, "Feedback integrity"). Responses beyond a session's
    # expected number of young people plus the margin, or sent sooner than FEEDBACK_MIN_SECONDS after
    # the form was first shown, are held for a coordinator's review and not counted.
    FEEDBACK_DEFAULT_EXPECTED = _int("FEEDBACK_DEFAULT_EXPECTED", 30)  # when a session has no group size
    FEEDBACK_EXPECTED_MARGIN = _int("FEEDBACK_EXPECTED_MARGIN", 5)
    FEEDBACK_MIN_SECONDS = _int("FEEDBACK_MIN_SECONDS", 20)
    # Limits counted in the rate limiter's store (Flask-Limiter syntax): completed forms per code from
    # one address (a class behind one school network must fit), comments per code, and wrong codes
    # from one address and from everyone (a right code is never counted or refused).
    FEEDBACK_COMPLETED_LIMIT = os.environ.get("FEEDBACK_COMPLETED_LIMIT", "60 per hour")
    FEEDBACK_COMMENT_LIMIT = os.environ.get("FEEDBACK_COMMENT_LIMIT", "40 per hour")
    FEEDBACK_WRONG_CODE_LIMIT = os.environ.get("FEEDBACK_WRONG_CODE_LIMIT", "10 per minute;40 per hour")
    FEEDBACK_WRONG_CODE_LIMIT_ALL = os.environ.get("FEEDBACK_WRONG_CODE_LIMIT_ALL", "600 per hour")

    # Operations.
    # How many reverse proxies in front set X-Forwarded-For/-Proto/-Host/-Port (0: trust none of them).
    PROXY_FIX = _int("PROXY_FIX", 0)
    BACKUP_DIR = os.environ.get("BACKUP_DIR", str(INSTANCE / "backups"))
    # Where `flask backup` / `flask restore` find pg_dump and pg_restore; empty: the newest installed.
    PG_BIN = _str("PG_BIN")
    # Processes serving the app: gunicorn workers per instance, and instances behind one address.
    # Only read to refuse per-process rate limits when more than one process counts.
    WEB_CONCURRENCY = _int("WEB_CONCURRENCY", 2)
    APP_INSTANCES = _int("APP_INSTANCES", 1)

    HSTS = False
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
    # "json" (one object per line) or "text"; a request line per request unless REQUEST_LOG=0.
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
    REQUEST_LOG = os.environ.get("REQUEST_LOG", "1") != "0"
    # Languages (Flask-Babel): pages are in English unless the address asks for another.
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    # Tests only: show the friendly 500 page instead of raising, for tests of that page.
    FRIENDLY_ERRORS_IN_TESTS = False


class DevelopmentConfig(Config):
    """Zero-configuration local running on SQLite."""


class TestingConfig(Config):
    """The test suite: quick hashing, outbox off unless a test asks for it."""

    ROADSHOW_ENV = "testing"
    TESTING = True
    SECRET_KEY = "testing-secret-key-not-for-production-use"  # noqa: S105 (tests only)
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 8192
    MAIL_OUTBOX_DIR = ""


class ProductionConfig(Config):
    """Real deployments: refuses to start when misconfigured."""

    ROADSHOW_ENV = "production"
    SESSION_COOKIE_SECURE = True
    HSTS = True
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
    # Database errors are logged without the values of their parameters (emails, free text).
    SQLALCHEMY_ENGINE_OPTIONS: dict = {**Config.SQLALCHEMY_ENGINE_OPTIONS, "hide_parameters": True}
    # Every absolute link (feed, emails, posters, calendars) is built from this, never from a request.
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "")
    # One copy of each rendered page for every worker and instance, so an edit shows everywhere at once.
    CACHE_TYPE = "RedisCache" if Config.REDIS_URL else "SimpleCache"
    CACHE_REDIS_URL = Config.REDIS_URL
    # A Redis that stops answering costs a page one second, then it is rendered without the cache.
    CACHE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1} if Config.REDIS_URL else {}

    @classmethod
    def check(cls, config: dict) -> None:
        """Raise if the settings would be unsafe in production."""
        key = config.get("SECRET_KEY") or ""
        if len(key) < 32 or key == DEV_SECRET_KEY:
            raise RuntimeError("Production needs SECRET_KEY: at least 32 random characters.")
        if config.get("DEBUG"):
            raise RuntimeError("Production must not run with DEBUG on.")
        if not (config.get("PUBLIC_BASE_URL") or "").startswith(("https://", "http://")):
            raise RuntimeError("Production needs PUBLIC_BASE_URL, e.g. https://roadshow.example.org.")
        cls._check_shared_limits(config)

    @staticmethod
    def _check_shared_limits(config: dict) -> None:
        """In-memory rate limits are counted per process: refuse them when more than one runs."""
        if not config.get("RATELIMIT_ENABLED") or not str(config.get("RATELIMIT_STORAGE_URI", "")).startswith("memory"):
            return
        workers = int(config.get("WEB_CONCURRENCY") or 1)
        instances = int(config.get("APP_INSTANCES") or 1)
        if workers * instances > 1:
            raise RuntimeError(
                f"RATELIMIT_STORAGE_URI is memory:// with {workers} worker(s) x {instances} instance(s): each would "
                "count on its own. Set REDIS_URL (or RATELIMIT_STORAGE_URI) to Redis, or WEB_CONCURRENCY=1 for a single process."
            )


class Server:
    """gunicorn's settings (gunicorn.conf.py); the worker count is the app's WEB_CONCURRENCY."""

    BIND = _str("GUNICORN_BIND", "127.0.0.1:8000")  # the reverse proxy connects here
    WORKERS = Config.WEB_CONCURRENCY  # about 2 per core; sync workers
    TIMEOUT = _int("GUNICORN_TIMEOUT", 30)
    # Only the proxy on this machine may set X-Forwarded-*; the app applies ProxyFix (PROXY_FIX).
    FORWARDED_ALLOW_IPS = _str("FORWARDED_ALLOW_IPS", "127.0.0.1")
    ACCESS_LOG = _str("GUNICORN_ACCESS_LOG", "-")  # "-" for standard output, a file, or empty for none
    LOG_LEVEL = Config.LOG_LEVEL.lower()


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for(name: str | None = None) -> type[Config]:
    """The config class for a `ROADSHOW_ENV` value (by default the environment's)."""
    name = (name or os.environ.get("ROADSHOW_ENV") or "development").strip().lower()
    if name not in CONFIGS:
        raise RuntimeError(f"Unknown ROADSHOW_ENV {name!r}: use one of {', '.join(CONFIGS)}.")
    return CONFIGS[name]
