"""The newsletter: writing, publishing and reading editions and articles.

Markdown becomes sanitised HTML once, when it is saved; the public pages print
what is stored. Every change is audited and empties the rendered-page cache.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import nh3
import sqlalchemy as sa
from flask import current_app
from markdown_it import MarkdownIt

from roadshow import pagecache
from roadshow.extensions import db
from roadshow.models import SECTIONS, Article, ArticleStatus, Edition, User
from roadshow.services import DomainError, audit
from roadshow.timeutil import utcnow

T = TypeVar("T")
SECTION_CODES = tuple(code for code, _ in SECTIONS)
_markdown = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False}).enable("table")
# What an article may contain once sanitised: text structure, links, images; no h1 (the page has one).
ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "a", "code",
    "pre", "img", "table", "thead", "tbody", "tr", "th", "td", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "abbr": {"title"}, "th": {"scope"}}
_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    clean_content_tags={"script", "style"},
    link_rel="noopener noreferrer",
)


def render_markdown(source: str) -> str:
    """Markdown to HTML with nothing executable left: no scripts, handlers or `javascript:` links."""
    return _cleaner.clean(_markdown.render(source or ""))


def slugify(text: str, max_length: int = 80) -> str:
    """Lower-case ASCII words joined by hyphens, e.g. "£1m boost for patrols" -> "1m-boost-for-patrols"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "article"


def _unique_slug(model: type[Article] | type[Edition], text: str) -> str:
    base = slugify(text)
    taken = set(db.session.scalars(sa.select(model.slug).where(model.slug.startswith(base, autoescape=True))))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


# Rendered public pages ------------------------------------------------------------------------
# Each worker keeps the feed and the sign-up box here, and whole pages (`/`, articles) in
# roadshow.pagecache, for a short while. A change made through this worker empties both at once;
# other workers catch up within NEWS_CACHE_SECONDS.


def _cache() -> dict[str, tuple[float, Any]]:
    return current_app.extensions.setdefault("news_page_cache", {})


def cached(key: str, build: Callable[[], T]) -> T:
    """The stored value for `key` if fresh, else build it (and keep it when caching is on)."""
    ttl = current_app.config["NEWS_CACHE_SECONDS"]
    store = _cache()
    hit = store.get(key)
    now = time.monotonic()
    if hit is not None and hit[0] > now:
        return hit[1]
    value = build()
    if ttl > 0:
        store[key] = (now + ttl, value)
    return value


PAGES = "news"  # the group of whole news pages kept by roadshow.pagecache


def _changed() -> None:
    _cache().clear()
    pagecache.forget(PAGES)


# Editions --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EditionInput:
    title: str
    welcome: str


def create_edition(data: EditionInput, *, actor: User | None) -> Edition:
    edition = Edition(title=data.title.strip(), slug=_unique_slug(Edition, data.title), welcome=data.welcome)
    edition.welcome_html = render_markdown(data.welcome)
    db.session.add(edition)
    db.session.flush()
    audit.record("news.edition.create", edition, actor=actor)
    _changed()
    return edition


def update_edition(edition: Edition, data: EditionInput, *, actor: User | None) -> Edition:
    edition.title = data.title.strip()
    edition.welcome = data.welcome
    edition.welcome_html = render_markdown(data.welcome)
    edition.updated_at = utcnow()
    audit.record("news.edition.update", edition, actor=actor)
    _changed()
    return edition


def set_edition_published(edition: Edition, published: bool, *, actor: User | None) -> Edition:
    """Publishing makes this the current edition on the home page (the newest published wins)."""
    edition.published_at = (edition.published_at or utcnow()) if published else None
    edition.updated_at = utcnow()
    audit.record("news.edition.publish" if published else "news.edition.unpublish", edition, actor=actor)
    _changed()
    return edition


def editions() -> list[Edition]:
    return list(db.session.scalars(sa.select(Edition).order_by(Edition.created_at.desc(), Edition.id.desc())))


# Articles --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleInput:
    edition_id: int
    section: str
    title: str
    summary: str
    body: str
    read_more_url: str = ""
    position: int = 0


