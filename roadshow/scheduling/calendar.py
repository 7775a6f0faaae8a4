"""Month and week grids for the staff calendar, in London dates."""

from __future__ import annotations

import calendar as pycal
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from roadshow.models.scheduling import RoadshowSession
from roadshow.timeutil import london_to_utc, to_london


@dataclass(frozen=True)
class Period:
    """The days shown and the links either side."""

    view: str
    anchor: date  # the day asked for: switching view keeps it in sight
    first: date
    last: date  # inclusive
    previous: date
    next: date
    title: str

    @property
    def start_utc(self) -> datetime:
        return london_to_utc(self.first, time.min)

    @property
    def end_utc(self) -> datetime:
        return london_to_utc(self.last + timedelta(days=1), time.min)


def period(view: str, anchor: date) -> Period:
    if view == "week":
        monday = anchor - timedelta(days=anchor.weekday())
        sunday = monday + timedelta(days=6)
        title = f"Week of {monday.day} {monday:%B %Y}"
        return Period("week", anchor, monday, sunday, monday - timedelta(days=7), monday + timedelta(days=7), title)
    first = anchor.replace(day=1)
    last = first.replace(day=pycal.monthrange(first.year, first.month)[1])
    previous = (first - timedelta(days=1)).replace(day=1)
    return Period("month", anchor, first, last, previous, last + timedelta(days=1), f"{first:%B %Y}")


def month_weeks(p: Period) -> list[list[date | None]]:
    """Weeks Monday to Sunday; days outside the month are None."""
    return [
        [d if d.month == p.first.month else None for d in week]
        for week in pycal.Calendar().monthdatescalendar(p.first.year, p.first.month)
    ]


def week_days(p: Period) -> list[date]:
    return [p.first + timedelta(days=n) for n in range(7)]


def by_day(sessions: list[RoadshowSession]) -> dict[date, list[RoadshowSession]]:
    days: dict[date, list[RoadshowSession]] = defaultdict(list)
    for session in sessions:
        days[to_london(session.starts_at).date()].append(session)
    return days
