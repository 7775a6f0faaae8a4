"""Calendars: the staff month and week view, a session's .ics invite, and each facilitator's private feed."""

from __future__ import annotations

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from roadshow.extensions import db
from roadshow.links import absolute_url
from roadshow.models.scheduling import RoadshowSession, SessionStatus
from roadshow.scheduling import bp
from roadshow.scheduling import calendar as cal
from roadshow.scheduling.forms import (
    ActionForm,
)
from roadshow.security import public, staff_required
from roadshow.services import DomainError
from roadshow.services.scheduling import ical
from roadshow.services.scheduling import queries as session_queries
from roadshow.timeutil import today_london
from roadshow.transaction import refuse


@bp.route("/staff/sessions/<int:session_id>/invite.ics")
@staff_required
def invite_ics(session_id: int) -> Response:
    """The session as an iCalendar file (a cancellation once it is cancelled)."""
    session = db.get_or_404(RoadshowSession, session_id)
    cancelled = session.status in (SessionStatus.CANCELLED, SessionStatus.WITHDRAWN)
    method = ical.CANCEL if cancelled else ical.REQUEST
    data = ical.invite(session, method, attendees=[f.email for f in session.facilitators])
    return Response(
        data,
        mimetype="text/calendar",
        headers={
            "Content-Type": f"text/calendar; charset=utf-8; method={method}",
            "Content-Disposition": f'attachment; filename="roadshow-session-{session.id}.ics"',
        },
    )


@bp.route("/staff/calendar")
@staff_required
def calendar() -> str:
    """Month or week view of sessions and pending offers, server-rendered."""
    view = "week" if request.args.get("view") == "week" else "month"
    try:
        anchor = date.fromisoformat(request.args.get("date", ""))
    except ValueError:
        anchor = today_london()
    p = cal.period(view, anchor)
    days = cal.by_day(session_queries.between(p.start_utc, p.end_utc))
    return render_template(
        "scheduling/calendar.html",
        period=p,
        days=days,
        weeks=cal.month_weeks(p) if view == "month" else None,
        week=cal.week_days(p) if view == "week" else None,
        today=today_london(),
        feed_form=ActionForm(),
        has_feed=current_user.ical_token_hash is not None,
    )


@bp.route("/staff/calendar/feed", methods=["POST"])
@staff_required
def calendar_feed() -> str | Response:
    """Create (or replace) or turn off your private calendar feed address."""
    form = ActionForm()
    if not form.validate_on_submit() or form.action.data not in ("issue", "revoke"):
        abort(400)
    me = current_user._get_current_object()
    if form.action.data == "revoke":
        try:
            ical.revoke_feed_token(me, me)
        except DomainError as exc:
            refuse(exc)
        else:
            db.session.commit()
            flash("Your calendar feed is turned off. Calendars subscribed to it stop updating.", "success")
        return redirect(url_for("scheduling.calendar"), code=303)
    token = ical.issue_feed_token(me, me)
    db.session.commit()
    feed = absolute_url("scheduling.ical_feed", token=token)
    return render_template("scheduling/feed_created.html", feed=feed)


@bp.route("/ical/<token>.ics")
@public
def ical_feed(token: str) -> Response:
    """A facilitator's private feed for Outlook or Google Calendar; a wrong token is a plain 404."""
    user = ical.user_for_feed_token(token)
    if user is None:
        abort(404)
    data = ical.feed(ical.feed_sessions(user), name=f"Roadshow sessions: {user.name}")
    return Response(
        data,
        headers={"Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store"},
    )
