"""The one CSV writer: a byte-order mark for Excel, and cells a spreadsheet will not run as formulas.

return Response(csv_text(rows), mimetype="text/csv")              # small files
return Response(stream_with_context(csv_lines(rows)), ...)       # large ones, row by row
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

# A cell starting with one of these would run as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # Excel then reads the file as UTF-8


def safe_cell(value: object) -> str:
    """The cell as text, with a leading quote when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: object) -> object:
    """Numbers stay numbers (a negative figure is not a formula); text is made safe."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else safe_cell(value)


def csv_lines(rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The BOM, then each row as one CSV line with every text cell made safe."""
    yield BOM
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """The whole file at once (csv_lines joined)."""
    return "".join(csv_lines(rows))
