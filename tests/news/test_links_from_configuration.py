"""Absolute links come from PUBLIC_BASE_URL, never from the Host header a client sent."""

from __future__ import annotations

import pytest

BASE = "https://roadshow.example.org"


@pytest.fixture
def published(app, make_edition, make_article):
    app.config["PUBLIC_BASE_URL"] = BASE
    edition = make_edition()
    make_article(edition, "Safer streets")


def test_the_feed_never_shows_a_foreign_host(app, client, published):
    poisoned = [client.get("/news/feed.xml", headers={"Host": "evil.example"}) for _ in range(6)]
    later = client.get("/news/feed.xml")
    for response in [*poisoned, later]:
        assert "evil.example" not in response.text
    assert f"{BASE}/news/feed.xml" in later.text
    assert f"{BASE}/news/" in later.text


def test_other_hosts_are_refused_when_trusted_hosts_are_set(app, client):
    app.config["TRUSTED_HOSTS"] = ["roadshow.example.org"]
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "roadshow.example.org"}).status_code == 200
