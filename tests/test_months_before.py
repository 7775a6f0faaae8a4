"""Retention periods count calendar months one way: the same day, or a shorter month's last day."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from roadshow.timeutil import months_before


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (date(2026, 5, 31), 1, date(2026, 4, 30)),  # the copy in feedback retention said the 28th
        (date(2027, 3, 31), 1, date(2027, 2, 28)),
        (date(2028, 3, 30), 1, date(2028, 2, 29)),  # leap year
        (date(2027, 1, 31), 14, date(2025, 11, 30)),
        (date(2027, 1, 15), 12, date(2026, 1, 15)),
        (datetime(2026, 8, 31, 12, tzinfo=UTC), 6, datetime(2026, 2, 28, 12, tzinfo=UTC)),
        (datetime(2028, 8, 31, tzinfo=UTC), 6, datetime(2028, 2, 29, tzinfo=UTC)),
        (datetime(2026, 1, 1, tzinfo=UTC), 12, datetime(2025, 1, 1, tzinfo=UTC)),
    ],
)
def test_months_before_clamps_to_the_end_of_a_shorter_month(moment, months, expected):
    assert months_before(moment, months) == expected
