""" "What stands out": a few plain sentences built only from figures the report already publishes."""

from __future__ import annotations

from datetime import timedelta

from roadshow.services.reports.build import Report
from roadshow.services.reports.disclosure import percent
from roadshow.services.reports.periods import Period, financial_year, quarter_of

AGREE = ("4", "5")
STOPPED = ("once", "more_than_once")


def previous_period(period: Period) -> Period | None:
    """The quarter or financial year before this one; all time has none."""
    if period.start is None:
        return None
    if period.is_quarter:
        return quarter_of(period.start - timedelta(days=1))
    return financial_year(period.start.year - 1)


def _share(report: Report | None, table_key: str, row_key: str, wanted: tuple[str, ...]) -> int | None:
    """Share of a published row in the `wanted` columns, or None if any figure it needs is withheld."""
    table = next((t for t in report.tables() if t.key == table_key), None) if report else None
    row = next((r for r in table.rows if r.key == row_key), None) if table else None
    if table is None or row is None or row.total is None or not row.total.value:
        return None
    parts = [c for (key, _), c in zip(table.columns, row.cells, strict=True) if key in wanted]
    if not parts or not all(p.shown for p in parts) or (row.total.value or 0) < 20:
        return None
    return percent(sum(p.value or 0 for p in parts), row.total.value)


def _responses(report: Report | None) -> int | None:
    row = next((r for r in report.totals.rows if r.key == "responses"), None) if report else None
    return row.total.value if row and row.total else None


def _change(now: int | None, before: int | None, share: bool, label: str) -> str:
    """ ", up 12 on <previous period> (was 200)", from two published figures."""
    if now is None or not before:  # nothing published before (or nothing at all): no change to report
        return ""
    if now == before:
        return f", the same as in {label}"
    word = "up" if now > before else "down"
    unit, was = (" percentage points", f"{before}%") if share else ("", f"{before:,}")
    return f", {word} {abs(now - before):,}{unit} on {label} (was {was})"


def stands_out(report: Report, before: Report | None) -> list[str]:
    """Sentences for the top of the report; each names only published figures."""
    label = before.filter.period.label if before else ""
    out = []
    responses = _responses(report)
    if responses:
        out.append(f"{responses:,} responses{_change(responses, _responses(before), False, label)}.")
    if report.too_few:
        return out
    facts = (
        ("question:stopped", "stopped", STOPPED, "said police have stopped and searched them"),
        ("question:useful", "useful", AGREE, "found the session useful (4 or 5 out of 5)"),
        ("confidence", "confidence_after", AGREE, "were sure afterwards that stop and search is used fairly"),
    )
    for table, row, wanted, words in facts:
        share = _share(report, table, row, wanted)
        if share is not None:
            then = _share(before, table, row, wanted)
            out.append(f"{share}% {words}{_change(share, then, True, label)}.")
    was = _share(report, "confidence", "confidence_before", AGREE)
    now = _share(report, "confidence", "confidence_after", AGREE)
    if was is not None and now is not None and was != now:
        direction = "more" if now > was else "fewer"
        out.append(
            f"After the session, {abs(now - was)} percentage points {direction} were sure of that than before it."
        )
    return out
