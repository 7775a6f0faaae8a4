"""A panel member reads a quarter's report for one district in Chromium and downloads the same figures."""

from __future__ import annotations

import csv
import io

import pytest

from tests.reports.demo_data import populate
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
    with open(download.value.path(), encoding="utf-8") as fh:
        exported = {
            f"{r['dimension']}|{r['category']}|{r['measure']}": r["value"]
            for r in csv.DictReader(io.StringIO(fh.read()))
        }
    shown = page.eval_on_selector_all("[data-figure]", "els => els.map(e => [e.dataset.figure, e.textContent.trim()])")
    assert len(shown) > 100
    assert dict(shown) == exported
    assert all(
        value in ("<10", "[c]") or not 0 < int(value.rstrip("%").replace(",", "")) < 10
        for key, value in exported.items()
        if key.endswith("|count")
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
