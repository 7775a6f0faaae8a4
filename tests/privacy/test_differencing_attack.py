"""A solver holding every view the reports offer (pages and CSV) must not recover any count from 1 to 9.

The dataset (seed 22): 3 districts, 5 quarters over two financial years, 20 sessions of 3 to 28
young people (about 250 responses), so nearly every cell is small. Every period, district and
session the filter offers is published through the real pages and CSV export.
"""

from __future__ import annotations

import csv
import html
import io
import re
import time

import pytest
from freezegun import freeze_time

from roadshow import questionnaire
from roadshow.extensions import db
from roadshow.services.reports import disclosure
from roadshow.services.reports import periods as report_periods
from tests.privacy.attack import TOTAL, Figure, Model
from tests.privacy.dataset import MULTI_COLUMN, Dataset, generate

TODAY = "2027-04-20 12:00:00"
OPTION = re.compile(r'<option value="([^"]*)"')
ANSWERED = "Answered this question"
FIGURE = re.compile(r'data-figure="([^"]*)"[^>]*>([^<]*)<')


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return OPTION.findall(select[1])


def _views(client) -> list[dict[str, str]]:
    """Every period with every district, and every session with each period that holds it."""
    html = client.get("/reports/").get_data(as_text=True)
    periods, districts, sessions = (_options(html, n) for n in ("period", "district", "session"))
    views = [{"period": p, "district": d} for p in periods for d in districts]
    return views + [{"period": p, "session": s} for p in periods for s in sessions if s]


def _sessions_in(data: Dataset, view: dict[str, str]) -> frozenset[int]:
    """The sessions a view covers: its scope, narrowed to its period."""
    period = report_periods.parse(view["period"])
    chosen = set(data.sessions)
    if view.get("session"):
        chosen = {int(view["session"])}
    elif view.get("district"):
        chosen = {s for s in chosen if data.sessions[s][0] == view["district"]}
    return frozenset(s for s in chosen if period.start is None or period.start <= data.days[s] < period.end)


def _cells(rows: list[dict]) -> dict[tuple[str, str, str], dict]:
    """(table, row, column) -> the CSV row of each published count (a multi-choice table has one column)."""
    return {(r["table"], r["row"], r["column"] or MULTI_COLUMN): r for r in rows if r["measure"] == "count"}


def _figures(sessions: frozenset[int], data: Dataset, cells: dict) -> list[Figure]:
    """What a reader who knows the method and its parameters may conclude from each published count."""
    figures = []
    for (table, row, column), r in cells.items():
        if row in ("Sessions delivered", "Young people reached"):  # not about anyone's answers
            continue
        chosen = sessions
        if table == "totals" and column != TOTAL:
            chosen = frozenset(s for s in sessions if data.sessions[s][1] == column)
        base = cells.get((table, row, TOTAL)) or cells.get((table, ANSWERED, TOTAL)) if column != TOTAL else None
        if row == ANSWERED:  # everyone in this dataset answers the one multi-choice question
            table, row = "totals", "Responses"
        small = base is not None and (base["withheld"] == "yes" or float(base["value"]) < disclosure.MIN_BASE)
        value = None if r["withheld"] == "yes" else int(float(r["value"]))
        low, high = disclosure.reader_bounds(value, small_group=small)
        figures.append(Figure(chosen, table, row, column, low, high))
    return figures


def _page_matches_csv(page: str, rows: list[dict]) -> None:
    """Every figure on the page is in the CSV with the same value, and the CSV has nothing the page hides."""
    shown = {html.unescape(key): text.strip() for key, text in FIGURE.findall(page)}
    exported = {f"{r['table']}|{r['row']}|{r['column']}|{r['measure']}": r for r in rows}
    for key, text in shown.items():
        r = exported[key]
        if r["withheld"] == "yes":
            assert text == disclosure.WITHHELD, key
        else:
            assert float(text.replace(",", "").rstrip("%")) == float(r["value"]), key
    assert {k for k in exported if "|Sessions delivered|" not in k} <= set(shown) | {
        k for k in exported if k.startswith("totals|")
    }


def publish_everything(client, data: Dataset) -> Model:
    model = Model(data)
    model.start()
    for view in _views(client):
        query = "&".join(f"{k}={v}" for k, v in view.items())
        page = client.get(f"/reports/?{query}")
        export = client.get(f"/reports/export.csv?{query}", buffered=True)
        assert page.status_code == export.status_code == 200
        rows = list(csv.DictReader(io.StringIO(export.get_data(as_text=True).lstrip("\ufeff"))))
        _page_matches_csv(page.get_data(as_text=True), rows)
        sessions = _sessions_in(data, view)
        for figure in _figures(sessions, data, _cells(rows)):
            model.add(figure)
    stopped = dict(questionnaire.current().question("stopped").options)
    model.finish(stopped)
    return model


@pytest.mark.slow
def test_no_count_from_one_to_nine_can_be_worked_out_from_everything_published(client, users, login):
    started = time.perf_counter()
    with freeze_time(TODAY):
        data = generate()
        db.session.commit()
        login(users["panel"])
        model = publish_everything(client, data)
    assert model.check_truth() == [], "the attack misreads what the reports publish"
    hidden, pinned = model.pinned()
    print(
        f"\n{len(data.sessions)} sessions, {sum(data.responses.values())} responses, "
        f"{hidden} hidden counts of 1 to 9, {pinned} recovered exactly, {time.perf_counter() - started:.0f} s"
    )
    assert hidden > 300  # the dataset really is full of small cells
    assert pinned == 0
