"""Demo data for `flask seed-demo`. Each feature adds a seeder to SEEDERS."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import User
from roadshow.services.accounts import users
from roadshow.services.volunteers.demo import seed_demo as seed_volunteers

DEMO_PASSWORD = "roadshow-demo-2026"  # noqa: S105 (demo accounts, printed by seed-demo)
DEMO_ACCOUNTS = (
    ("admin", "admin@example.org", "Alex Admin"),
    ("coordinator", "coordinator@example.org", "Casey Coordinator"),
    ("panel", "panel@example.org", "Pat Panel"),
)


def is_empty() -> bool:
    return db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def seed_accounts() -> list[tuple[str, str, str]]:
    created = []
    for role, email, name in DEMO_ACCOUNTS:
        # The demo admin is also the designated safeguarding lead; the demo coordinator is not.
        users.create(email, name, role, DEMO_PASSWORD, safeguarding_lead=role == "admin")
        created.append((role, email, DEMO_PASSWORD))
    return created


# Feature seeders run after the accounts exist, in this order.
SEEDERS: list[Callable[[], None]] = [seed_volunteers]


def _seed_booking_requests() -> None:
    from roadshow.services.bookings.demo import seed_requests

    seed_requests()


SEEDERS.append(_seed_booking_requests)


def _seed_news() -> None:
    from roadshow.services.news.demo import seed_spring_edition

    seed_spring_edition()


SEEDERS.append(_seed_news)


def _seed_sessions() -> None:
    from roadshow.services.scheduling import demo as scheduling_demo

    scheduling_demo.seed()


SEEDERS.append(_seed_sessions)


def seed() -> list[tuple[str, str, str]]:
    accounts = seed_accounts()
    db.session.flush()
    for seeder in SEEDERS:
        seeder()
        db.session.flush()
    return accounts


def _seed_feedback() -> None:
    from roadshow.services.feedback import demo as feedback_demo

    feedback_demo.seed_demo()


SEEDERS.append(_seed_feedback)  # after scheduling: it needs delivered sessions


def _seed_safeguarding() -> None:
    from roadshow.services.feedback import safeguarding

    safeguarding.seed_demo()


SEEDERS.append(_seed_safeguarding)  # after feedback: it escalates one of its comments


def _seed_you_said_we_did() -> None:
    from roadshow.services.yousaid.demo import seed_demo

    seed_demo()


SEEDERS.append(_seed_you_said_we_did)  # after feedback: its published figures come from the responses
