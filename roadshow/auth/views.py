"""Staff sign-in, sign-out and password change."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Response, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from roadshow.auth import bp
from roadshow.auth.forms import ChangePasswordForm, LoginForm
from roadshow.extensions import db, limiter
from roadshow.security import public
from roadshow.services import DomainError, users

GENERIC_FAILURE = "The email address or password is not right, or the account is locked. Try again or ask an admin."


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


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit("20 per minute", methods=["POST"])
def login() -> str | Response:
    """Sign in with email and password; one generic message for every failure."""
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = users.authenticate(form.email.data or "", form.password.data or "")
        db.session.commit()
        if user is not None:
            session.clear()  # a fresh session at sign-in: nothing carried over
            login_user(user, remember=False)
            session.permanent = True
            flash(f"Signed in as {user.name}.", "success")
            return redirect(safe_next(request.args.get("next")) or home_for(user), code=303)
        flash(GENERIC_FAILURE, "error")
    return render_template("auth/login.html", form=form)


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
def change_password() -> str | Response:
    """Change your own password (required after a one-time password)."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()  # type: ignore[attr-defined]
        try:
            users.change_password(user, form.current.data or "", form.new.data or "")
        except DomainError as exc:
            form.new.errors = [*form.new.errors, str(exc)]
        else:
            db.session.commit()
            login_user(user, remember=False)  # the token rotated: keep this session signed in
            flash("Your password has been changed.", "success")
            return redirect(home_for(user), code=303)
    return render_template("auth/change_password.html", form=form)
