"""Demo 'you said, we did' for `flask seed-demo`: last quarter, published, with findings and responses."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import User
from roadshow.models.yousaid import Responder, ResponseStatus
from roadshow.services.reports import periods
from roadshow.services.yousaid import findings as yousaid
from roadshow.timeutil import today_london

DEMO_FINDINGS = (
    (
        "Many of you said officers did not always tell you why they were searching you.",
        Responder.FORCE,
        "Every new officer now practises GOWISELY in training. They must say why they are searching you, "
        "and what they are looking for.",
        ResponseStatus.DONE,
        "",
    ),
    (
        "You said you did not know that you can ask for a record of a search.",
        Responder.OFFICE,
        "We are making a small card that tells you your rights. We will hand it out at every roadshow.",
        ResponseStatus.PLANNED,
        "",
    ),
    (
        "You asked us to come to more youth clubs in Fenland.",
        Responder.OFFICE,
        "We cannot add more visits this year.",
        ResponseStatus.NOT_TAKEN_FORWARD,
        "Only two of our staff run roadshows, and every date this year is full. We will look again in April.",
    ),
)


def seed_demo() -> None:
    """Write last quarter's findings as the demo panel member, respond as the coordinator, publish (no emails)."""
    panel = db.session.scalar(sa.select(User).where(User.role == "panel").order_by(User.id).limit(1))
    coordinator = db.session.scalar(sa.select(User).where(User.role == "coordinator").order_by(User.id).limit(1))
    if panel is None or coordinator is None:
        return
    this_quarter = periods.quarter_of(today_london())
    assert this_quarter.start is not None  # noqa: S101
    last_quarter = periods.quarter_of(this_quarter.start - timedelta(days=1))
    for finding_text, responder, text, status, reason in DEMO_FINDINGS:
        finding = yousaid.add_finding(last_quarter.code, finding_text, actor=panel)
        yousaid.add_response(finding, yousaid.ResponseInput(responder, text, status, reason), actor=coordinator)
    yousaid.publish(yousaid.find_period(last_quarter.code), actor=coordinator)
