"""The youth route is written for a reading age of about 11 (Flesch-Kincaid grade 6 or below)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import readability

# US school grade + 5 is roughly a reading age: grade 6 is about 11 years old.
MAX_GRADE = 6.0
BLOCKS = {"p", "li", "h1", "h2", "h3", "label", "legend", "a", "dt", "dd"}


class _Text(HTMLParser):
    """Visible text, one line per block, so headings and labels count as their own sentences."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style") or ("class", "honeypot") in attrs:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") or (tag == "div" and self._hidden):
            self._hidden = max(0, self._hidden - 1)
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def kincaid_grade(html: str) -> float:
    parser = _Text()
    parser.feed(html)
    sentences = []
    for line in "".join(parser.parts).splitlines():
        for sentence in re.split(r"(?<=[.?!])\s+", line.strip()):
            words = re.findall(r"[A-Za-z0-9']+", sentence)
            if words:
                sentences.append(" ".join(words))
    assert len(sentences) >= 8, "too little text to measure"
    return readability.getmeasures("\n".join(sentences), lang="en")["readability grades"]["Kincaid"]


def _between(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end)]


def test_youth_section_of_the_get_involved_page(client):
    page = client.get("/get-involved/").get_data(as_text=True)
    youth = _between(page, '<h2 id="youth-heading"', '<section aria-labelledby="panel-heading"')
    assert kincaid_grade(youth) <= MAX_GRADE


def test_support_and_safety_sections_everyone_reads(client):
    page = client.get("/get-involved/").get_data(as_text=True)
    assert kincaid_grade(_between(page, '<h2 id="support-heading"', "</main>")) <= MAX_GRADE


@pytest.mark.parametrize("submit", [False, True], ids=["empty", "with-errors"])
def test_youth_form_and_its_error_messages(client, submit):
    if submit:
        response = client.post("/get-involved/apply", data={"group": "youth", "age": "14"})
    else:
        response = client.get("/get-involved/apply?group=youth")
    page = response.get_data(as_text=True)
    assert ("There is a problem" in page) is submit
    assert kincaid_grade(_between(page, "<main", "</form>")) <= MAX_GRADE


def test_confirmation_page(client):
    from tests.volunteers.conftest import UNDER_16

    response = client.post("/get-involved/apply", data=UNDER_16)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert kincaid_grade(_between(page, "<main", "</main>")) <= MAX_GRADE
