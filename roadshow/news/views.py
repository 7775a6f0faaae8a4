"""Public newsletter pages: the current edition, every article, one article, the Atom feed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from flask import Response, abort, current_app, render_template, request
from flask_wtf.csrf import generate_csrf

from roadshow import pagecache
from roadshow.extensions import db
from roadshow.links import base_url
from roadshow.news import bp
from roadshow.news.forms import SubscribeForm
from roadshow.security import public
from roadshow.services.news import articles as news

PER_PAGE = 10
MAX_PAGE = 10_000


def _subscribe_box() -> str:
    """The sign-up box for `/` and `/news/` (with the visitor's CSRF token, which the page cache swaps)."""
    form = SubscribeForm(meta={"csrf": False}, formdata=None)
    return render_template("news/_subscribe_box.html", subscribe_form=form)


def _whole_page(key: str, build: Callable[[], str], values: dict[str, str]) -> str:
    """A news page as every anonymous visitor sees it, kept for NEWS_CACHE_SECONDS; staff see it fresh."""
    return pagecache.render_once(news.PAGES, key, build, values, max_age=current_app.config["NEWS_CACHE_SECONDS"])


@bp.route("/")
@public
def home() -> str:
    """The current edition: the Commissioner's welcome, then article cards by section."""

    def page() -> str:
        edition = news.current_edition()
        articles = news.edition_articles(edition) if edition else []
        body = render_template("news/_edition.html", edition=edition, sections=news.by_section(articles))
        return render_template("news/home.html", body=body, subscribe_box=_subscribe_box())

    return _whole_page("home", page, {"csrf": generate_csrf()})


@bp.route("/news/")
@public
def article_list() -> str:
    """Every published article, newest first, ten to a page."""
    number = request.args.get("page", 1, type=int)
    if not 1 <= number <= MAX_PAGE:  # absurd or non-numeric page numbers are simply not pages
        abort(404)

    def listing() -> str:
        page = db.paginate(news.published_articles(), page=number, per_page=PER_PAGE, error_out=False)
        if page.page > 1 and not page.items:
            raise LookupError(number)
        return render_template("news/list.html", page=page, subscribe_box=_subscribe_box())

    try:
        if set(request.args) - {"page"}:  # the pager repeats other arguments: such a page is never shared
            return listing()
        return _whole_page(f"list:{number}", listing, {"csrf": generate_csrf()})
    except LookupError:
        abort(404)


@bp.route("/news/<slug>")
@public
def article(slug: str) -> str | tuple[str, int]:
    """One article with its edition and section, and the previous and next in the edition."""

    def page() -> str:
        item = news.published_article(slug)
        if item is None:
            raise LookupError(slug)
        previous, following = news.neighbours(item)
        body = render_template("news/_article.html", article=item, previous=previous, following=following)
        return render_template("news/article.html", title=item.title, summary=item.summary, body=body)

    try:
        return _whole_page(f"article:{slug}", page, {})
    except LookupError:
        return render_template("news/not_found.html"), 404


@bp.route("/news/feed.xml")
@public
def feed() -> Response:
    """An Atom feed of the newest published articles."""

    def build() -> str:
        articles = list(db.session.scalars(news.published_articles().limit(30)))
        updated = max((a.updated_at for a in articles), default=None) or datetime(2026, 1, 1, tzinfo=UTC)
        base = base_url()  # never the Host header a client sent
        return render_template("news/feed.xml", articles=articles, updated=updated, base=base)

    return Response(_whole_page("feed", build, {}), mimetype="application/atom+xml")
