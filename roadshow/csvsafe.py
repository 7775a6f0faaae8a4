"""CSV cells that a spreadsheet will not run as formulas."""

from __future__ import annotations

# A cell starting with one of these would run as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
