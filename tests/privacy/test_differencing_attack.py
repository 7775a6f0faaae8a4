"""A solver holding every view the reports offer (pages and CSV) must not recover any count from 1 to 9.

The dataset (seed 22): 3 districts, 5 quarters over two financial years, 20 sessions of 3 to 28
young people (about 250 responses), so nearly every cell is small. Every period, district and
session the filter offers is published through the real pages and CSV export.
"""

from __future__ import annotations

import csv
import io
import re
import time

import pytest
from freezegun import freeze_time

from roadshow import questionnaire
from roadshow.extensions import db
from roadshow.services import report_periods
from tests.privacy.attack import TOTAL, Figure, Model, parse_figure_value
from tests.privacy.dataset import MULTI_COLUMN, Dataset, generate

TODAY = "2027-04-20 12:00:00"
OPTION = re.compile(r'<option value="([^"]*)"')
FIGURE = re.compile(r'data-figure="([^"]*)">([^<]*)<')


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
    """(table, row, column) -> the CSV row, for both the old layout (category) and the new one."""
    out = {}
    for r in rows:
        if r["measure"] != "count":
            continue
        if "table" in r:
            out[(r["table"], r["row"], r["column"])] = r
            continue
        parts = r["category"].split(" | ")
        row, column = (parts + [TOTAL])[:2] if parts != [TOTAL] else (TOTAL, TOTAL)
        if len(parts) == 1 and parts != [TOTAL]:
            column = MULTI_COLUMN
        out[(r["dimension"], row, column)] = r
    return out


def _figures(sessions: frozenset[int], data: Dataset, cells: dict) -> list[Figure]:
    """What a reader may conclude from each published count of one view."""
    from roadshow.services import disclosure

    figures = []
    for (table, row, column), r in cells.items():
        if row in ("Sessions delivered", "Young people reached"):
            continue
        chosen = sessions
        if table == "totals" and column != TOTAL:
            chosen = frozenset(s for s in sessions if data.sessions[s][1] == column)
        value = parse_figure_value(r["value"])
        if "withheld" not in r:  # the old page: exact numbers, "<10" for 1 to 9, "[c]" for 0 or at least 10
            if value is not None:
                figures.append(Figure(chosen, table, row, column, value, value))
            elif r["value"] == "[c]":
                figures.append(Figure(chosen, table, row, column, 0, 10_000, zero_or_at_least=10))
            else:
                figures.append(Figure(chosen, table, row, column, 1, 9))
            continue
        base = cells.get((table, row, TOTAL)) if column != TOTAL else None
        small = base is not None and (base["withheld"] == "yes" or parse_figure_value(base["value"]) < 20)
        low, high = disclosure.reader_bounds(None if r["withheld"] == "yes" else value, small_group=small)
        figures.append(Figure(chosen, table, row, column, low, high))
    return figures


def _page_matches_csv(page: str, rows: list[dict]) -> None:
    """Every figure on the page is one the CSV gives, with the same value."""
    shown = {key: text.strip() for key, text in FIGURE.findall(page)}
    assert shown, "the page shows no figures"
    exported = {}
    for r in rows:
        category = r.get("category") or " | ".join(p for p in (r["row"], r["column"]) if p)
        exported[f"{r.get('dimension') or r['table']}|{category}|{r['measure']}"] = r
    for key, text in shown.items():
        assert key.replace("&#39;", "'").replace("&amp;", "&") in exported or "%" in text, key


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
        _seed_record_keys()
        db.session.commit()
        login(users["panel"])
        model = publish_everything(client, data)
    assert model.check_truth() == [], "the attack misreads what the reports publish"
    hidden, pinned = model.pinned()
    print(f"\n{len(data.sessions)} sessions, {sum(data.responses.values())} responses, "
          f"{hidden} hidden counts of 1 to 9, {pinned} recovered exactly, {time.perf_counter() - started:.0f} s")
    assert hidden > 300  # the dataset really is full of small cells
    assert pinned == 0


def _seed_record_keys() -> None:
    """Record keys from a fixed seed, so the run is the same every time (the app draws them at random)."""
    import random

    import sqlalchemy as sa

    from roadshow.models import FeedbackResponse

    if not hasattr(FeedbackResponse, "record_key"):
        return
    rnd = random.Random(2021)
    ids = db.session.scalars(sa.select(FeedbackResponse.id).order_by(FeedbackResponse.id)).all()
    for i in ids:
        db.session.execute(sa.update(FeedbackResponse).where(FeedbackResponse.id == i).values(record_key=rnd.randrange(256)))
