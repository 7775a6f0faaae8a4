"""Unbound extension objects, initialised in create_app()."""

from flask import current_app, session
from flask_caching import Cache
from flask_limiter import Limiter
from flask_login import LoginManager as _LoginManager
from flask_login.config import SESSION_KEYS
from flask_login.signals import session_protected
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData

from roadshow.ratelimit import client_key

# Named constraints keep migrations identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class LoginManager(_LoginManager):
    """Flask-Login's "strong" session protection, applied to signed-in sessions only.

    Out of the box it also treats an anonymous visitor's session (one holding just a CSRF token)
    as stolen, because it carries no fingerprint: it then rewrites that session and sends a
    cookie-deleting header on every page. With nobody signed in there is nothing to protect
    (Roadshow never issues "remember me" cookies), so such sessions are left alone.

    Flask-Login also softens "strong" to "basic" for permanent sessions, and every staff session is
    permanent (that is how the idle timeout works): a cookie replayed from another address or browser
    would then stay signed in. Here a signed-in session whose fingerprint changed is always ended.
    """

    def _session_protection_failed(self) -> bool:
        if "_user_id" not in session:
            return False
        if session.get("_id") != self._session_identifier_generator():
            for key in SESSION_KEYS:
                session.pop(key, None)
            session["_remember"] = "clear"
            session_protected.send(current_app._get_current_object())
            return True
        return False


db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING))
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=client_key)
cache = Cache()  # rendered public pages (roadshow/pagecache.py): Redis when REDIS_URL is set
