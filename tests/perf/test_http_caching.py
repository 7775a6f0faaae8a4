"""Browsers may keep public pages but check with us on every visit; a page with a visitor's token is theirs alone."""

from __future__ import annotations

from roadshow.extensions import db
from roadshow.services.news import articles as news
from tests.support.app import make_app


def _published_article(title: str = "Ice rink opens in Ely") -> tuple[object, str]:
    edition = news.create_edition(news.EditionInput("Winter 2026", "Welcome to winter."), actor=None)
    news.set_edition_published(edition, True, actor=None)
    data = news.ArticleInput(edition.id, "communities", title, "A summary.", "Some news.")
    article = news.create_article(data, actor=None)
    news.set_article_published(article, True, actor=None)
    db.session.commit()
    return article, f"/news/{article.slug}"


def test_a_revisited_article_costs_a_not_modified_until_it_changes(app) -> None:
    article, path = _published_article()
    reader = app.test_client()
    first = reader.get(path)
    assert first.headers["Cache-Control"] == "public, no-cache"
    assert "Cookie" in first.headers["Vary"]
    etag = first.headers["ETag"]

    again = reader.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""

    news.set_article_published(article, False, actor=None)
    db.session.commit()
    assert reader.get(path, headers={"If-None-Match": etag}).status_code == 404


def test_pages_with_a_visitors_token_are_never_for_a_shared_proxy(app, database_url) -> None:
    _published_article()
    visitor = make_app(database_url, WTF_CSRF_ENABLED=True).test_client()
    for path in ("/", "/roadshow/book"):
        for _ in range(2):  # the first render and the kept copy alike
            response = visitor.get(path)
            assert response.headers["Cache-Control"] == "private, no-cache", path
            assert "ETag" not in response.headers


def test_signed_in_staff_get_a_fresh_page_with_no_shared_caching(app, client, users, login) -> None:
    _article, path = _published_article()
    login(users["coordinator"])
    response = client.get(path)
    assert response.status_code == 200
    assert "public" not in response.headers.get("Cache-Control", "")
    assert "ETag" not in response.headers
