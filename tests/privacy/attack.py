"""The reader with a spreadsheet and a solver: every published figure becomes a constraint on the true counts.

Unknowns are the true counts of each session's table cells (and each session's number of responses).
A published figure is a sum of unknowns over the sessions its view covers. What a figure says about
that sum depends on how it was published: an exact number, an interval (the method's public
parameters), or a symbol's range. Tables that share records are tied together (the four "who
answered" tables and the stop-and-search question count the same people). `scipy.optimize.milp`
(HiGHS) then asks, for every hidden figure whose true count is 1 to 9, whether any other whole
number fits everything that was published.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix

from tests.privacy.dataset import BREAKDOWN_COLUMNS, Dataset

TOTAL = "Total"
DIMENSIONS = ("age_band", "gender", "ethnicity", "district")
INF = 10_000


@dataclass
class Figure:
    """One published count: which sessions, which cell, and what the reader may conclude (lo, hi, or [c])."""

    sessions: frozenset[int]
    table: str
    row: str
    column: str
    low: int
    high: int
    zero_or_at_least: int | None = None  # the old "[c]": 0, or at least this


class Model:
    """Unknowns, published figures and the solver."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.index: dict[tuple, int] = {}
        self.columns: dict[str, set[str]] = defaultdict(set)
        self.rows: dict[str, set[str]] = defaultdict(set)
        self.bounds: dict[frozenset[int], list[int]] = {}
        self.disjunctive: list[tuple[frozenset[int], int]] = []
        self.links: list[tuple[dict[int, int], int, int]] = []  # (coefficients, low, high)
        for (_s, (table, row, column)), _n in data.truth.items():
            self.rows[table].add(row)
            self.columns[table].add(column)

    def var(self, key: tuple) -> int:
        return self.index.setdefault(key, len(self.index))

    def truth_of(self, key: tuple) -> int:
        if key[0] == "responses":
            return self.data.responses[key[1]]
        return self.data.truth.get((key[0], key[1:]), 0)

    def expression(self, fig: Figure) -> frozenset[int]:
        """The unknowns a published figure adds up."""
        if fig.table == "totals":
            return frozenset(self.var(("responses", s)) for s in fig.sessions)
        rows = self.rows[fig.table] if fig.row == TOTAL else {fig.row}
        cols = self.columns[fig.table] if fig.column == TOTAL else {fig.column}
        return frozenset(self.var((s, fig.table, r, c)) for s in fig.sessions for r in rows for c in cols)

    def add(self, fig: Figure) -> None:
        if fig.table != "totals":
            if fig.row != TOTAL:
                self.rows[fig.table].add(fig.row)
            if fig.column != TOTAL:
                self.columns[fig.table].add(fig.column)
        self._pending.append(fig)

    _pending: list[Figure]

    def start(self) -> None:
        self._pending = []

    def finish(self, stopped_labels: dict[str, str]) -> None:
        """Turn figures into bounds once every table's rows and columns are known; tie linked tables."""
        for fig in self._pending:
            expr = self.expression(fig)
            if not expr:  # a view with no sessions in it: nothing to learn
                continue
            if fig.zero_or_at_least is not None:
                self.disjunctive.append((expr, fig.zero_or_at_least))
                continue
            low, high = self.bounds.get(expr, [0, INF])
            self.bounds[expr] = [max(low, fig.low), min(high, fig.high)]
        for s in self.data.sessions:
            self._tie_session(s, stopped_labels)

    def _tie_session(self, s: int, stopped_labels: dict[str, str]) -> None:
        """The who-answered tables and the stop-and-search question count the same people."""
        by_column: dict[str, set[str]] = defaultdict(set)
        for value, column in BREAKDOWN_COLUMNS.items():
            by_column[column].add(stopped_labels[value])
        for column, answers in by_column.items():
            question = {self.var((s, "question:stopped", "Respondents", a)): -1 for a in answers}
            for dim in DIMENSIONS:
                table = f"breakdown:{dim}"
                coeffs = {self.var((s, table, r, column)): 1 for r in self.rows[table]}
                self.links.append(({**coeffs, **question}, 0, 0))
        everyone = {self.var(("responses", s)): 1}
        answered = {self.var((s, "question:stopped", "Respondents", a)): -1 for a in stopped_labels.values()}
        self.links.append(({**everyone, **answered}, 0, INF))

    # Solving -----------------------------------------------------------------------------------

    def _rows(self) -> list[tuple[dict[int, int], int, int]]:
        out = [(dict.fromkeys(expr, 1), lo, hi) for expr, (lo, hi) in self.bounds.items()]
        return out + self.links

    def truth_vector(self) -> np.ndarray:
        keys = sorted(self.index, key=self.index.__getitem__)
        return np.array([self.truth_of(k) for k in keys], dtype=float)

    def check_truth(self) -> list[str]:
        """Constraints the real counts break: a sign that the attack misreads what was published."""
        x = self.truth_vector()
        broken = []
        for coeffs, lo, hi in self._rows():
            value = sum(x[i] * c for i, c in coeffs.items())
            if not lo <= value <= hi:
                broken.append(f"{lo} <= {value} <= {hi}")
        for expr, at_least in self.disjunctive:
            value = sum(x[i] for i in expr)
            if 0 < value < at_least:
                broken.append(f"[c] {value}")
        return broken

    def targets(self) -> dict[frozenset[int], int]:
        """Hidden figures with a true count of 1 to 9, each distinct sum once."""
        x = self.truth_vector()
        hidden = [e for e, (lo, hi) in self.bounds.items() if lo != hi] + [e for e, _ in self.disjunctive]
        out = {}
        for expr in hidden:
            value = int(sum(x[i] for i in expr))
            if 1 <= value <= 9:
                out[expr] = value
        return out

    def pinned(self) -> tuple[int, int]:
        """(hidden figures 1 to 9, how many of them only one whole number fits), component by component."""
        targets = self.targets()
        total = 0
        for component, comp_targets in self._components(targets):
            total += _Solver(self, component).pinned(comp_targets)
        return len(targets), total

    def _components(self, targets: dict[frozenset[int], int]) -> list[tuple[list[int], dict]]:
        parent = list(range(len(self.index)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        groups = [list(coeffs) for coeffs, _, _ in self._rows()] + [list(e) for e, _ in self.disjunctive]
        for group in groups:
            for j in group[1:]:
                parent[find(j)] = find(group[0])
        members: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.index)):
            members[find(i)].append(i)
        out = []
        for root, variables in members.items():
            mine = {e: v for e, v in targets.items() if find(next(iter(e))) == root}
            if mine:
                out.append((variables, mine))
        return out


