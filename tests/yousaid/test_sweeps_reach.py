"""The hardening sweeps find pages by crawling from their start pages: make sure they reach ours."""

from __future__ import annotations

import pytest

from roadshow.extensions import db
from roadshow.services import demo
from tests.support.crawl import crawl


@pytest.fixture
def seeded(app):
    demo.seed()
    db.session.commit()


@pytest.mark.parametrize(
    "role,start,expected",
    [
        (None, "/", {"yousaid.public_page"}),
        ("panel", "/reports/", {"yousaid.staff_index", "yousaid.staff_period", "yousaid.edit_finding"}),
        (
            "coordinator",
            "/staff/",
            {"yousaid.staff_index", "yousaid.staff_period", "yousaid.add_response", "yousaid.edit_response"},
        ),
    ],
)
def test_the_accessibility_sweeps_crawl_reaches_every_you_said_page(
    app, client, seeded, make_user, login, role, start, expected
):
    if role:
        login(make_user(role))
    routes = {page.route for page in crawl(client, [start])}
    assert expected <= routes, expected - routes
