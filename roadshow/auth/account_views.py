"""Forgotten passwords, invite and reset links, and setting up two-factor sign-in."""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, flash, redirect, render_template, session, url_for
from flask_login import current_user, login_user

from roadshow.auth import bp, device
from roadshow.auth.forms import EnrolForm, ForgotForm, SetPasswordForm
from roadshow.auth.views import client_key, home_for
from roadshow.extensions import db, limiter
from roadshow.models import User
from roadshow.security import public
from roadshow.services import DomainError
from roadshow.services.accounts import account_links, two_factor, users
from roadshow.transaction import settle

SENT = (
    "If that address belongs to a staff account, we have emailed it a link to set a new password. "
    "The link works once. Check your junk folder if nothing arrives in a few minutes."
)
SETUP = "_two_factor_setup"


@bp.route("/forgot", methods=["GET", "POST"])
@public
@limiter.limit("5 per minute;20 per hour", methods=["POST"])
def forgot() -> str | Response:
    """Ask for a reset link; the same answer whether or not the address has an account."""
    form = ForgotForm()
    if form.validate_on_submit():
        account_links.request_reset(form.email.data or "")
        db.session.commit()
        flash(SENT, "info")
        return redirect(url_for("auth.login"), code=303)
    return render_template("auth/forgot.html", form=form)


def _set_password(token: str, purpose: str) -> tuple[SetPasswordForm, User | None]:
    """Validate the link and, on a good POST, use it; returns the form and the user or None."""
    account_links.usable(token, purpose)
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            user = account_links.set_password(token, purpose, form.new.data or "")
        except account_links.LinkUnusable:
            raise
        except DomainError as exc:
            db.session.rollback()
            form.new.errors = [*form.new.errors, str(exc)]
        else:
            return form, user
    return form, None


@bp.route("/reset/<token>", methods=["GET", "POST"])
@public
@limiter.limit("10 per minute", methods=["POST"])
def reset(token: str) -> str | Response | tuple[str, int]:
    """Set a new password from an emailed link (once); two-factor stays on."""
    return _link_page(
        token,
        account_links.RESET,
        "Set a new password",
        lambda _user: settle("Your new password is set. Sign in with it.", url_for("auth.login")),
    )


@bp.route("/welcome/<token>", methods=["GET", "POST"])
@public
@limiter.limit("10 per minute", methods=["POST"])
def welcome(token: str) -> str | Response | tuple[str, int]:
    """Accept an invite: choose a password, then set up two-factor sign-in."""
    return _link_page(token, account_links.INVITE, "Welcome to Roadshow: choose a password", _welcomed)


def _welcomed(user: User) -> Response:
    """Sign the new account in, then on to setting up two-factor sign-in."""
    users.signed_in(user, client_key())
    db.session.commit()
    session.clear()
    login_user(user, remember=False)
    session.permanent = True
    return device.remember(redirect(url_for("auth.two_factor_setup"), code=303), user)


def _link_page(
    token: str, purpose: str, title: str, done: Callable[[User], Response]
) -> str | Response | tuple[str, int]:
    """A password link's page: gone (410) when unusable, `done(user)` once the password is set, else the form."""
    try:
        form, user = _set_password(token, purpose)
    except account_links.LinkUnusable as exc:
        return render_template("auth/link_problem.html", message=str(exc)), 410
    if user is not None:
        return done(user)
    return render_template("auth/set_password.html", form=form, title=title)


@bp.route("/two-factor", methods=["GET", "POST"])
def two_factor_setup() -> str | Response:
    """Scan a QR code (or type the key), confirm with a code, and keep the recovery codes shown once."""
    user = current_user._get_current_object()  # type: ignore[attr-defined]
    if user.has_two_factor:
        return render_template("auth/two_factor_on.html", left=two_factor.recovery_codes_left(user))
    secret = session.get(SETUP) or two_factor.new_secret()
    session[SETUP] = secret
    form = EnrolForm()
    if form.validate_on_submit():
        try:
            codes = two_factor.enrol(user, secret, form.code.data or "")
        except DomainError as exc:
            db.session.rollback()
            form.code.errors = [*form.code.errors, str(exc)]
        else:
            db.session.commit()
            session.pop(SETUP, None)
            return render_template("auth/recovery_codes.html", codes=codes, home=home_for(user))
    uri = two_factor.provisioning_uri(user, secret)
    return render_template(
        "auth/two_factor_setup.html",
        form=form,
        qr=two_factor.qr_data_uri(uri),
        key=two_factor.spaced(secret),
        required=two_factor.requires_two_factor(user),
        home=home_for(user),
    )


@bp.route("/two-factor/recovery-codes", methods=["POST"])
def new_recovery_codes() -> str | Response:
    """Replace your recovery codes (the old ones stop working)."""
    user = current_user._get_current_object()  # type: ignore[attr-defined]
    if not user.has_two_factor:
        return redirect(url_for("auth.two_factor_setup"), code=303)
    codes = two_factor.new_recovery_codes(user)
    db.session.commit()
    return render_template("auth/recovery_codes.html", codes=codes, home=home_for(user))
