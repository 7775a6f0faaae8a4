"""Statistical disclosure control: the one gate every reported figure passes through.

The method is the cell-key method the Office for National Statistics used for the 2021 Census
(see docs/DISCLOSURE.md). Every response carries a random record key from 0 to 255. A cell's key
is the sum of its records' keys modulo 256, and the published table below turns (count, cell key)
into a small adjustment. The same people always give the same key, so the same figure is adjusted
the same way in every view: averaging many views, or subtracting one from another, only adds the
adjustments up instead of cancelling them. On top of that:

- zeros stay zero; any other count that comes out below 10 is withheld (one symbol, `WITHHELD`);
- a group (a table row) of fewer than 20 is not split: its own total may show, its parts do not;
- percentages and ratios come from the adjusted figures, on bases of 20 or more.

Everything here is public on purpose: the protection rests on the record keys, which are never shown.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

KEY_MODULUS = 256
THRESHOLD = 10
MIN_BASE = 20
WITHHELD = "[c]"
Z_95 = 1.959964
# The perturbation table's shape: (adjustment, how many of the 256 cell keys give it). Mostly 0 or ±1;
# rarely up to ±8, so a reader can never be sure a figure sits at the edge of its range.
SHAPE = ((0, 104), (1, 48), (-1, 48), (2, 16), (-2, 16), (3, 6), (-3, 6), (4, 2), (-4, 2))
SHAPE += tuple((sign * a, 1) for a in (5, 6, 7, 8) for sign in (1, -1))
MAX_ADJUSTMENT = 8


def _layout() -> tuple[int, ...]:
    """The 256 adjustments in a fixed, spread-out order (a key and its neighbours differ)."""
    flat = [a for a, n in SHAPE for _ in range(n)]
    assert len(flat) == KEY_MODULUS  # noqa: S101 (the table is a constant)
    return tuple(flat[(i * 77) % KEY_MODULUS] for i in range(KEY_MODULUS))  # 77 is coprime with 256


_ADJUSTMENTS = _layout()


def adjustment(count: int, cell_key: int) -> int:
    """The published table: the change made to `count` for a cell with this key (0 for a zero)."""
    if count <= 0:
        return 0
    return _ADJUSTMENTS[(cell_key + 131 * count) % KEY_MODULUS]


def perturb(count: int, cell_key: int) -> int | None:
    """The count as published: 0 stays 0, anything else adjusted, and None (withheld) below 10."""
    if count <= 0:
        return 0
    published = count + adjustment(count, cell_key)
    return published if published >= THRESHOLD else None


def reader_bounds(published: int | None, small_group: bool = False) -> tuple[int, int]:
    """What a reader who knows this table can conclude about the true count (used by the attack test)."""
    if published is None:
        return (0, 10**6) if small_group else (1, THRESHOLD - 1 + MAX_ADJUSTMENT)
    if published == 0:
        return 0, 0
    return max(1, published - MAX_ADJUSTMENT), published + MAX_ADJUSTMENT


def percent(part: int, base: int) -> int:
    """Whole-number percentage, rounded half up (not to even)."""
    return (200 * part + base) // (2 * base)


class Margins(Enum):
    """How the cells of a table add up."""

    NONE = "none"  # they do not (multi-choice: each row has its own base)
    ROWS = "rows"  # each row adds up to its own total
    BOTH = "both"  # a cross-tabulation: row, column and grand totals


@dataclass(frozen=True)
class RatioSpec:
    """Share of each row in `columns`, as a ratio to the `reference` row (Katz log 95% CI)."""

    reference: str
    columns: tuple[str, ...]
    rows: tuple[str, ...]


@dataclass(frozen=True)
class CountTable:
    """True counts and cell keys from the database, before any disclosure control."""

    key: str
    title: str
    dimensions: tuple[str, ...]
    rows: tuple[tuple[str, str], ...]  # (key, label)
    columns: tuple[tuple[str, str], ...]
    counts: dict[tuple[str, str], int]
    keys: dict[tuple[str, str], int]  # sum of the record keys behind each count
    margins: Margins = Margins.ROWS
    denominators: dict[str, tuple[int, int]] | None = None  # Margins.NONE: (count, key) of each row's base
    ratio: RatioSpec | None = None
    percentages: bool = True
    exact_rows: frozenset[str] = frozenset()  # not about people's answers (sessions delivered): shown as they are


@dataclass(frozen=True)
class Figure:
    """One count as it may be shown: `value` is None when it is withheld."""

    value: int | None
    display: str
    percent: int | None = None

    @property
    def shown(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Ratio:
    share: int | None
    ratio: str
    low: str
    high: str

    @property
    def shown(self) -> bool:
        return bool(self.ratio)


@dataclass(frozen=True)
class Segment:
    """One answer's part of a stacked bar, in its own place: x and width in per cent."""

    index: int
    x: float
    width: float
    withheld: bool


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cells: tuple[Figure, ...]
    total: Figure | None
    ratio: Ratio | None = None

    @property
    def small(self) -> bool:
        """A group of fewer than MIN_BASE (as published): its parts are not shown."""
        return self.total is not None and (self.total.value or 0) < MIN_BASE

    def segments(self) -> list[Segment]:
        """Stacked-bar layout: shown shares as they are, withheld ones splitting what is left, in column order."""
        shown = sum(c.percent or 0 for c in self.cells if c.shown)
        withheld = [i for i, c in enumerate(self.cells) if not c.shown]
        gap = max(0.0, 100.0 - shown)
        each = max(gap / len(withheld), 4.0) if withheld else 0.0
        scale = 100.0 / (shown + each * len(withheld)) if shown + each * len(withheld) else 0.0
        out, x = [], 0.0
        for i, cell in enumerate(self.cells):
            width = (each if not cell.shown else (cell.percent or 0)) * scale
            out.append(Segment(i + 1, round(x, 2), round(width, 2), not cell.shown))
            x += width
        return out


