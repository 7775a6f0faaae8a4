"""`flask` commands. Each one calls services and commits once."""

from __future__ import annotations

import sys

import click
from flask import Flask

from roadshow.extensions import db
from roadshow.services import DomainError, demo, mail, retention
from roadshow.services.accounts import passwords, two_factor, users


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice(users.ROLES))
@click.option("--generate", is_flag=True, help="Generate a password and print it once.")
@click.option(
    "--safeguarding-lead",
    is_flag=True,
    help="A designated safeguarding lead (coordinator or admin): emailed escalated comments, may read them.",
)
@click.option(
    "--totp-secret",
    default=None,
    metavar="BASE32",
    help="Enrol two-factor sign-in with this base32 secret (scripts and monitoring sign in with it).",
)
def create_user(
    email: str, name: str, role: str, generate: bool, safeguarding_lead: bool, totp_secret: str | None
) -> None:
    """Create a staff account. The password is read from standard input when it is not a terminal."""
    if generate:
        password = passwords.generate()
    elif sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\n")
    try:
        user = users.create(email, name, role, password, must_change=generate, safeguarding_lead=safeguarding_lead)
        if totp_secret is not None:
            two_factor.enrol_with_secret(user, totp_secret)
    except DomainError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    lead = " (designated safeguarding lead)" if user.is_safeguarding_lead else ""
    click.echo(f"Created {user.role} account for {user.email}{lead}.")
    if totp_secret is not None:
        click.echo("Two-factor sign-in is on with the secret given.")
    elif two_factor.requires_two_factor(user):
        click.echo("This account must set up two-factor sign-in at its first sign-in.")
    if generate:
        click.echo(f"One-time password (shown once, must be changed at first sign-in): {password}")


@click.command("unlock-user")
@click.option("--email", required=True)
def unlock_user(email: str) -> None:
    """Clear an account's sign-in delay after repeated wrong passwords (audited)."""
    user = users.by_email(email)
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    users.unlock(user)
    db.session.commit()
    click.echo(f"Sign-in delay cleared for {user.email}.")


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has accounts.")
def seed_demo(if_empty: bool) -> None:
    """Fill an empty database with believable demo data and one account per role."""
    if if_empty and not demo.is_empty():
        click.echo("Database already has data; demo seed skipped.")
        return
    if not demo.is_empty():
        raise click.ClickException("The database is not empty; seed-demo only fills an empty database.")
    accounts = demo.seed()
    db.session.commit()
    click.echo("Demo data created. Staff sign-in details (demo only):")
    for role, email, password in accounts:
        click.echo(f"  {role:<12} {email:<32} {password}")


@click.command("retry-mail")
def retry_mail() -> None:
    """Try again to send emails that failed earlier."""
    sent, failed = mail.retry_pending()
    db.session.commit()
    click.echo(f"Sent {sent}; still failing {failed}.")


@click.command("mail-worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty (for tests and one-off runs).")
def mail_worker(burst: bool) -> None:
    """Deliver queued emails and newsletter batches from Redis (REDIS_URL); run one or more of these."""
    from roadshow import mailqueue

    if not mailqueue.enabled():
        raise click.ClickException("Set REDIS_URL: without it, emails are sent by the app itself after each change.")
    mailqueue.work(burst=burst)


@click.command("purge")
def purge() -> None:
    """Delete personal data that has passed its retention period."""
    results = retention.purge_all()
    db.session.commit()
    for name, count in results.items():
        click.echo(f"{name}: {count}")


def register(app: Flask) -> None:
    """Every `flask` command, added here and nowhere else: the core ones above, then each feature's `commands.py`."""
    from roadshow.news.commands import send_edition
    from roadshow.ops.commands import backup_command, bench_seed_command, restore_command
    from roadshow.reports.commands import report_rollup_command
    from roadshow.scheduling.commands import schedule_session, send_reminders

    for command in (
        create_user,
        unlock_user,
        seed_demo,
        retry_mail,
        mail_worker,
        purge,
        send_edition,
        report_rollup_command,
        schedule_session,
        send_reminders,
        backup_command,
        restore_command,
        bench_seed_command,
    ):
        app.cli.add_command(command)
