"""The CSV export: one tidy row per figure the report page shows, already suppressed."""

from __future__ import annotations

from collections.abc import Iterator

from roadshow.services.disclosure import ProtectedTable
from roadshow.services.reports import Report

CSV_HEADER = ("period", "dimension", "category", "measure", "value")


def _dimension_name(table: ProtectedTable) -> str:
    return table.key


def csv_rows(report: Report) -> Iterator[tuple[str, str, str, str, str]]:
    """One tidy row per figure the page shows, already suppressed: (period, dimension, category, measure, value)."""
    period = f"{report.filter.period.label} – {report.scope}"
    for table in report.tables():
        dim = _dimension_name(table)
        if table.key != "totals" and not table.has_data:  # the page says "no answers" instead
            continue
        if table.key == "totals" and report.trend is None:  # the page shows the totals alone
            for row in table.rows:
                yield period, dim, f"{row.label} | Total", "count", row.total.display if row.total else ""
            continue
        for row in table.rows:
            for (_, column), cell in zip(table.columns, row.cells, strict=True):
                category = row.label if len(table.columns) == 1 else f"{row.label} | {column}"
                yield period, dim, category, "count", cell.display
                if cell.percent:
                    yield period, dim, category, "percent", cell.percent
            if row.total is not None:
                yield period, dim, f"{row.label} | Total", "count", row.total.display
            if row.ratio is not None:
                for measure, value in (
                    ("share stopped", row.ratio.share),
                    ("ratio to White", row.ratio.ratio),
                    ("ratio 95% CI low", row.ratio.low),
                    ("ratio 95% CI high", row.ratio.high),
                ):
                    if value:
                        yield period, dim, row.label, measure, value
        if table.column_totals is not None:
            for (_, column), cell in zip(table.columns, table.column_totals, strict=True):
                yield period, dim, f"Total | {column}", "count", cell.display
                if cell.percent:
                    yield period, dim, f"Total | {column}", "percent", cell.percent
        if table.grand_total is not None:
            yield period, dim, "Total", "count", table.grand_total.display