class _Solver:
    """One connected set of unknowns and the constraints on them, as a MILP."""

    def __init__(self, model: Model, variables: list[int]) -> None:
        local = {g: i for i, g in enumerate(variables)}
        rows = [(c, lo, hi) for c, lo, hi in model._rows() if next(iter(c)) in local]
        disj = [(e, k) for e, k in model.disjunctive if next(iter(e)) in local]
        self.n = len(variables) + len(disj)
        self.local = local
        matrix = lil_matrix((len(rows) + 2 * len(disj), self.n))
        low, high = [], []
        for r, (coeffs, lo, hi) in enumerate(rows):
            for g, c in coeffs.items():
                matrix[r, local[g]] = c
            low.append(lo)
            high.append(hi)
        for d, (expr, at_least) in enumerate(disj):
            b, r = len(variables) + d, len(rows) + 2 * d
            for g in expr:
                matrix[r, local[g]] = 1
                matrix[r + 1, local[g]] = 1
            matrix[r, b], matrix[r + 1, b] = -at_least, -INF  # sum >= k*b and sum <= INF*b
            low += [0, -np.inf]
            high += [np.inf, 0]
        self.matrix = matrix.tocsr()
        self.low, self.high = np.array(low, dtype=float), np.array(high, dtype=float)
        upper = np.full(self.n, float(INF))
        upper[len(variables) :] = 1
        self.bounds = Bounds(np.zeros(self.n), upper)

    def _vector(self, expr: frozenset[int]) -> np.ndarray:
        v = np.zeros(self.n)
        for g in expr:
            v[self.local[g]] = 1
        return v

    def _solve(self, objective: np.ndarray, extra: tuple[np.ndarray, float, float] | None = None):
        constraints = [LinearConstraint(self.matrix, self.low, self.high)] if self.matrix.shape[0] else []
        if extra is not None:
            constraints.append(LinearConstraint(extra[0].reshape(1, -1), [extra[1]], [extra[2]]))
        res = milp(
            objective,
            constraints=constraints,
            integrality=np.ones(self.n),
            bounds=self.bounds,
            options={"time_limit": 20},
        )
        return res.x if res.x is not None else None

    def pinned(self, targets: dict[frozenset[int], int]) -> int:
        vectors = {e: self._vector(e) for e in targets}
        open_ = dict(targets)
        progress = True
        while open_ and progress:  # a few pushes on all open targets at once knock most of them out
            progress = False
            for sign in (1.0, -1.0):
                if not open_:
                    break
                x = self._solve(sign * sum(vectors[e] for e in open_))
                if x is None:
                    continue
                moved = [e for e, v in open_.items() if round(float(vectors[e] @ x)) != v]
                for e in moved:
                    del open_[e]
                progress |= bool(moved)
        pinned = 0
        for expr, value in list(open_.items()):
            if expr not in open_:
                continue
            below = self._solve(np.zeros(self.n), (vectors[expr], 0, value - 1))
            above = None if below is not None else self._solve(np.zeros(self.n), (vectors[expr], value + 1, INF))
            other = below if below is not None else above
            if other is None:
                pinned += 1
                continue
            for e in [e for e, v in open_.items() if round(float(vectors[e] @ other)) != v]:
                del open_[e]
        return pinned
