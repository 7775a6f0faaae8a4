"""An edit made through one app process shows at once in another that shares its Redis.

Two gunicorn servers of the real app (one sync worker each, as two instances behind a proxy would be)
share one SQLite file and one Redis (REDIS_URL). A visitor reads an article through the second server,
which keeps the rendered page; a coordinator then takes the article back to draft, or changes its
title, through the first. The very next request to the second server must show the change: with a
cache per process it kept showing the old page for NEWS_CACHE_SECONDS (a minute).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from flask_migrate import upgrade

from roadshow.extensions import db
from roadshow.services.accounts import users as user_service
from roadshow.services.news import articles as news
from tests.ops.servers import Browserish, Gunicorn, gunicorn, redis_server
from tests.support.app import dispose_created, make_app

pytestmark = pytest.mark.slow

EMAIL, PASSWORD = "editor@example.org", "correct-horse-battery-42"


@dataclass
class Site:
    servers: list[Gunicorn]
    article_id: int
    slug: str


@pytest.fixture(scope="module")
def site(redis_installed, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A migrated SQLite file with a coordinator and one published article, served by two app processes."""
    tmp = tmp_path_factory.mktemp("shared-cache")
    url = f"sqlite:///{tmp / 'app.sqlite3'}"
    app = make_app(url)
    with app.app_context():
        upgrade()
        user_service.create(EMAIL, "Casey Editor", "coordinator", PASSWORD)
        edition = news.create_edition(news.EditionInput("Winter 2026", "Welcome to winter."), actor=None)
        news.set_edition_published(edition, True, actor=None)
        data = news.ArticleInput(edition.id, "communities", "Ice rink opens in Ely", "A summary.", "Some news.")
        article = news.create_article(data, actor=None)
        news.set_article_published(article, True, actor=None)
        db.session.commit()
        article_id, slug = article.id, article.slug
    dispose_created()
    with ExitStack() as stack:
        env = {"DATABASE_URL": url, "REDIS_URL": stack.enter_context(redis_server(tmp))}
        servers = [stack.enter_context(gunicorn(env, tmp / f"app{n}.log", workers=1)) for n in (1, 2)]
        yield Site(servers, article_id, slug)


def _form(token: str) -> str:
    return urlencode({"csrf_token": token})


def _signed_in(server: Gunicorn) -> tuple[Browserish, str]:
    """A coordinator's browser on `server`, and a CSRF token for the staff news forms."""
    editor = Browserish(server.port)
    token = editor.csrf_token("/staff/login")
    form = urlencode({"csrf_token": token, "email": EMAIL, "password": PASSWORD})
    status, _ = editor.request("POST", "/staff/login", form)
    assert status == 303, f"sign-in gave {status}"
    return editor, editor.csrf_token("/staff/news/")


def test_an_article_taken_back_to_draft_disappears_from_the_other_server_at_once(site: Site) -> None:
    first, second = site.servers
    reader = Browserish(second.port)
    status, page = reader.request("GET", f"/news/{site.slug}")
    assert status == 200 and "Ice rink opens in Ely" in page  # the second server now keeps this page

    editor, token = _signed_in(first)
    status, _ = editor.request("POST", f"/staff/news/articles/{site.article_id}/unpublish", _form(token))
    assert status == 303

    status, page = reader.request("GET", f"/news/{site.slug}")
    assert status == 404, f"the second server still shows the unpublished article ({status})"
    assert "Ice rink opens in Ely" not in page


def test_a_published_article_appears_on_the_other_servers_home_page_at_once(site: Site) -> None:
    first, second = site.servers
    editor, token = _signed_in(first)
    editor.request("POST", f"/staff/news/articles/{site.article_id}/unpublish", _form(token))
    reader = Browserish(second.port)
    _, home = reader.request("GET", "/")  # the second server keeps its home page without the article
    assert "Ice rink opens in Ely" not in home

    status, _ = editor.request("POST", f"/staff/news/articles/{site.article_id}/publish", _form(token))
    assert status == 303

    _, home = reader.request("GET", "/")
    assert "Ice rink opens in Ely" in home, "the second server still shows its old home page"
