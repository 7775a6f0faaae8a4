"""The cell-key method: what any reader of the published table may rely on, and what it costs in accuracy."""

from __future__ import annotations

from datetime import date

from roadshow.extensions import db
from roadshow.services.reports import build as reports
from roadshow.services.reports import disclosure
from roadshow.services.reports import periods as report_periods
from roadshow.services.reports import queries as report_queries
from roadshow.services.reports import rollup as report_rollup
from roadshow.services.reports.disclosure import WITHHELD, CountTable, Margins, perturb, protect
from tests.reports.demo_data import populate


def test_zeros_stay_zero_and_no_count_is_ever_published_as_one_to_nine():
    assert all(perturb(0, key) == 0 for key in range(256))
    for count in range(1, 40):
        published = {perturb(count, key) for key in range(256)}
        assert not published & set(range(1, 10))
        assert count < 10 or count in published  # most keys leave a count as it is


def test_the_same_people_always_get_the_same_figure_and_the_table_is_centred():
    assert all(perturb(14, 200) == perturb(14, 200) for _ in range(3))
    adjustments = [disclosure.adjustment(50, key) for key in range(256)]
    assert sum(adjustments) == 0
    assert max(map(abs, adjustments)) == disclosure.MAX_ADJUSTMENT


def test_a_group_under_twenty_is_not_split_and_percentages_round_half_up():
    table = CountTable(
        "t",
        "T",
        ("group", "answer"),
        (("small", "Small"), ("big", "Big")),
        (("yes", "Yes"), ("no", "No")),
        {("small", "yes"): 0, ("small", "no"): 12, ("big", "yes"): 30, ("big", "no"): 10},
        {("small", "yes"): 0, ("small", "no"): 5, ("big", "yes"): 1, ("big", "no"): 2},
        Margins.BOTH,
    )
    small, big = protect(table).rows
    assert [c.display for c in small.cells] == [WITHHELD, WITHHELD]  # "0 | 12" would describe all twelve
    assert small.total is not None and small.total.display in (WITHHELD, *(str(n) for n in range(10, 21)))
    assert big.total is not None and big.total.value is not None
    shown = [c for c in big.cells if c.shown]
    assert all(c.percent == disclosure.percent(c.value, big.total.value) for c in shown)
    assert disclosure.percent(1, 8) == 13 and disclosure.percent(5, 200) == 3  # 12.5 -> 13, 2.5 -> 3


def test_utility_mean_adjustment_on_a_large_view_is_at_most_one_and_a_half(app):
    populate()
    report_rollup.refresh()
    db.session.commit()
    f = report_queries.ReportFilter(report_periods.financial_year(2026))
    errors = []
    for counted in reports._breakdown_tables(report_queries.breakdown_counts(f)).values():
        published = protect(counted)
        for (rkey, _), row in zip(counted.rows, published.rows, strict=True):
            for (ckey, _), cell in zip(counted.columns, row.cells, strict=True):
                true = counted.counts.get((rkey, ckey), 0)
                if cell.shown and true:
                    errors.append(abs(cell.value - true))
    assert len(errors) >= 30
    assert sum(errors) / len(errors) <= 1.5
    report = reports.build(f)
    assert any(r.ratio and r.ratio.low for r in report.disproportionality.rows)  # ratios with intervals remain


def test_small_session_view_has_no_breakdowns(app):
    from tests.reports.factories import make_responses, make_session

    session = make_session()
    make_responses(session, 3, answers={"stopped": "once"}, on=date(2026, 5, 12))
    db.session.commit()
    report = reports.build(report_queries.ReportFilter(report_periods.all_time(), session_id=session.id))
    assert report.too_few and report.questions == [] and report.breakdowns == []
    assert [t.key for t in report.tables()] == ["totals"]
