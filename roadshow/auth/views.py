"""Staff sign-in (password, then the two-factor code where the account has it), sign-out, password change."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Response, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from roadshow.auth import bp, device
from roadshow.auth.forms import ChangePasswordForm, CodeForm, LoginForm
from roadshow.extensions import db, limiter
from roadshow.models import User
from roadshow.security import public
from roadshow.services import DomainError
from roadshow.services.accounts import login_guard, users
from roadshow.timeutil import utcnow

GENERIC_FAILURE = (
    "The email address or password is not right, or there have been too many attempts. "
    "Try again in a minute, or use \u201cForgotten your password?\u201d."
)
PENDING = "_two_factor_pending"


def safe_next(target: str | None) -> str | None:
    """Only same-site paths: never another host, scheme or protocol-relative URL."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def home_for(user: object) -> str:
    return url_for("reports.index") if getattr(user, "role", "") == "panel" else url_for("staff.dashboard")


def client_key() -> str:
    return login_guard.address_key(request.remote_addr or "unknown")


def complete_sign_in(user: User, target: str | None) -> Response:
    """Password (and code) accepted: a fresh session, and this browser becomes known to the account."""
    users.signed_in(user, client_key())
    db.session.commit()
    session.clear()  # a fresh session at sign-in: nothing carried over
    login_user(user, remember=False)
    session.permanent = True
    flash(f"Signed in as {user.name}.", "success")
    return device.remember(redirect(target or home_for(user), code=303), user)


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit("20 per minute", methods=["POST"])
def login() -> str | Response:
    """Sign in with email and password; one generic message for every failure."""
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        target = safe_next(request.args.get("next"))
        user = users.authenticate(
            form.email.data or "", form.password.data or "", client=client_key(), known_device_id=device.known_id()
        )
        if user is not None and user.has_two_factor:
            db.session.commit()
            session.clear()
            session[PENDING] = {"id": user.id, "token": user.session_token, "at": utcnow().timestamp(), "next": target}
            return redirect(url_for("auth.login_code"), code=303)
        if user is not None:
            return complete_sign_in(user, target)
        db.session.commit()
        flash(GENERIC_FAILURE, "error")
    return render_template("auth/login.html", form=form)


def _pending() -> tuple[User, dict[str, Any]] | None:
    """The account whose password was just accepted, if that was recent and nothing has changed since."""
    data = session.get(PENDING)
    if not isinstance(data, dict):
        return None
    age = utcnow().timestamp() - float(data.get("at", 0))
    user = db.session.get(User, data.get("id")) if isinstance(data.get("id"), int) else None
    if user is None or not user.active or user.session_token != data.get("token"):
        return None
    if not 0 <= age <= current_app.config["TWO_FACTOR_STEP_MINUTES"] * 60:
        return None
    return user, data


@bp.route("/login/code", methods=["GET", "POST"])
@public
@limiter.limit("20 per minute", methods=["POST"])
def login_code() -> str | Response:
    """The second step: a code from the authenticator app, or a recovery code."""
    pending = _pending()
    if pending is None:
        session.pop(PENDING, None)
        flash("Please sign in again.", "info")
        return redirect(url_for("auth.login"), code=303)
    user, data = pending
    form = CodeForm()
    if form.validate_on_submit():
        known = device.known_id() == user.id
        if users.second_step(user, form.code.data or "", client=client_key(), known_device=known):
            return complete_sign_in(user, safe_next(data.get("next")))
        db.session.commit()
        form.code.errors = [*form.code.errors, "That code is not right, or there have been too many attempts."]
    return render_template("auth/code.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """End this session everywhere: the cookie's token is rotated, so a copy of it is useless."""
    users.end_sessions(current_user._get_current_object())  # type: ignore[attr-defined]
    db.session.commit()
    logout_user()
    session.clear()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.login"), code=303)


@bp.route("/password", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def change_password() -> str | Response:
    """Change your own password (required after a one-time password); wrong guesses are limited."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()  # type: ignore[attr-defined]
        try:
            users.change_password(user, form.current.data or "", form.new.data or "")
        except users.SignedOut as exc:
            db.session.commit()
            logout_user()
            session.clear()
            flash(str(exc), "error")
            return redirect(url_for("auth.login"), code=303)
        except DomainError as exc:
            db.session.commit()  # the count of wrong current passwords
            form.new.errors = [*form.new.errors, str(exc)]
        else:
            db.session.commit()
            login_user(user, remember=False)  # the token rotated: keep this session signed in
            flash("Your password has been changed.", "success")
            return redirect(home_for(user), code=303)
    return render_template("auth/change_password.html", form=form)