@dataclass(frozen=True)
class ProtectedTable:
    key: str
    title: str
    dimensions: tuple[str, ...]
    columns: tuple[tuple[str, str], ...]
    rows: tuple[Row, ...]
    column_totals: tuple[Figure, ...] | None
    grand_total: Figure | None
    base: Figure | None = None  # Margins.NONE: how many answered (every row's base)

    @property
    def has_data(self) -> bool:
        totals = [r.total for r in self.rows if r.total is not None]
        return any(f.value != 0 for f in (*totals, *(c for r in self.rows for c in r.cells)))


# The gate ----------------------------------------------------------------------------------------


def protect(table: CountTable) -> ProtectedTable:
    """Adjust, withhold and format every figure of `table`; the only way figures reach a page or export."""
    if not 1 <= len(table.dimensions) <= 2:
        raise ValueError("a report table crosses one or two dimensions, never more")
    cols = [c for c, _ in table.columns]
    rows = []
    for rkey, rlabel in table.rows:
        cells = [(table.counts.get((rkey, c), 0), table.keys.get((rkey, c), 0)) for c in cols]
        if rkey in table.exact_rows:
            rows.append(Row(rkey, rlabel, tuple(_exact(n) for n, _ in cells), _exact(sum(n for n, _ in cells))))
        elif table.margins is Margins.NONE:
            base = (table.denominators or {}).get(rkey, (0, 0))
            rows.append(Row(rkey, rlabel, _split(cells, perturb(*base), table.percentages), None))
        else:
            total = perturb(*_sum(cells))
            rows.append(Row(rkey, rlabel, _split(cells, total, table.percentages), _figure(total)))
    column_totals = grand = base = None
    if table.margins is Margins.NONE and table.denominators:
        base = _figure(perturb(*next(iter(table.denominators.values()))))
    if table.margins is Margins.BOTH and len(table.rows) >= 2 and len(cols) >= 2:
        by_column = [
            _sum((table.counts.get((r, c), 0), table.keys.get((r, c), 0)) for r, _ in table.rows) for c in cols
        ]
        grand_value = perturb(*_sum(by_column))
        column_totals = _split(by_column, grand_value, table.percentages)
        grand = _figure(grand_value)
    if table.ratio is not None:
        rows = _with_ratios(table, rows)
    return ProtectedTable(
        table.key, table.title, table.dimensions, table.columns, tuple(rows), column_totals, grand, base
    )


