"""`flask send-edition`: the same send as the staff page, for a terminal or a scheduled job."""

from __future__ import annotations

import click
import sqlalchemy as sa

from roadshow import mailqueue
from roadshow.extensions import db
from roadshow.models import Edition
from roadshow.services import DomainError
from roadshow.services.news import newsletter


@click.command("send-edition")
@click.argument("edition")
def send_edition(edition: str) -> None:
    """Email EDITION (its slug, e.g. spring-2026, or id) to confirmed subscribers; resumes a stopped send."""
    found = db.session.scalar(sa.select(Edition).where(Edition.slug == edition))
    if found is None and edition.isdigit():
        found = db.session.get(Edition, int(edition))
    if found is None:
        raise click.ClickException(f"No edition {edition!r}.")
    try:
        send = newsletter.start_send(found, actor=None)
    except DomainError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    if mailqueue.enabled():
        try:
            jobs = newsletter.queue_batches(send)
        except DomainError as exc:
            db.session.rollback()
            raise click.ClickException(str(exc)) from exc
        click.echo(f"Queued {jobs} batch(es) of {found.title} for the mail workers (flask mail-worker).")
        return
    while True:
        result = newsletter.send_batches(send, batches=1)
        click.echo(f"Sent {result.sent} of {result.total}.")
        if result.error:
            raise click.ClickException(f"{result.error} Run the command again to carry on.")
        if result.finished:
            break
    if result.uncertain:
        click.echo(f"{result.uncertain} were interrupted mid-send earlier and are not sent again.")
    click.echo(f"Done: {found.title} sent to {result.sent} subscribers.")
