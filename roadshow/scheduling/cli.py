"""`flask schedule-session`: the same rules as the staff form, for bulk or scripted scheduling."""

from __future__ import annotations

from datetime import date, time

import click

from roadshow.constants import DISTRICT_NAMES
from roadshow.extensions import db
from roadshow.services import DomainError, scheduling, users
from roadshow.services.scheduling import Actor, SessionDetails


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
        session = scheduling.create(details, Actor(label="cli"))
    except DomainError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Scheduled session {session.id}; feedback code {session.feedback_code}.")
