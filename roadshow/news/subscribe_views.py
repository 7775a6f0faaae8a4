"""Subscribing to the newsletter by email (double opt-in) and one-click unsubscribing."""

from __future__ import annotations

from flask import Response, redirect, render_template, request, url_for

from roadshow.extensions import csrf, db, limiter
from roadshow.news import bp
from roadshow.news.forms import SubscribeForm
from roadshow.ratelimit import subscribe_limit
from roadshow.security import public
from roadshow.services.news import subscribers
from roadshow.staff.forms import ActionForm


@bp.route("/news/subscribe", methods=["GET", "POST"])
@public
@limiter.limit(subscribe_limit, methods=["POST"])
def subscribe() -> str | Response:
    """Sign up: we email a confirmation link; nothing else is sent until it is used."""
    form = SubscribeForm()
    if form.validate_on_submit():
        if not form.website.caught:  # the honeypot: bots get the same answer and nothing happens
            subscribers.subscribe(form.email.data or "", form.first_name.data or "")
            db.session.commit()
        return redirect(url_for("news.subscribe_sent"), code=303)
    return render_template("news/subscribe.html", form=form)


@bp.route("/news/subscribe/check-your-email")
@public
def subscribe_sent() -> str:
    """The same message whether or not the address was already on the list."""
    return render_template("news/subscribe_sent.html")


def _link_problem(exc: subscribers.DomainError) -> tuple[str, int]:
    expired = isinstance(exc, subscribers.LinkExpired)
    return render_template("news/link_problem.html", expired=expired), 410 if expired else 404


@bp.route("/news/subscribe/confirm/<token>", methods=["GET", "POST"])
@public
def confirm(token: str) -> str | tuple[str, int]:
    """A button to confirm (so a mail scanner opening the link does not subscribe anyone)."""
    form = ActionForm()
    try:
        subscriber = subscribers.pending_for_confirmation(token)
        if form.validate_on_submit():
            subscribers.confirm(token)
            db.session.commit()
            return render_template("news/subscribe_done.html")
    except subscribers.DomainError as exc:
        return _link_problem(exc)
    return render_template("news/subscribe_confirm.html", form=form, already=subscriber.status == "confirmed")


@bp.route("/news/unsubscribe/<token>", methods=["GET", "POST"])
@public
@csrf.exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" with no session or token
def unsubscribe(token: str) -> str | tuple[str, int]:
    """GET shows one button; POST (from that button or a mail program) unsubscribes at once."""
    try:
        subscriber = subscribers.for_unsubscribe(token)
    except subscribers.DomainError as exc:
        return _link_problem(exc)
    if request.method == "POST":
        subscribers.unsubscribe(subscriber)
        db.session.commit()
        return render_template("news/unsubscribed.html")
    done = subscriber.status == "unsubscribed"
    return render_template("news/unsubscribe.html", done=done)
