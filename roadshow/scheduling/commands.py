"""`flask schedule-session` (the same rules as the staff form) and `flask send-reminders` (run on a timer)."""

from __future__ import annotations

from datetime import date, time

import click

from roadshow.constants import DISTRICT_NAMES
from roadshow.extensions import db
from roadshow.services import DomainError
from roadshow.services.accounts import users
from roadshow.services.scheduling import visits
from roadshow.services.scheduling.sessions import Actor, SessionDetails
from roadshow.transaction import commit_and_send


@click.command("schedule-session")
@click.option("--title", required=True, help="The group or organisation.")
@click.option("--date", "day", required=True, type=click.DateTime(["%Y-%m-%d"]), help="YYYY-MM-DD")
@click.option("--start", required=True, type=click.DateTime(["%H:%M"]), help="HH:MM, London time")
@click.option("--end", required=True, type=click.DateTime(["%H:%M"]), help="HH:MM, London time")
@click.option("--venue", required=True)
@click.option("--postcode", required=True)
@click.option("--district", required=True, type=click.Choice(sorted(DISTRICT_NAMES)))
@click.option("--facilitator", "emails", required=True, multiple=True, help="A staff email; repeat for more.")
def schedule_session(
    title: str, day, start, end, venue: str, postcode: str, district: str, emails: tuple[str, ...]
) -> None:
    """Schedule a session directly; clashes are refused exactly as on the staff pages."""
    people = [users.by_email(e) for e in emails]
    if any(p is None for p in people):
        raise click.ClickException("Every --facilitator must be the email of a staff account.")
    details = SessionDetails(
        day=date(day.year, day.month, day.day),
        starts=time(start.hour, start.minute),
        ends=time(end.hour, end.minute),
        venue=venue,
        postcode=postcode,
        district=district,
        facilitator_ids=tuple(p.id for p in people),  # type: ignore[union-attr]
        title=title,
    )
    try:
        outcome = visits.schedule(details, Actor(label="cli"))
    except DomainError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    commit_and_send(outcome.notices)
    session = outcome.session
    click.echo(f"Scheduled session {session.id}; feedback code {session.feedback_code}.")  # type: ignore[union-attr]


@click.command("send-reminders")
def send_reminders() -> None:
    """Run on a timer (docs/DEPLOY.md): offer reminders, lapsed offers, and reminders 3 days before a visit."""
    from roadshow.services.scheduling.reminders import send_reminders as run

    result = run()
    click.echo(
        f"Offer reminders {result.offer_reminders}; offers lapsed {result.lapsed}; "
        f"session reminders {result.session_reminders}."
    )
