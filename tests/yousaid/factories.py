"""Hosting groups, sessions in a period, and findings with responses, for the 'you said, we did' tests."""

from __future__ import annotations

import itertools
from datetime import date, time, timedelta

from roadshow.extensions import db
from roadshow.models import RoadshowSession, User
from roadshow.models.booking import BookingRequest
from roadshow.models.yousaid import YouSaidFinding
from roadshow.services.reports import periods
from roadshow.services.reports.periods import Period
from roadshow.services.yousaid import findings as yousaid
from roadshow.timeutil import london_to_utc, today_london, utcnow
from tests.reports.factories import make_responses, make_session

_numbers = itertools.count(1)


def last_quarter() -> Period:
    """The quarter before today's: begun and over whatever the date, as the staff pages offer it."""
    this = periods.quarter_of(today_london())
    assert this.start is not None
    return periods.quarter_of(this.start - timedelta(days=1))


def day_in(period: Period, offset: int = 10) -> date:
    assert period.start is not None
    return period.start + timedelta(days=offset)


def hosted_session(
    period: Period,
    email: str,
    organisation: str = "",
    *,
    offset: int = 10,
    status: str = "delivered",
    purged: bool = False,
    consent: bool = True,
    responses: int = 0,
) -> RoadshowSession:
    """A group's booking request and a session made from it, on a day of `period`."""
    n = next(_numbers)
    request = BookingRequest(
        reference=f"RS-2026-{9000 + n}",
        token_hash=f"{n:064d}",
        status="delivered",
        organisation=organisation or f"Youth club {n}",
        group_type="youth_club",
        contact_name="" if purged else f"Leader {n}",
        email="" if purged else email,
        phone="" if purged else "01223 000000",
        district="fenland",
        venue_address="Hall",
        postcode="PE13 1AA",
        group_size=20,
        age_min=13,
        age_max=16,
        topics="both",
        consent_to_contact=consent,
        contact_purged_at=utcnow() if purged else None,
    )
    db.session.add(request)
    db.session.flush()
    day = day_in(period, offset)
    session = make_session(starts=london_to_utc(day, time(18)), status=status)
    session.request_id = request.id
    if responses:
        make_responses(session, responses, on=day)
    db.session.flush()
    return session


def finding_with_response(code: str, panel: User, coordinator: User, text: str, answer: str) -> YouSaidFinding:
    finding = yousaid.add_finding(code, text, actor=panel)
    yousaid.add_response(finding, yousaid.ResponseInput("force", answer, "done"), actor=coordinator)
    return finding
