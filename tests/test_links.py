"""Absolute links come from PUBLIC_BASE_URL through one helper, in a request or not."""

from __future__ import annotations

import re
from pathlib import Path

from roadshow.links import absolute_url

ROOT = Path(__file__).resolve().parent.parent


def test_links_are_built_from_the_configured_address_outside_a_request(app):
    app.config["PUBLIC_BASE_URL"] = "https://roadshow.example.org/"
    assert absolute_url("news.article", slug="a-b") == "https://roadshow.example.org/news/a-b"
    assert absolute_url("yousaid.public_page", _anchor="period-2026-Q1") == (
        "https://roadshow.example.org/you-said-we-did#period-2026-Q1"
    )


def test_links_keep_a_path_prefix_and_escape_values(app):
    app.config["PUBLIC_BASE_URL"] = "https://example.org/roadshow"
    assert absolute_url("feedback.form", code="AB CD") == "https://example.org/roadshow/feedback/AB%20CD"


def test_links_ignore_the_host_a_request_claims(app, client):
    app.config["PUBLIC_BASE_URL"] = "https://roadshow.example.org"
    with app.test_request_context("/", headers={"Host": "evil.example"}):
        assert absolute_url("news.home") == "https://roadshow.example.org/"


def test_no_module_builds_links_from_the_setting_by_hand():
    """Links are built by roadshow/links.py only (the feedback form reads the host, not a link)."""
    readers = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "roadshow").rglob("*.py"))
        if path.name != "links.py" and re.search(r"PUBLIC_BASE_URL[\"']\]\.rstrip", path.read_text())
    ]
    assert readers == []
