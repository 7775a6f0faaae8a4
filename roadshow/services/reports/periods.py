"""Fixed reporting periods: financial quarters, financial years (April to March) and all time.

Only fixed periods are offered, so one report can never be subtracted from
another to reveal a small group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

QUARTER_MONTHS = ("April to June", "July to September", "October to December", "January to March")
ALL_TIME = "all"


@dataclass(frozen=True)
class Period:
    """Dates from `start` (inclusive) to `end` (exclusive); both None for all time."""

    code: str
    label: str
    start: date | None
    end: date | None

    @property
    def is_quarter(self) -> bool:
        return self.code.startswith("q-")


def financial_year_of(day: date) -> int:
    """The year a financial year starts in: 2026 for 1 April 2026 to 31 March 2027."""
    return day.year if day.month >= 4 else day.year - 1


def _fy_label(year: int) -> str:
    return f"{year}/{str(year + 1)[-2:]}"


def quarter(year: int, number: int) -> Period:
    """Quarter 1 to 4 of the financial year starting in April of `year`."""
    month = 4 + 3 * (number - 1)
    start = date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    end_month = month + 3
    end = date(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
    label = f"Q{number} {_fy_label(year)} ({QUARTER_MONTHS[number - 1]} {start.year})"
    return Period(f"q-{year}-{number}", label, start, end)


def financial_year(year: int) -> Period:
    return Period(f"fy-{year}", f"Financial year {_fy_label(year)}", date(year, 4, 1), date(year + 1, 4, 1))


def all_time() -> Period:
    return Period(ALL_TIME, "All time", None, None)


def parse(code: str) -> Period:
    """The period a code names; ValueError for anything else."""
    if code == ALL_TIME:
        return all_time()
    if m := re.fullmatch(r"fy-(\d{4})", code):
        return financial_year(int(m[1]))
    if m := re.fullmatch(r"q-(\d{4})-([1-4])", code):
        return quarter(int(m[1]), int(m[2]))
    raise ValueError(f"unknown period {code!r}")


def quarter_of(day: date) -> Period:
    year = financial_year_of(day)
    return quarter(year, (day.month - 4) % 12 // 3 + 1)


def quarters_between(first: date, last: date) -> list[Period]:
    """Every quarter from the one holding `first` to the one holding `last`."""
    out, current = [], quarter_of(first)
    while current.start is not None and current.start <= last:
        out.append(current)
        current = quarter_of(current.end)  # type: ignore[arg-type]
    return out


def choices(today: date, first: date | None) -> list[tuple[str, str]]:
    """All time, then each financial year (newest first) followed by its quarters so far."""
    out = [(ALL_TIME, "All time")]
    first_year = financial_year_of(first or today)
    for year in range(financial_year_of(today), first_year - 1, -1):
        fy = financial_year(year)
        out.append((fy.code, fy.label))
        for number in range(4, 0, -1):
            q = quarter(year, number)
            if q.start is not None and q.start <= today:
                out.append((q.code, q.label))
    return out


def trend_quarters(period: Period, first: date | None, last: date | None) -> list[Period]:
    """The quarters a period's trend covers."""
    if period.start is not None and period.end is not None:
        return quarters_between(period.start, date.fromordinal(period.end.toordinal() - 1))
    if first is None or last is None:
        return []
    return quarters_between(first, last)
