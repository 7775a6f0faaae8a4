"""The CSV export: one tidy row per figure the report page shows, already protected.

Built for a spreadsheet: numbers are numbers (no thousands commas, no "%" signs), a withheld
figure has an empty value and "yes" in its own column, and the view is its period and scope.
The file starts with a UTF-8 byte-order mark (added by the view) so Excel reads the dashes.
"""

from __future__ import annotations

from collections.abc import Iterator

from roadshow.services.reports.build import Report
from roadshow.services.reports.disclosure import Figure, ProtectedTable

CSV_HEADER = ("period", "scope", "table", "row", "column", "measure", "value", "withheld")
TOTAL = "Total"
ANSWERED = "Answered this question"
CsvRow = tuple[str, str, str, str, str, str, int | float | str, str]


def _rows_of(table: ProtectedTable, trend: bool) -> Iterator[tuple[str, str, str, Figure | int | str]]:
    """(row, column, measure, figure or number) for every figure of one table, as the page shows it."""
    if table.key == "totals" and not trend:  # the page shows the totals alone
        for row in table.rows:
            yield row.label, TOTAL, "count", row.total  # type: ignore[misc]
        return
    single = len(table.columns) == 1
    for row in table.rows:
        for (_, column), cell in zip(table.columns, row.cells, strict=True):
            yield row.label, "" if single else column, "count", cell
            if cell.percent is not None:
                yield row.label, "" if single else column, "percent", cell.percent
        if row.total is not None:
            yield row.label, TOTAL, "count", row.total
        if row.ratio is not None:
            if row.ratio.share is not None:
                yield row.label, "", "share stopped (percent)", row.ratio.share
            for measure, value in (("ratio to White", row.ratio.ratio), ("ratio 95% CI low", row.ratio.low)):
                if value:
                    yield row.label, "", measure, value
            if row.ratio.high:
                yield row.label, "", "ratio 95% CI high", row.ratio.high
    if table.base is not None:
        yield ANSWERED, TOTAL, "count", table.base
    if table.column_totals is not None:
        for (_, column), cell in zip(table.columns, table.column_totals, strict=True):
            yield TOTAL, column, "count", cell
            if cell.percent is not None:
                yield TOTAL, column, "percent", cell.percent
    if table.grand_total is not None:
        yield TOTAL, TOTAL, "count", table.grand_total


def csv_rows(report: Report) -> Iterator[CsvRow]:
    """Every figure the page shows: (period, scope, table, row, column, measure, value, withheld)."""
    period, scope = report.filter.period.label, report.scope
    for table in report.tables():
        if table.key != "totals" and not table.has_data:  # the page says "no answers" instead
            continue
        for row, column, measure, item in _rows_of(table, report.trend is not None):
            if isinstance(item, Figure):
                value: int | float | str = "" if item.value is None else item.value
                yield period, scope, table.key, row, column, measure, value, "no" if item.shown else "yes"
            else:
                number = float(item) if isinstance(item, str) else item
                yield period, scope, table.key, row, column, measure, number, "no"
