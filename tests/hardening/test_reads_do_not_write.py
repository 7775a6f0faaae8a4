"""GETs never write: reading a page (the reports included) runs no INSERT, UPDATE or DELETE and commits nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from roadshow.extensions import db
from roadshow.services import demo
from tests.reports.factories import make_response, make_session
from tests.support.crawl import crawl, route_of

WRITES = ("INSERT", "UPDATE", "DELETE")
# Reads that are themselves recorded, by design (PRODUCT.md): opening a safeguarding case is audited.
RECORDED_READS = {"feedback.safeguarding_case"}


@contextmanager
def counting_writes() -> Iterator[Counter[str]]:
    """Count write statements ("INSERT" ...) and commits on the app's engine while the block runs."""
    seen: Counter[str] = Counter()
    engine = db.engine

    def on_statement(_conn, _cursor, statement, _params, _context, _many) -> None:
        verb = statement.lstrip().split(None, 1)[0].upper()
        if verb in WRITES:
            seen[verb] += 1

    def on_commit(_conn) -> None:
        seen["COMMIT"] += 1

    event.listen(engine, "before_cursor_execute", on_statement)
    event.listen(engine, "commit", on_commit)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", on_statement)
        event.remove(engine, "commit", on_commit)


def test_opening_the_reports_writes_nothing(client, users, login):
    """New responses are already in the report's figures; reading them changes nothing."""
    session = make_session()
    for _ in range(25):
        make_response(session)
    db.session.commit()
    login(users["panel"])
    with counting_writes() as seen:
        page = client.get("/reports/")
    assert page.status_code == 200
    assert dict(seen) == {}


@pytest.mark.parametrize("role", ["public", "admin"])
def test_no_page_reached_by_links_writes(app, client, make_user, login, role):
    """Every page a visitor or an admin can reach by following links, read once more: no writes."""
    demo.seed()
    db.session.commit()
    starts = ["/"]
    if role == "admin":
        login(make_user("admin"))
        starts = ["/staff/", "/reports/"]
    writers = {}
    for path in [page.path for page in crawl(client, starts, per_route=2)]:
        with counting_writes() as seen:
            client.get(path)
        if seen:
            writers[path] = dict(seen)
    assert {path: n for path, n in writers.items() if route_of(app, path) not in RECORDED_READS} == {}
