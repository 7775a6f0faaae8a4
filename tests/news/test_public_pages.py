"""What residents see: the current edition, the article list, one article, friendly 404s."""

from __future__ import annotations

from datetime import UTC, datetime

from roadshow.extensions import db


def test_home_shows_the_welcome_and_published_articles_of_the_current_edition(client, make_edition, make_article):
    old = make_edition("Winter 2025", at=datetime(2025, 12, 1, tzinfo=UTC))
    current = make_edition("Spring 2026", at=datetime(2026, 3, 16, tzinfo=UTC))
    make_edition("Summer 2026", published=False)
    make_article(old, "Last winter's story")
    make_article(current, "Patrols in hotspots", section="communities")
    make_article(current, "Youth Fund projects", section="prevention")
    make_article(current, "Unfinished draft", published=False)

    page = client.get("/").get_data(as_text=True)

    assert "Spring 2026 edition" in page and "Welcome to the Spring 2026 edition." in page
    assert "Patrols in hotspots" in page and "Youth Fund projects" in page
    assert 'href="/news/patrols-in-hotspots"' in page
    assert "Last winter" not in page and "Unfinished draft" not in page and "Summer 2026" not in page
    # grouped by section, in the newsletter's order
    assert page.index("Putting communities first") < page.index("Patrols") < page.index("Crime prevention")
    assert "Ethical policing" not in page  # a section with no articles is left out


def test_home_without_any_published_edition_says_so(client, make_edition):
    make_edition(published=False)
    page = client.get("/")
    assert page.status_code == 200
    assert "no newsletter to show yet" in page.get_data(as_text=True)


def test_a_draft_article_is_not_found_by_the_public(client, make_edition, make_article):
    article = make_article(make_edition(), "Secret plans", published=False)
    response = client.get(f"/news/{article.slug}")
    assert response.status_code == 404
    assert "Secret plans" not in response.get_data(as_text=True)
    assert "Secret plans" not in client.get("/news/").get_data(as_text=True)


def test_an_article_in_an_unpublished_edition_is_not_shown(client, make_edition, make_article):
    article = make_article(make_edition("Autumn 2026", published=False), "Early bird")
    assert client.get(f"/news/{article.slug}").status_code == 404


def test_an_unknown_slug_gets_a_friendly_404(client):
    response = client.get("/news/no-such-article")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Article not found" in page and 'href="/news/"' in page


def test_an_article_shows_its_edition_section_and_neighbours(client, make_edition, make_article):
    edition = make_edition("Spring 2026")
    first = make_article(edition, "First story", section="communities")
    middle = make_article(edition, "Middle story", section="ethical", body="Join the [panel](/get-involved/).")
    last = make_article(edition, "Last story", section="prevention")

    page = client.get(f"/news/{middle.slug}").get_data(as_text=True)

    assert "<h1>Middle story</h1>" in page
    assert "Spring 2026" in page and "Ethical policing" in page
    assert '<a href="/get-involved/"' in page
    assert f'href="/news/{first.slug}" rel="prev"' in page
    assert f'href="/news/{last.slug}" rel="next"' in page


def test_the_first_article_has_no_previous_link(client, make_edition, make_article):
    edition = make_edition()
    first = make_article(edition, "Only story")
    page = client.get(f"/news/{first.slug}").get_data(as_text=True)
    assert 'rel="prev"' not in page and 'rel="next"' not in page


def test_all_news_is_newest_first_and_paginated(client, make_edition, make_article):
    edition = make_edition()
    for n in range(12):
        article = make_article(edition, f"Story number {n:02d}")
        article.published_at = datetime(2026, 1, 1 + n, tzinfo=UTC)
    db.session.commit()

    first_page = client.get("/news/").get_data(as_text=True)
    assert first_page.index("Story number 11") < first_page.index("Story number 02")
    assert "Story number 01" not in first_page and "Page 1 of 2" in first_page
    second_page = client.get("/news/?page=2").get_data(as_text=True)
    assert "Story number 01" in second_page and "Story number 00" in second_page
    assert client.get("/news/?page=9").status_code == 404


def test_a_staff_edit_shows_on_the_cached_home_page_at_once(app, client, make_edition, make_article, users, login):
    visitor = app.test_client()  # stays signed out throughout
    edition = make_edition()
    article = make_article(edition, "Original headline")
    assert "Original headline" in client.get("/").get_data(as_text=True)
    assert "Original headline" in client.get(f"/news/{article.slug}").get_data(as_text=True)

    # Changed behind the cache's back: the cached page is still served...
    article.title = "Sneaky change"
    db.session.commit()
    assert "Original headline" in client.get("/").get_data(as_text=True)

    # ...but an edit by staff empties the cache.
    login(users["coordinator"])
    form = {"edition_id": edition.id, "section": "communities", "title": "Corrected headline",
            "summary": "Summary.", "body": "Body.", "position": 0}  # fmt: skip
    assert client.post(f"/staff/news/articles/{article.id}", data=form).status_code == 303
    assert "Corrected headline" in client.get("/").get_data(as_text=True)
    assert "Corrected headline" in client.get(f"/news/{article.slug}").get_data(as_text=True)
    assert "Corrected headline" in visitor.get("/").get_data(as_text=True)
    assert "Corrected headline" in visitor.get(f"/news/{article.slug}").get_data(as_text=True)


def test_unpublishing_removes_the_article_from_the_cached_pages(client, make_edition, make_article, users, login):
    article = make_article(make_edition(), "Here today")
    assert "Here today" in client.get("/").get_data(as_text=True)
    assert client.get(f"/news/{article.slug}").status_code == 200
    login(users["coordinator"])
    client.post(f"/staff/news/articles/{article.id}/unpublish", follow_redirects=True)
    assert "Here today" not in client.get("/").get_data(as_text=True)
    assert client.get(f"/news/{article.slug}").status_code == 404


def test_public_pages_need_at_most_two_queries(app, client, make_edition, make_article):
    from sqlalchemy import event

    edition = make_edition()
    article = make_article(edition, "Counting queries")
    app.config["NEWS_CACHE_SECONDS"] = 0  # measure the uncached work
    statements: list[str] = []
    engine = db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        for path in ("/", f"/news/{article.slug}", "/news/", "/news/feed.xml"):
            statements.clear()
            assert client.get(path).status_code == 200
            assert len(statements) <= 2, f"{path}: {statements}"
    finally:
        event.remove(engine, "before_cursor_execute", listener)
