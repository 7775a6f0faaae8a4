"""The Atom feed parses with a real parser and lists exactly the published articles."""

from __future__ import annotations

import feedparser


def test_feed_is_valid_atom_with_the_published_articles(client, make_edition, make_article):
    edition = make_edition()
    make_article(edition, "Patrols in hotspots", body="We won **£1m**.")
    make_article(edition, "Youth Fund projects")
    make_article(edition, "Not ready yet", published=False)
    hidden = make_edition("Autumn 2026", published=False)
    make_article(hidden, "Future edition story")

    response = client.get("/news/feed.xml")

    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    titles = {entry.title for entry in parsed.entries}
    assert titles == {"Patrols in hotspots", "Youth Fund projects"}
    entry = next(e for e in parsed.entries if e.title == "Patrols in hotspots")
    assert entry.link == "http://127.0.0.1:5000/news/patrols-in-hotspots"  # PUBLIC_BASE_URL, not the Host
    assert "<strong>£1m</strong>" in entry.content[0].value
    assert entry.published_parsed is not None


def test_empty_feed_is_still_valid_atom(client):
    parsed = feedparser.parse(client.get("/news/feed.xml").data)
    assert not parsed.bozo and parsed.version == "atom10" and parsed.entries == []
