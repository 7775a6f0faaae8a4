"""The daily cap on confirmation emails to one address, shared by every public form that sends one.

A public form can be filled in again and again with someone else's address; counting the rows made
for that address in the last day keeps us from flooding their inbox.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app

from roadshow.extensions import db
from roadshow.timeutil import utcnow


def made_today(model: Any, email: str) -> int:
    """Rows of `model` (with `email` and `created_at` columns) for this address in the last day."""
    since = utcnow() - timedelta(days=1)
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(model).where(model.email == email, model.created_at > since)
    )


def may_confirm(model: Any, email: str) -> bool:
    """True while this address is within the day's cap on confirmations, this new row included."""
    return made_today(model, email) <= current_app.config["CONFIRMATIONS_PER_ADDRESS_PER_DAY"]
