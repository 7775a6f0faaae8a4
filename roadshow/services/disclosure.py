"""Statistical disclosure control: the one gate every reported figure passes through.

`protect()` takes a table of raw counts (one or two dimensions, never more) and
returns rows of figures that are already safe to show or export:

- primary suppression: a count from 1 to threshold−1 shows as "<10";
- secondary suppression: no hidden figure can be worked out exactly from the
  row and column totals printed with it (each hidden cell sits on a cycle of
  hidden cells, so the totals leave it undetermined);
- percentages and ratios only where the figures they use are shown and the
  denominator is at least `min_denominator` (20).

Totals of a two-way table are protected exactly as the one-way table of the same
variable is, so a margin shown in one table is never hidden in another.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

SECONDARY = "[c]"
MIN_DENOMINATOR = 20
Z_95 = 1.959964


class Margins(Enum):
    """How the cells of a table add up, which decides what can be worked back."""

    NONE = "none"  # cells do not add up (multi-choice, independent measures)
    ROWS = "rows"  # each row adds up to its own total
    BOTH = "both"  # a cross-tabulation: row, column and grand totals


@dataclass(frozen=True)
class RatioSpec:
    """Share of each row in `columns`, as a ratio to the `reference` row (Katz log 95% CI)."""

    reference: str
    columns: tuple[str, ...]
    rows: tuple[str, ...]  # rows that get a ratio (e.g. ethnic groups, not "prefer not to say")


@dataclass(frozen=True)
class CountTable:
    """Raw counts from the database, before any disclosure control."""

    key: str
    title: str
    dimensions: tuple[str, ...]
    rows: tuple[tuple[str, str], ...]  # (key, label)
    columns: tuple[tuple[str, str], ...]
    counts: dict[tuple[str, str], int]
    margins: Margins = Margins.ROWS
    denominators: dict[str, int] | None = None  # Margins.NONE: per-row base for percentages
    ratio: RatioSpec | None = None
    percentages: bool = True  # False where a share of the total means nothing (sums over quarters)
    # Columns whose sum another table prints (e.g. "once" + "more than once" = "stopped"): hidden together.
    groups: tuple[tuple[str, ...], ...] = ()
    # Secondary suppression prefers cells in `spare` rows/columns and avoids those in `keep` columns.
    spare: frozenset[str] = frozenset()
    keep: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Figure:
    """One count as it may be shown: `value` is None when it is hidden."""

    value: int | None
    display: str
    percent: str = ""

    @property
    def shown(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Ratio:
    share: str
    ratio: str
    low: str
    high: str

    @property
    def shown(self) -> bool:
        return bool(self.ratio)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cells: tuple[Figure, ...]
    total: Figure | None
    ratio: Ratio | None = None


@dataclass(frozen=True)
class ProtectedTable:
    key: str
    title: str
    dimensions: tuple[str, ...]
    columns: tuple[tuple[str, str], ...]
    rows: tuple[Row, ...]
    column_totals: tuple[Figure, ...] | None
    grand_total: Figure | None

    @property
    def has_data(self) -> bool:
        totals = [r.total for r in self.rows if r.total is not None]
        return any(f.value != 0 for f in (*totals, *(c for r in self.rows for c in r.cells)))


# The gate ----------------------------------------------------------------------------------------


def protect(table: CountTable, threshold: int = 10, min_denominator: int = MIN_DENOMINATOR) -> ProtectedTable:
    """Suppress, then format, every figure of `table`; the only way figures reach a page or export."""
    if not 1 <= len(table.dimensions) <= 2:
        raise ValueError("a report table crosses one or two dimensions, never more")
    nr, nc = len(table.rows), len(table.columns)
    grid = [[int(table.counts.get((r, c), 0)) for c, _ in table.columns] for r, _ in table.rows]
    if table.margins is Margins.BOTH and nr >= 2 and nc >= 2:
        weights = [[_weight(table, r, c) for c, _ in table.columns] for r, _ in table.rows]
        hidden = _suppress_two_way(grid, threshold, weights)
    elif table.groups and table.margins is Margins.ROWS:
        hidden = _suppress_grouped(table, grid, threshold)
    else:
        hidden = _suppress_rows(grid, threshold, additive=table.margins is not Margins.NONE)
    return _format(table, grid, hidden, threshold, min_denominator)


def _weight(table: CountTable, row: str, column: str) -> float:
    if column in table.keep:
        return 1000.0
    return 0.01 if row in table.spare or column in table.spare else 1.0


def _primary(value: int, threshold: int) -> bool:
    return 0 < value < threshold


# One-way: each row is one equation, cells = total ----------------------------------------------


def suppress_line(values: Sequence[int], threshold: int, additive: bool = True) -> list[bool]:
    """Hidden flags for `values` (the last one is their total when `additive`)."""
    hidden = [_primary(v, threshold) for v in values]
    if not additive:
        return hidden
    while sum(hidden) == 1:
        candidates = [i for i, v in enumerate(values[:-1]) if not hidden[i] and v > 0]
        pick = min(candidates, key=lambda i: (values[i], i)) if candidates else len(values) - 1
        if hidden[pick]:
            break
        hidden[pick] = True
    return hidden


def _suppress_rows(grid: list[list[int]], threshold: int, additive: bool) -> dict[tuple[int, int], bool]:
    """Row i, column len(row) is the row total."""
    hidden: dict[tuple[int, int], bool] = {}
    for i, row in enumerate(grid):
        flags = suppress_line([*row, sum(row)], threshold, additive)
        hidden.update({(i, j): f for j, f in enumerate(flags)})
    return hidden


def _suppress_grouped(table: CountTable, grid: list[list[int]], threshold: int) -> dict[tuple[int, int], bool]:
    """Protect the row with each group collapsed (as other tables print it), then each group's parts."""
    keys = [c for c, _ in table.columns]
    member = {k: g for g in table.groups for k in g}
    hidden: dict[tuple[int, int], bool] = {}
    units: list[tuple[str, ...]] = []
    for k in keys:  # in column order, so ties break as in the table that prints the groups collapsed
        unit = member.get(k, (k,))
        if unit not in units:
            units.append(unit)
    for i, row in enumerate(grid):
        sums = [sum(row[keys.index(k)] for k in unit) for unit in units]
        flags = suppress_line([*sums, sum(row)], threshold)
        hidden[(i, len(keys))] = flags[-1]
        for unit, unit_sum, unit_hidden in zip(units, sums, flags, strict=False):
            parts = [row[keys.index(k)] for k in unit]
            part_flags = [True] * len(parts) if unit_hidden else suppress_line([*parts, unit_sum], threshold)[:-1]
            if len(unit) == 1:
                part_flags = [unit_hidden]
            hidden.update({(i, keys.index(k)): f for k, f in zip(unit, part_flags, strict=True)})
    return hidden


