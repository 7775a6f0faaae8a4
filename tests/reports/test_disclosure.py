"""Disclosure control: no small count shown, no hidden count recoverable, shares only on big enough bases."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadshow.services.disclosure import SECONDARY, CountTable, Margins, protect, rate_ratio, suppress_line

THRESHOLD = 10

# Counts that often land just under and over the threshold, with zeros.
counts = st.one_of(st.integers(0, 3), st.integers(4, 14), st.integers(15, 120))


def _table(grid: list[list[int]], margins: Margins = Margins.BOTH) -> CountTable:
    rows = tuple((f"r{i}", f"Row {i}") for i in range(len(grid)))
    cols = tuple((f"c{j}", f"Col {j}") for j in range(len(grid[0])))
    cells = {(f"r{i}", f"c{j}"): v for i, row in enumerate(grid) for j, v in enumerate(row)}
    dims = ("row", "col") if margins is Margins.BOTH else ("col",)
    return CountTable("t", "T", dims, rows, cols, cells, margins)


grids = st.integers(2, 5).flatmap(lambda c: st.lists(st.lists(counts, min_size=c, max_size=c), min_size=2, max_size=5))


def _shown(table) -> list:
    figures = [c for r in table.rows for c in r.cells]
    figures += [r.total for r in table.rows if r.total is not None]
    figures += list(table.column_totals or ()) + ([table.grand_total] if table.grand_total else [])
    return figures


def _augmented_with_flags(grid, table):
    """Every entry of the table with its totals, and whether it is hidden."""
    nr, nc = len(grid), len(grid[0])
    entries = {}
    for i in range(nr):
        for j in range(nc):
            entries[(i, j)] = (grid[i][j], not table.rows[i].cells[j].shown)
        entries[(i, nc)] = (sum(grid[i]), not table.rows[i].total.shown)
    for j in range(nc):
        entries[(nr, j)] = (sum(grid[i][j] for i in range(nr)), not table.column_totals[j].shown)
    entries[(nr, nc)] = (sum(map(sum, grid)), not table.grand_total.shown)
    return entries


def _determined(entries, nr, nc) -> set:
    """Hidden entries that the printed totals pin down exactly (linear algebra over the rationals)."""
    hidden = [k for k, (_, h) in entries.items() if h]
    equations = [[(i, j) for j in range(nc)] + [(i, nc)] for i in range(nr + 1)]
    equations += [[(i, j) for i in range(nr)] + [(nr, j)] for j in range(nc + 1)]
    matrix = []
    for eq in equations:
        # sum of the parts minus the total is zero: sign -1 for the total
        row = [Fraction(0)] * len(hidden)
        for position, key in enumerate(eq):
            if key in hidden:
                row[hidden.index(key)] += -1 if position == len(eq) - 1 else 1
        matrix.append(row)
    determined = set()
    full = _rank(matrix)
    for k, key in enumerate(hidden):
        without = [r[:k] + r[k + 1 :] for r in matrix]
        if _rank(without) < full:
            determined.add(key)
    return determined


def _rank(matrix) -> int:
    m = [row[:] for row in matrix]
    rank, cols = 0, len(m[0]) if m else 0
    for c in range(cols):
        pivot = next((r for r in range(rank, len(m)) if m[r][c] != 0), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        for r in range(len(m)):
            if r != rank and m[r][c] != 0:
                factor = m[r][c] / m[rank][c]
                m[r] = [a - factor * b for a, b in zip(m[r], m[rank], strict=True)]
        rank += 1
    return rank


@settings(max_examples=300, deadline=None)
@given(grids)
def test_no_shown_count_is_between_one_and_threshold(grid):
    table = protect(_table(grid), THRESHOLD)
    for figure in _shown(table):
        if figure.shown:
            assert not 0 < figure.value < THRESHOLD
            assert figure.display == f"{figure.value:,}"
        else:
            assert figure.display in ("<10", SECONDARY)


@settings(max_examples=300, deadline=None)
@given(grids)
def test_no_hidden_cell_can_be_worked_out_from_the_totals(grid):
    table = protect(_table(grid), THRESHOLD)
    entries = _augmented_with_flags(grid, table)
    assert _determined(entries, len(grid), len(grid[0])) == set()


@settings(max_examples=300, deadline=None)
@given(grids)
def test_percentages_only_on_bases_of_twenty_or_more(grid):
    table = protect(_table(grid), THRESHOLD)
    for i, row in enumerate(table.rows):
        for cell in row.cells:
            if cell.percent:
                assert cell.shown and row.total.shown and sum(grid[i]) >= 20
                assert cell.percent == f"{round(100 * cell.value / sum(grid[i]))}%"
    for cell in table.column_totals:
        if cell.percent:
            assert cell.shown and table.grand_total.shown and table.grand_total.value >= 20


@settings(max_examples=300, deadline=None)
@given(st.lists(counts, min_size=1, max_size=8))
def test_one_way_tables_never_leave_a_single_hidden_figure(values):
    row = protect(_table([values], Margins.ROWS), THRESHOLD).rows[0]
    figures = [*row.cells, row.total]
    hidden = [f for f in figures if not f.shown]
    assert len(hidden) != 1, "one hidden figure is the total minus the others"
    assert all(not 0 < (f.value or 0) < THRESHOLD for f in figures if f.shown)
    assert all(not f.percent or (row.total.shown and row.total.value >= 20) for f in row.cells)


@settings(max_examples=200, deadline=None)
@given(grids, st.sampled_from([5, 10, 20]))
def test_threshold_comes_from_the_caller(grid, threshold):
    table = protect(_table(grid), threshold)
    for figure in _shown(table):
        if figure.shown:
            assert not 0 < figure.value < threshold
    assert all(re.fullmatch(rf"<{threshold}|\[c\]", f.display) for f in _shown(table) if not f.shown)


def test_a_worked_example_hides_the_small_cell_and_a_partner_in_its_row_and_column():
    grid = [[5, 30, 40], [25, 40, 60], [30, 50, 80]]
    table = protect(_table(grid), THRESHOLD)
    assert table.rows[0].cells[0].display == "<10"
    hidden_in_row = [c for c in table.rows[0].cells if not c.shown]
    hidden_in_col = [r.cells[0] for r in table.rows if not r.cells[0].shown]
    assert len(hidden_in_row) == 2 and len(hidden_in_col) == 2
    assert table.grand_total.display == "360"  # totals stay visible where they can


def test_multi_choice_counts_are_suppressed_without_a_total():
    table = CountTable(
        "force",
        "Force",
        ("force",),
        (("taser", "Taser"), ("handcuffs", "Handcuffs")),
        (("ticked", "Ticked"),),
        {("taser", "ticked"): 3, ("handcuffs", "ticked"): 25},
        Margins.NONE,
        denominators={"taser": 40, "handcuffs": 40},
    )
    rows = protect(table, THRESHOLD).rows
    assert rows[0].cells[0].display == "<10" and rows[0].cells[0].percent == ""
    assert (rows[1].cells[0].display, rows[1].cells[0].percent) == ("25", "62%")


def test_more_than_two_dimensions_are_refused():
    table = CountTable("x", "X", ("a", "b", "c"), (("r", "R"),), (("c", "C"),), {}, Margins.ROWS)
    with pytest.raises(ValueError, match="two dimensions"):
        protect(table, THRESHOLD)


def test_suppress_line_picks_the_smallest_partner():
    assert suppress_line([4, 12, 30, 46], THRESHOLD) == [True, True, False, False]


# Rate ratio ---------------------------------------------------------------------------------------


def test_rate_ratio_matches_a_hand_worked_example():
    # 30 of 100 Black respondents stopped, 40 of 400 White respondents.
    # RR = 0.30 / 0.10 = 3.0
    # SE(ln RR) = sqrt(1/30 - 1/100 + 1/40 - 1/400) = sqrt(0.0458333) = 0.2140872
    # 1.959964 × 0.2140872 = 0.4196033; exp(-0.4196033) = 0.657307, exp(0.4196033) = 1.521358
    # 95% CI = 3.0 × (0.657307, 1.521358) = (1.9719, 4.5641)
    ratio, low, high = rate_ratio(30, 100, 40, 400)
    assert ratio == pytest.approx(3.0)
    assert low == pytest.approx(1.9719, abs=1e-4)
    assert high == pytest.approx(4.5641, abs=1e-4)


def test_rate_ratio_needs_events_in_both_groups():
    with pytest.raises(ValueError):
        rate_ratio(0, 50, 10, 100)


def _ethnicity_table(white_yes: int, white_no: int, black_yes: int, black_no: int) -> CountTable:
    from roadshow.services.disclosure import RatioSpec

    return CountTable(
        "eth",
        "Ethnicity",
        ("ethnicity", "stopped"),
        (("black", "Black"), ("white", "White")),
        (("yes", "Stopped"), ("no", "Never")),
        {
            ("black", "yes"): black_yes,
            ("black", "no"): black_no,
            ("white", "yes"): white_yes,
            ("white", "no"): white_no,
        },
        Margins.BOTH,
        ratio=RatioSpec("white", ("yes",), ("black", "white")),
    )


def test_ratio_is_printed_with_its_interval_when_every_part_is_shown():
    rows = {r.key: r for r in protect(_ethnicity_table(40, 360, 30, 70), THRESHOLD).rows}
    assert (rows["black"].ratio.share, rows["black"].ratio.ratio) == ("30%", "3.00")
    assert (rows["black"].ratio.low, rows["black"].ratio.high) == ("1.97", "4.56")
    assert rows["white"].ratio.ratio == "1.00" and rows["white"].ratio.low == ""


def test_no_ratio_when_a_part_is_hidden_or_the_base_is_small():
    hidden = {r.key: r for r in protect(_ethnicity_table(40, 360, 6, 70), THRESHOLD).rows}
    assert hidden["black"].ratio.ratio == "" and hidden["black"].ratio.share == ""
    small = {r.key: r for r in protect(_ethnicity_table(40, 360, 10, 9), THRESHOLD).rows}
    assert small["black"].ratio.ratio == ""


def _determined_generic(hidden: list[str], equations: list[dict[str, int]]) -> set[str]:
    matrix = [[Fraction(eq.get(v, 0)) for v in hidden] for eq in equations]
    full = _rank(matrix)
    return {v for k, v in enumerate(hidden) if _rank([r[:k] + r[k + 1 :] for r in matrix]) < full}


@settings(max_examples=300, deadline=None)
@given(counts, counts, counts, counts)
def test_split_answers_cannot_be_worked_out_from_a_table_that_prints_them_together(never, once, more, prefer):
    """The question table splits 'once' and 'more than once'; breakdowns print them as 'once or more'."""
    columns = (("never", "N"), ("once", "O"), ("more", "M"), ("prefer", "P"))
    split = CountTable(
        "q",
        "Q",
        ("stopped",),
        (("r", "R"),),
        columns,
        {("r", "never"): never, ("r", "once"): once, ("r", "more"): more, ("r", "prefer"): prefer},
        groups=(("once", "more"),),
    )
    together = CountTable(
        "b",
        "B",
        ("stopped",),
        (("r", "R"),),
        (("never", "N"), ("any", "A"), ("prefer", "P")),
        {("r", "never"): never, ("r", "any"): once + more, ("r", "prefer"): prefer},
    )
    a, b = protect(split, THRESHOLD).rows[0], protect(together, THRESHOLD).rows[0]
    flags = {
        "never": not a.cells[0].shown,
        "once": not a.cells[1].shown,
        "more": not a.cells[2].shown,
        "prefer": not a.cells[3].shown,
        "total": not a.total.shown,
        "any": not b.cells[1].shown,
    }
    # The same figures are hidden in both tables.
    assert flags["never"] == (not b.cells[0].shown) and flags["prefer"] == (not b.cells[2].shown)
    assert flags["total"] == (not b.total.shown)
    equations = [
        {"never": 1, "once": 1, "more": 1, "prefer": 1, "total": -1},
        {"once": 1, "more": 1, "any": -1},
        {"never": 1, "any": 1, "prefer": 1, "total": -1},
    ]
    hidden = [k for k, h in flags.items() if h]
    assert _determined_generic(hidden, equations) == set()
    assert all(not 0 < f.value < THRESHOLD for f in (*a.cells, a.total, *b.cells) if f.shown)
