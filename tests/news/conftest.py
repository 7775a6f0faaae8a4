"""Newsletter test data: editions and articles made through the real service functions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from roadshow.extensions import db
from roadshow.models import Article, Edition
from roadshow.services.news import articles as news


@pytest.fixture
def make_edition(app) -> Callable[..., Edition]:
    def _make(title: str = "Spring 2026", *, published: bool = True, at: datetime | None = None) -> Edition:
        edition = news.create_edition(news.EditionInput(title, f"Welcome to the {title} edition."), actor=None)
        if published:
            news.set_edition_published(edition, True, actor=None)
            if at is not None:
                edition.published_at = at
        db.session.commit()
        return edition

    return _make


@pytest.fixture
def make_article(app) -> Callable[..., Article]:
    def _make(
        edition: Edition,
        title: str = "An article",
        *,
        section: str = "communities",
        published: bool = True,
        body: str = "Some **news**.",
        summary: str = "A short summary.",
        position: int = 0,
    ) -> Article:
        data = news.ArticleInput(edition.id, section, title, summary, body, position=position)
        article = news.create_article(data, actor=None)
        if published:
            news.set_article_published(article, True, actor=None)
        db.session.commit()
        return article

    return _make
