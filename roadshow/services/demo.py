"""Demo data for `flask seed-demo`: the accounts, then each feature's `demo` module in the order SEEDERS gives."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import User
from roadshow.services.accounts import users
from roadshow.services.bookings import demo as bookings_demo
from roadshow.services.feedback import demo as feedback_demo
from roadshow.services.feedback import safeguarding
from roadshow.services.news import demo as news_demo
from roadshow.services.scheduling import demo as scheduling_demo
from roadshow.services.volunteers import demo as volunteers_demo
from roadshow.services.yousaid import demo as yousaid_demo

DEMO_PASSWORD = "roadshow-demo-2026"  # noqa: S105 (demo accounts, printed by seed-demo)
DEMO_ACCOUNTS = (
    ("admin", "admin@example.org", "Alex Admin"),
    ("coordinator", "coordinator@example.org", "Casey Coordinator"),
    ("panel", "panel@example.org", "Pat Panel"),
)


def is_empty() -> bool:
    """Whether the database has no accounts yet: seed-demo only fills an empty database."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def seed_accounts() -> list[tuple[str, str, str]]:
    """One demo account per role, all with the printed demo password."""
    created = []
    for role, email, name in DEMO_ACCOUNTS:
        # The demo admin is also the designated safeguarding lead; the demo coordinator is not.
        users.create(email, name, role, DEMO_PASSWORD, safeguarding_lead=role == "admin")
        created.append((role, email, DEMO_PASSWORD))
    return created


def seed() -> list[tuple[str, str, str]]:
    """The demo accounts, then every feature's demo data in SEEDERS order; returns the sign-in details."""
    accounts = seed_accounts()
    db.session.flush()
    for _name, seeder in SEEDERS:
        seeder()
        db.session.flush()
    return accounts


# Every feature's demo data, in the order it runs. The order is the dependencies, written down:
# sessions are made from booking requests, feedback needs delivered sessions, safeguarding escalates
# one of feedback's comments, and you-said-we-did publishes figures counted from the responses.
SEEDERS: tuple[tuple[str, Callable[[], None]], ...] = (
    ("volunteers", volunteers_demo.seed_demo),
    ("booking requests", bookings_demo.seed_requests),
    ("news", news_demo.seed_spring_edition),
    ("sessions", scheduling_demo.seed),
    ("feedback", feedback_demo.seed_demo),
    ("safeguarding", safeguarding.seed_demo),
    ("you said, we did", yousaid_demo.seed_demo),
)
