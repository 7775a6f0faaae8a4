"""A panel member reads a quarter's report for one district in Chromium and downloads the same figures."""

from __future__ import annotations

import csv
import io

import pytest

from roadshow.extensions import db
from tests.reports.demo_data import populate
from tests.reports.factories import make_responses, make_session
from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser


def test_panel_member_reads_a_district_quarter_and_the_csv_matches_the_page(page, live_server, staff_in_browser):
    populate()
    staff_in_browser("panel")
    page.goto(live_server("/reports/"))
    page.get_by_label("Period", exact=True).select_option("q-2026-1")
    page.get_by_label("District", exact=True).select_option("fenland")
    page.get_by_role("button", name="Show report").click()
    page.wait_for_load_state()

    assert (
        "Q1 2026/27 (April to June 2026): Sessions in Fenland"
        in page.get_by_role("heading", level=2).first.inner_text()
    )
    assert page.locator("svg.stack").first.is_visible()
    assert page.locator("table.report-table").count() > 8
    assert page.get_by_text("not rates for the population", exact=False).is_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures (CSV)").click()
    with open(download.value.path(), encoding="utf-8-sig") as fh:
        exported = {
            f"{r['table']}|{r['row']}|{r['column']}|{r['measure']}": "[c]" if r["withheld"] == "yes" else r["value"]
            for r in csv.DictReader(io.StringIO(fh.read()))
        }
    shown = page.eval_on_selector_all("[data-figure]", "els => els.map(e => [e.dataset.figure, e.textContent.trim()])")
    assert len(shown) > 100
    assert {k: v.replace(",", "").rstrip("%") for k, v in shown} == {
        k: v if v == "[c]" or "ratio" in k else str(int(float(v))) for k, v in exported.items()
    }
    assert all(
        value == "[c]" or not 0 < float(value) < 10
        for key, value in exported.items()
        if key.endswith("|count") and not key.startswith("totals|")
    )


def test_report_pages_pass_axe(page, live_server, staff_in_browser):
    populate()
    staff_in_browser("panel")
    page.goto(live_server("/reports/?period=fy-2026"))
    assert_accessible(page)
    page.goto(live_server("/reports/?period=q-2026-2&district=peterborough"))
    assert_accessible(page)


def test_coordinator_view_with_theme_forms_passes_axe(page, live_server, staff_in_browser):
    populate()
    staff_in_browser("coordinator")
    page.goto(live_server("/reports/?period=all"))
    assert page.get_by_label("Theme for this comment").first.is_visible()
    assert_accessible(page)


def test_a_small_session_shows_no_breakdowns_and_withheld_segments_keep_their_place(
    page, live_server, staff_in_browser
):
    populate()
    small = make_session(district="fenland")
    make_responses(small, 4, answers={"stopped": "once", "useful": "5"})
    db.session.commit()
    staff_in_browser("panel")
    page.goto(live_server(f"/reports/?session={small.id}"))
    assert page.get_by_role("heading", name="Fewer than 20 young people answered here").is_visible()
    assert page.locator(".report-block, svg.stack").count() == 0  # no question or group tables, no charts
    assert page.get_by_role("heading", name="Who answered").count() == 0

    page.goto(live_server("/reports/?period=q-2026-1&district=fenland"))
    bars = page.locator("svg.stack").all()
    checked = 0
    for bar in bars:
        segments = bar.locator("rect").evaluate_all(
            "rs => rs.map(r => [+r.dataset.column, r.classList.contains('seg-withheld'), parseFloat(r.getAttribute('x'))])",  # noqa: E501
        )
        columns = [c for c, _w, _x in segments]
        assert columns == sorted(columns)  # every answer in its own place, left to right
        assert [x for *_c, x in segments] == sorted(x for *_c, x in segments)
        middle = [i for i, (_c, withheld, _x) in enumerate(segments) if withheld and 0 < i < len(segments) - 1]
        checked += bool(middle)
    assert checked, "no chart here has a withheld segment between two shown ones"
    assert_accessible(page)
    assert page.get_by_role("button", name="Print this report").is_visible()