def _check(data: ArticleInput) -> Edition:
    if data.section not in SECTION_CODES:
        raise DomainError("Choose a section for the article.")
    edition = db.session.get(Edition, data.edition_id)
    if edition is None:
        raise DomainError("Choose an edition for the article.")
    return edition


def create_article(data: ArticleInput, *, actor: User | None) -> Article:
    """A new draft; its slug comes from the title and is unique."""
    _check(data)
    article = Article(slug=_unique_slug(Article, data.title), author_id=actor.id if actor else None)
    _apply(article, data)
    db.session.add(article)
    db.session.flush()
    audit.record("news.article.create", article, actor=actor, actor_label="" if actor else "cli")
    _changed()
    return article


def update_article(article: Article, data: ArticleInput, *, actor: User | None) -> Article:
    """Edit the text; the slug stays, so links already shared keep working."""
    _check(data)
    _apply(article, data)
    article.updated_at = utcnow()
    audit.record("news.article.update", article, actor=actor)
    _changed()
    return article


def _apply(article: Article, data: ArticleInput) -> None:
    article.edition_id = data.edition_id
    article.section = data.section
    article.title = data.title.strip()
    article.summary = data.summary.strip()
    article.body = data.body
    article.body_html = render_markdown(data.body)
    article.read_more_url = data.read_more_url.strip()
    article.position = data.position


def set_article_published(article: Article, published: bool, *, actor: User | None) -> Article:
    now = utcnow()
    if published:
        article.status = ArticleStatus.PUBLISHED
        article.published_at = article.published_at or now
    else:
        article.status = ArticleStatus.DRAFT
    article.updated_at = now
    audit.record("news.article.publish" if published else "news.article.unpublish", article, actor=actor)
    _changed()
    return article


def staff_articles() -> sa.Select:
    """Every article for the staff list, newest first."""
    return sa.select(Article).options(sa.orm.joinedload(Article.edition)).order_by(Article.updated_at.desc())


# Reading (public) ------------------------------------------------------------------------------


def _visible() -> tuple[sa.ColumnElement[bool], ...]:
    return (Article.status == ArticleStatus.PUBLISHED, Edition.published_at.is_not(None))


def current_edition() -> Edition | None:
    """The newest published edition."""
    return db.session.scalar(
        sa.select(Edition).where(Edition.published_at.is_not(None)).order_by(Edition.published_at.desc()).limit(1)
    )


def _section_order() -> sa.Case:
    return sa.case({code: n for n, code in enumerate(SECTION_CODES)}, value=Article.section, else_=len(SECTION_CODES))


def edition_articles(edition: Edition) -> list[Article]:
    """Published articles of an edition in reading order: section, then position."""
    query = (
        sa.select(Article)
        .where(Article.edition_id == edition.id, Article.status == ArticleStatus.PUBLISHED)
        .order_by(_section_order(), Article.position, Article.id)
    )
    return list(db.session.scalars(query))


def by_section(articles: list[Article]) -> list[tuple[str, list[Article]]]:
    """(section heading, its articles) for the sections that have any, in newsletter order."""
    return [(name, [a for a in articles if a.section == code]) for code, name in SECTIONS if any(
        a.section == code for a in articles
    )]  # fmt: skip


def published_article(slug: str) -> Article | None:
    """An article the public may read, with its edition loaded in the same query."""
    return db.session.scalar(
        sa.select(Article)
        .join(Article.edition)
        .options(sa.orm.contains_eager(Article.edition))
        .where(Article.slug == slug, *_visible())
    )


def neighbours(article: Article) -> tuple[Article | None, Article | None]:
    """The previous and next published articles in the same edition's reading order."""
    siblings = edition_articles(article.edition)
    ids = [a.id for a in siblings]
    i = ids.index(article.id)
    return (siblings[i - 1] if i > 0 else None, siblings[i + 1] if i + 1 < len(siblings) else None)


def published_articles() -> sa.Select:
    """Every article the public may read, newest first (for the list and the feed)."""
    return (
        sa.select(Article)
        .join(Article.edition)
        .options(sa.orm.contains_eager(Article.edition))
        .where(*_visible())
        .order_by(Article.published_at.desc(), Article.id.desc())
    )
