"""Access rules and response headers.

Every endpoint needs a signed-in user unless its view is marked `@public`;
role decorators then narrow it. Default-deny means a forgotten decorator
fails closed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort, current_app, redirect, request, session, url_for
from flask_login import current_user

F = TypeVar("F", bound=Callable[..., Any])

STAFF = ("coordinator", "admin")
READERS = ("panel", "coordinator", "admin")
ADMIN = ("admin",)

CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


def public(view: F) -> F:
    """Mark a view as open to everyone."""
    view.is_public = True  # type: ignore[attr-defined]
    return view


def roles_required(*roles: str) -> Callable[[F], F]:
    """Only signed-in users with one of `roles`; others get 403."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        wrapped.allowed_roles = roles  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


staff_required = roles_required(*STAFF)
admin_required = roles_required(*ADMIN)
readers_required = roles_required(*READERS)


def _is_public_endpoint(app: Flask, endpoint: str | None) -> bool:
    if endpoint is None or endpoint == "static":
        return True
    view = app.view_functions.get(endpoint)
    return bool(getattr(view, "is_public", False))


def _refuse_oversize() -> None:
    """A body over MAX_CONTENT_LENGTH is refused from its declared length, before a byte is read."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit and request.content_length is not None and request.content_length > limit:
        abort(413)


def _refuse_null_bytes() -> None:
    """NUL characters have no place in any form or address; PostgreSQL cannot even store them.

    The address is checked for every request; a form body only once routing has found a view that
    takes this method (so a wrong address or method is answered without reading the body), and
    the body is bounded by MAX_CONTENT_LENGTH.
    """
    if "\x00" in request.path or any("\x00" in v for v in request.args.values()):
        abort(400)
    if request.routing_exception is not None or request.method in ("GET", "HEAD", "OPTIONS"):
        return
    is_form = request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data")
    if is_form and any("\x00" in value for value in request.form.values()):
        abort(400)


MAX_PAGE = 100_000


def _refuse_absurd_page() -> None:
    """A page number no list could reach is page-not-found, before any query tries to use it."""
    raw = request.args.get("page")
    if raw is not None and raw.strip().lstrip("-").isdigit() and not 1 <= int(raw) <= MAX_PAGE:
        abort(404)


def _enforce_login() -> Any:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if _is_public_endpoint(app, request.endpoint):
        return None
    if not current_user.is_authenticated:
        return app.login_manager.unauthorized()
    session.permanent = True  # idle timeout: the cookie lapses after PERMANENT_SESSION_LIFETIME
    if current_user.must_change_password and request.endpoint not in ("auth.change_password", "auth.logout"):
        return redirect(url_for("auth.change_password"))
    if request.endpoint not in ENROLMENT_ENDPOINTS and _must_enrol(current_user):
        return redirect(url_for("auth.two_factor_setup"))
    return None


ENROLMENT_ENDPOINTS = ("auth.two_factor_setup", "auth.logout", "auth.change_password")


def _must_enrol(user: Any) -> bool:
    """Admins and safeguarding leads use nothing until two-factor sign-in is set up."""
    from roadshow.services.accounts.two_factor import requires_two_factor

    return requires_two_factor(user) and not user.has_two_factor


def _headers(response: Any) -> Any:
    h = response.headers
    h.setdefault("Content-Security-Policy", CSP)
    h.setdefault("X-Content-Type-Options", "nosniff")
    h.setdefault("Referrer-Policy", "same-origin")
    h.setdefault("X-Frame-Options", "DENY")
    h.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
    if current_app.config.get("HSTS"):
        h.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if request.endpoint and not _is_public_endpoint(current_app, request.endpoint):
        h.setdefault("Cache-Control", "no-store")
    return response


def register(app: Flask) -> None:
    app.before_request(_refuse_oversize)
    app.before_request(_refuse_null_bytes)
    app.before_request(_refuse_absurd_page)
    app.before_request(_enforce_login)
    app.after_request(_headers)