# Two-way: cells, row totals, column totals and the grand total --------------------------------


def _augmented(grid: list[list[int]]) -> list[list[int]]:
    """The table with its row totals as the last column and column totals as the last row."""
    rows = [[*row, sum(row)] for row in grid]
    return [*rows, [sum(col) for col in zip(*rows, strict=True)]]


def _suppress_two_way(grid: list[list[int]], threshold: int, weights: list[list[float]]) -> dict[tuple[int, int], bool]:
    aug = _augmented(grid)
    nr, nc = len(aug) - 1, len(aug[0]) - 1
    # Margins follow the one-way rule, so they match the one-way tables of the same variables.
    row_flags = suppress_line([aug[i][nc] for i in range(nr + 1)], threshold)
    col_flags = suppress_line(aug[nr], threshold)
    hidden = {(i, j): _primary(aug[i][j], threshold) for i in range(nr) for j in range(nc)}
    hidden.update({(i, nc): row_flags[i] for i in range(nr + 1)})
    hidden.update({(nr, j): col_flags[j] for j in range(nc)})
    while (bridge := _find_bridge(hidden, nr, nc)) is not None:
        for edge in _cheapest_detour(aug, hidden, bridge, nr, nc, weights):
            hidden[edge] = True
    return hidden


def _neighbours(hidden: dict[tuple[int, int], bool], nr: int, nc: int) -> dict[tuple[str, int], list]:
    graph: dict[tuple[str, int], list] = {("r", i): [] for i in range(nr + 1)}
    graph.update({("c", j): [] for j in range(nc + 1)})
    for (i, j), is_hidden in hidden.items():
        if is_hidden:
            graph[("r", i)].append((("c", j), (i, j)))
            graph[("c", j)].append((("r", i), (i, j)))
    return graph


