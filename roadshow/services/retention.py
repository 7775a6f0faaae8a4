"""Retention: every feature's purge, run together by `flask purge`."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import OutboundEmail
from roadshow.services.volunteers import retention as volunteer_retention
from roadshow.timeutil import utcnow


def purge_sent_mail() -> int:
    """Delivered messages are kept only as a row with no content; drop rows over 30 days old."""
    from datetime import timedelta

    cutoff = utcnow() - timedelta(days=30)
    result = db.session.execute(
        sa.delete(OutboundEmail).where(OutboundEmail.status == "sent", OutboundEmail.created_at < cutoff)
    )
    return result.rowcount or 0


# Each feature appends its own (name, function) pair.
PURGES: list[tuple[str, Callable[[], int]]] = [
    ("sent emails removed", purge_sent_mail),
    ("volunteer applications removed", volunteer_retention.purge_stale),
]


def _purge_booking_contacts() -> int:
    from roadshow.services.bookings import purge_contact_details

    return purge_contact_details()


PURGES.append(("booking contact details removed", _purge_booking_contacts))


def _purge_newsletter_pending() -> int:
    from roadshow.services.news.subscribers import purge_pending

    return purge_pending()


PURGES.append(("unconfirmed newsletter sign-ups removed", _purge_newsletter_pending))


def purge_all() -> dict[str, int]:
    return {name: fn() for name, fn in PURGES}


def _feedback_purges() -> list[tuple[str, Callable[[], int]]]:
    from roadshow.services.feedback import retention as feedback_retention

    return [
        ("feedback comments past retention removed", feedback_retention.purge_old_comments),
        ("used feedback submission ids removed", feedback_retention.purge_old_tokens),
    ]


PURGES.extend(_feedback_purges())


def _purge_safeguarding() -> int:
    from roadshow.services.feedback.safeguarding import purge_expired

    return purge_expired()


# Escalated comments skip the feedback purge above: they go only when SAFEGUARDING_RETENTION_YEARS ends.
PURGES.append(("escalated comments past safeguarding retention removed", _purge_safeguarding))


def _purge_sign_in_records() -> int:
    from roadshow.services.accounts import account_links, login_guard

    return login_guard.forget_old() + account_links.purge_used()


PURGES.append(("sign-in delays and used account links removed", _purge_sign_in_records))