def _sum(cells: Iterable[tuple[int, int]]) -> tuple[int, int]:
    pairs = list(cells)
    return sum(n for n, _ in pairs), sum(k for _, k in pairs) % KEY_MODULUS


def _exact(n: int) -> Figure:
    return Figure(n, f"{n:,}")


def _figure(published: int | None, base: int | None = None) -> Figure:
    if published is None:
        return Figure(None, WITHHELD)
    share = percent(published, base) if base is not None and base >= MIN_BASE else None
    return Figure(published, f"{published:,}", share)


def _split(cells: list[tuple[int, int]], base: int | None, percentages: bool) -> tuple[Figure, ...]:
    """The parts of a group: all withheld when the group is under MIN_BASE (or withheld itself)."""
    if base is None or base < MIN_BASE:
        return tuple(Figure(0, "0") if base == 0 else Figure(None, WITHHELD) for _ in cells)
    return tuple(_figure(perturb(n, k), base if percentages else None) for n, k in cells)


# Ratios -------------------------------------------------------------------------------------------


def rate_ratio(a: int, n1: int, c: int, n2: int) -> tuple[float, float, float]:
    """Ratio of a/n1 to c/n2 with its 95% interval by the Katz log method."""
    if min(a, c) <= 0 or n1 <= 0 or n2 <= 0:
        raise ValueError("a rate ratio needs events in both groups")
    ratio = (a / n1) / (c / n2)
    se = math.sqrt(max(0.0, 1 / a - 1 / n1 + 1 / c - 1 / n2))
    return ratio, ratio * math.exp(-Z_95 * se), ratio * math.exp(Z_95 * se)


def _events(table: CountTable, row: Row) -> int | None:
    """The published count in the ratio columns (one column: the adjusted figure itself)."""
    wanted = [j for j, (ckey, _) in enumerate(table.columns) if ckey in table.ratio.columns]  # type: ignore[union-attr]
    parts = [row.cells[j] for j in wanted]
    if row.total is None or not row.total.shown or not all(p.shown for p in parts):
        return None
    return sum(p.value or 0 for p in parts)


def _with_ratios(table: CountTable, rows: list[Row]) -> list[Row]:
    spec = table.ratio
    assert spec is not None  # noqa: S101 (called only with a spec)
    ref = next((r for r in rows if r.key == spec.reference), None)
    ref_events = _events(table, ref) if ref else None
    ref_base = ref.total.value if ref and ref.total and ref.total.shown else None
    out = []
    for row in rows:
        events, base = _events(table, row), row.total.value if row.total else None
        if row.key not in spec.rows or events is None or base is None or base < MIN_BASE:
            out.append(row if row.key not in spec.rows else Row(*_parts(row), Ratio(None, "", "", "")))
            continue
        ratio = low = high = ""
        if row.key == spec.reference:
            ratio = "1.00"
        elif ref_events and ref_base and ref_base >= MIN_BASE and events > 0:
            rr, lo, hi = rate_ratio(events, base, ref_events, ref_base)
            ratio, low, high = f"{rr:.2f}", f"{lo:.2f}", f"{hi:.2f}"
        out.append(Row(*_parts(row), Ratio(percent(events, base), ratio, low, high)))
    return out


def _parts(row: Row) -> tuple[str, str, tuple[Figure, ...], Figure | None]:
    return row.key, row.label, row.cells, row.total
