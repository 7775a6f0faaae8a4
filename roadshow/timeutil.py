"""The one place where UTC (stored) meets Europe/London (shown and entered)."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time
from typing import TypeVar
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
Moment = TypeVar("Moment", date, datetime)


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def today_london() -> date:
    """Today's date as people in Cambridgeshire see it."""
    return utcnow().astimezone(LONDON).date()


def to_london(value: datetime) -> datetime:
    """An aware UTC datetime shown in Europe/London."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(LONDON)


def london_to_utc(day: date, at: time) -> datetime:
    """A wall-clock date and time in London, as aware UTC (handles BST either side)."""
    return datetime.combine(day, at, tzinfo=LONDON).astimezone(UTC)


def months_before(moment: Moment, months: int) -> Moment:
    """The same day (and time) `months` calendar months earlier, clamped to a shorter month's last day.

    Retention periods are counted this way, so 31 May less one month is 30 April, never the 28th.
    """
    year, month0 = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = min(moment.day, calendar.monthrange(year, month0 + 1)[1])
    return moment.replace(year=year, month=month0 + 1, day=day)


def format_datetime(value: datetime | None) -> str:
    """E.g. 'Tuesday 3 March 2026, 4:30pm' in London time."""
    if value is None:
        return ""
    local = to_london(value)
    clock = local.strftime("%I:%M%p").lstrip("0").lower().replace(":00", "")
    return f"{local.strftime('%A')} {local.day} {local.strftime('%B %Y')}, {clock}"


def format_date(value: date | datetime | None) -> str:
    """E.g. '3 March 2026'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_london(value).date()
    return f"{value.day} {value.strftime('%B %Y')}"


def format_time(value: datetime | None) -> str:
    """E.g. '4:30pm' in London time."""
    if value is None:
        return ""
    return to_london(value).strftime("%I:%M%p").lstrip("0").lower().replace(":00", "")