def _find_bridge(hidden: dict[tuple[int, int], bool], nr: int, nc: int) -> tuple[int, int] | None:
    """A hidden cell on no cycle of hidden cells: the totals would give it away."""
    graph = _neighbours(hidden, nr, nc)
    for edge in sorted(e for e, h in hidden.items() if h):
        start, goal = ("r", edge[0]), ("c", edge[1])
        seen, queue = {start}, deque([start])
        while queue:
            node = queue.popleft()
            for nxt, via in graph[node]:
                if via != edge and nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        if goal not in seen:
            return edge
    return None


def _cost(aug: list[list[int]], hidden: dict, edge: tuple[int, int], nr: int, nc: int, weights: list) -> float:
    if hidden[edge]:
        return 0.0
    if edge[0] == nr or edge[1] == nc:
        return 1e9  # hiding a total is the last resort
    value = aug[edge[0]][edge[1]]
    weight = weights[edge[0]][edge[1]]
    return value * weight if value > 0 else 1e5 * weight  # a hidden zero protects little


def _cheapest_detour(aug: list[list[int]], hidden: dict, bridge: tuple, nr: int, nc: int, weights: list) -> list:
    """Cells to hide so that a path joins the bridge's row and column without it (Dijkstra)."""
    start, goal = ("r", bridge[0]), ("c", bridge[1])
    best: dict[tuple[str, int], float] = {start: 0.0}
    back: dict[tuple[str, int], tuple] = {}
    todo = {start}
    while todo:
        node = min(todo, key=lambda n: best[n])
        todo.remove(node)
        if node == goal:
            break
        others = [("c", j) for j in range(nc + 1)] if node[0] == "r" else [("r", i) for i in range(nr + 1)]
        for nxt in others:
            edge = (node[1], nxt[1]) if node[0] == "r" else (nxt[1], node[1])
            if edge == bridge:
                continue
            cost = best[node] + _cost(aug, hidden, edge, nr, nc, weights)
            if cost < best.get(nxt, math.inf):
                best[nxt], back[nxt] = cost, (node, edge)
                todo.add(nxt)
    path, node = [], goal
    while node != start:
        node, edge = back[node]
        path.append(edge)
    return path


# Formatting ---------------------------------------------------------------------------------------


def _figure(value: int, hidden: bool, threshold_text: str, base: int | None, min_denominator: int) -> Figure:
    if hidden:
        return Figure(None, threshold_text)
    percent = ""
    if base is not None and base >= min_denominator:
        percent = f"{round(100 * value / base)}%"
    return Figure(value, f"{value:,}", percent)


def _format(table: CountTable, grid: list[list[int]], hidden: dict, threshold: int, min_den: int) -> ProtectedTable:
    nr, nc = len(grid), len(table.columns)

    # Primary-suppressed figures say "<threshold"; secondary ones say [c] (their value may be large).
    def label_for(value: int, is_hidden: bool) -> str:
        return f"<{threshold}" if is_hidden and 0 < value < threshold else SECONDARY

    rows = []
    for i, (rkey, rlabel) in enumerate(table.rows):
        row_total = sum(grid[i])
        if table.margins is Margins.NONE:
            base = (table.denominators or {}).get(rkey)
            base = base if base is not None and not _primary(base, threshold) else None
            total = None
        else:
            total_hidden = hidden[(i, nc)]
            total = _figure(row_total, total_hidden, label_for(row_total, total_hidden), None, min_den)
            base = None if total_hidden or not table.percentages else row_total
        cells = tuple(
            _figure(grid[i][j], hidden[(i, j)], label_for(grid[i][j], hidden[(i, j)]), base, min_den) for j in range(nc)
        )
        rows.append(Row(rkey, rlabel, cells, total))
    col_totals = grand = None
    if table.margins is Margins.BOTH and nr >= 2 and nc >= 2:
        sums = [sum(grid[i][j] for i in range(nr)) for j in range(nc)]
        grand_value = sum(sums)
        grand_hidden = hidden[(nr, nc)]
        grand_base = None if grand_hidden or not table.percentages else grand_value
        col_totals = tuple(
            _figure(v, hidden[(nr, j)], label_for(v, hidden[(nr, j)]), grand_base, min_den) for j, v in enumerate(sums)
        )
        grand = _figure(grand_value, grand_hidden, label_for(grand_value, grand_hidden), None, min_den)
    if table.ratio is not None:
        rows = _with_ratios(table, rows, min_den)
    return ProtectedTable(table.key, table.title, table.dimensions, table.columns, tuple(rows), col_totals, grand)


# Ratios -------------------------------------------------------------------------------------------


def rate_ratio(a: int, n1: int, c: int, n2: int) -> tuple[float, float, float]:
    """Ratio of a/n1 to c/n2 with its 95% interval by the Katz log method."""
    if min(a, c) <= 0 or n1 <= 0 or n2 <= 0:
        raise ValueError("a rate ratio needs events in both groups")
    ratio = (a / n1) / (c / n2)
    se = math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
    return ratio, ratio * math.exp(-Z_95 * se), ratio * math.exp(Z_95 * se)


def _numerator(table: CountTable, row: Row) -> int | None:
    """Sum of the ratio columns, only if every part of it (and the row total) is shown."""
    wanted = [j for j, (ckey, _) in enumerate(table.columns) if ckey in table.ratio.columns]  # type: ignore[union-attr]
    parts = [row.cells[j] for j in wanted]
    if row.total is None or not row.total.shown or not all(p.shown for p in parts):
        return None
    return sum(p.value or 0 for p in parts)


def _with_ratios(table: CountTable, rows: list[Row], min_den: int) -> list[Row]:
    spec = table.ratio
    assert spec is not None  # noqa: S101 (called only with a spec)
    by_key = {r.key: r for r in rows}
    ref = by_key.get(spec.reference)
    ref_events = _numerator(table, ref) if ref else None
    ref_base = ref.total.value if ref and ref.total and ref.total.shown else None
    out = []
    for row in rows:
        if row.key not in spec.rows:
            out.append(row)
            continue
        events, base = _numerator(table, row), row.total.value if row.total else None
        share = ratio = low = high = ""
        if events is not None and base is not None and base >= min_den:
            share = f"{round(100 * events / base)}%"
            if row.key == spec.reference:
                ratio = "1.00"
            usable_ref = ref_events is not None and ref_base is not None and ref_base >= min_den
            if usable_ref and events > 0 and ref_events and row.key != spec.reference:
                rr, lo, hi = rate_ratio(events, base, ref_events, ref_base)  # type: ignore[arg-type]
                ratio, low, high = f"{rr:.2f}", f"{lo:.2f}", f"{hi:.2f}"
        out.append(Row(row.key, row.label, row.cells, row.total, Ratio(share, ratio, low, high)))
    return out
