"""Staff pages for the newsletter: list, write, preview, publish and unpublish."""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from roadshow.extensions import db
from roadshow.models import Article, Edition
from roadshow.news import bp
from roadshow.news.forms import ArticleForm, EditionForm
from roadshow.security import staff_required
from roadshow.services.news import articles as news
from roadshow.staff.forms import ActionForm
from roadshow.transaction import saved, settle

PER_PAGE = 25


def _article_or_404(article_id: int) -> Article:
    return db.session.get(Article, article_id) or abort(404)


def _edition_or_404(edition_id: int) -> Edition:
    return db.session.get(Edition, edition_id) or abort(404)


@bp.route("/staff/news/")
@staff_required
def staff_list() -> str:
    """Editions and articles with their status."""
    page = db.paginate(news.staff_articles(), per_page=PER_PAGE, error_out=False)
    return render_template("news/staff/list.html", page=page, editions=news.editions(), action=ActionForm())


def _article_input(form: ArticleForm) -> news.ArticleInput:
    return news.ArticleInput(
        edition_id=form.edition_id.data,
        section=form.section.data,
        title=form.title.data or "",
        summary=form.summary.data or "",
        body=form.body.data or "",
        read_more_url=form.read_more_url.data or "",
        position=form.position.data or 0,
    )


@bp.route("/staff/news/articles/new", methods=["GET", "POST"])
@staff_required
def article_new() -> str | Response:
    """Write a new article; it is saved as a draft."""
    editions = news.editions()
    if not editions:
        flash("Create an edition first: every article belongs to one.", "warning")
        return redirect(url_for("news.edition_new"), code=303)
    form = ArticleForm()
    form.set_editions(editions)
    return _article_page(
        form,
        None,
        lambda: news.create_article(_article_input(form), actor=current_user),
        lambda article: f"Draft saved: {article.title}.",
    )


@bp.route("/staff/news/articles/<int:article_id>", methods=["GET", "POST"])
@staff_required
def article_edit(article_id: int) -> str | Response:
    """Edit an article (draft or published)."""
    article = _article_or_404(article_id)
    form = ArticleForm(obj=article)
    form.set_editions(news.editions())
    form.submit.label.text = "Save changes" if article.is_published else "Save draft"
    return _article_page(
        form,
        article,
        lambda: news.update_article(article, _article_input(form), actor=current_user),
        lambda article: "Changes saved." if article.is_published else "Draft saved.",
    )


def _article_page(
    form: ArticleForm, article: Article | None, change: Callable[[], Article], message: Callable[[Article], str]
) -> str | Response:
    """The article form: a valid post makes `change` and goes on to editing the article it saved (the
    service's refusal shows under the title); otherwise the form, with publish buttons once it exists."""

    def to_edit(changed: Article) -> Response:
        return settle(message(changed), url_for("news.article_edit", article_id=changed.id))

    if form.validate_on_submit() and (done := saved(change, form.title.errors, to_edit)):
        return done
    buttons = {"action": ActionForm()} if article else {}
    return render_template("news/staff/article_form.html", form=form, article=article, **buttons)


@bp.route("/staff/news/articles/<int:article_id>/preview")
@staff_required
def article_preview(article_id: int) -> str:
    """The article as the public will see it, whatever its status."""
    article = _article_or_404(article_id)
    return render_template("news/staff/preview.html", article=article, action=ActionForm())


@bp.route("/staff/news/articles/<int:article_id>/publish", methods=["POST"])
@staff_required
def article_publish(article_id: int) -> Response:
    """Publish an article: it appears on the site once its edition is published too."""
    return _set_article(article_id, True)


@bp.route("/staff/news/articles/<int:article_id>/unpublish", methods=["POST"])
@staff_required
def article_unpublish(article_id: int) -> Response:
    """Take an article back to draft: it leaves the site and the feed."""
    return _set_article(article_id, False)


def _set_article(article_id: int, published: bool) -> Response:
    article = _article_or_404(article_id)

    def said() -> tuple[str, str]:
        if published and not article.edition.is_published:
            return (
                f"Published: {article.title}. Its edition is not published yet, so the public cannot see it.",
                "warning",
            )
        return f"{'Published' if published else 'Back to draft'}: {article.title}.", "success"

    return _button(lambda: news.set_article_published(article, published, actor=current_user), said)


def _button(change: Callable[[], object], said: Callable[[], tuple[str, str]]) -> Response:
    """A publish or unpublish button: 400 for a stale form; else make the change, commit, flash what `said`
    gives (message, category) and go back to the list."""
    if not ActionForm().validate_on_submit():
        abort(400)
    change()
    db.session.commit()
    flash(*said())
    return redirect(url_for("news.staff_list"), code=303)


@bp.route("/staff/news/editions/new", methods=["GET", "POST"])
@staff_required
def edition_new() -> str | Response:
    """Start a new edition."""
    form = EditionForm()
    if form.validate_on_submit():
        edition = news.create_edition(
            news.EditionInput(form.title.data or "", form.welcome.data or ""), actor=current_user
        )
        db.session.commit()
        flash(f"Edition created: {edition.title}. It is not published yet.", "success")
        return redirect(url_for("news.staff_list"), code=303)
    return render_template("news/staff/edition_form.html", form=form, edition=None)


@bp.route("/staff/news/editions/<int:edition_id>", methods=["GET", "POST"])
@staff_required
def edition_edit(edition_id: int) -> str | Response:
    """Change an edition's title or welcome."""
    edition = _edition_or_404(edition_id)
    form = EditionForm(obj=edition)
    if form.validate_on_submit():
        news.update_edition(
            edition, news.EditionInput(form.title.data or "", form.welcome.data or ""), actor=current_user
        )
        db.session.commit()
        flash("Edition saved.", "success")
        return redirect(url_for("news.staff_list"), code=303)
    return render_template("news/staff/edition_form.html", form=form, edition=edition)


@bp.route("/staff/news/editions/<int:edition_id>/publish", methods=["POST"])
@staff_required
def edition_publish(edition_id: int) -> Response:
    """Publish an edition: the newest published edition is the home page."""
    return _set_edition(edition_id, True)


@bp.route("/staff/news/editions/<int:edition_id>/unpublish", methods=["POST"])
@staff_required
def edition_unpublish(edition_id: int) -> Response:
    """Take an edition off the site, with all its articles."""
    return _set_edition(edition_id, False)


def _set_edition(edition_id: int, published: bool) -> Response:
    edition = _edition_or_404(edition_id)
    return _button(
        lambda: news.set_edition_published(edition, published, actor=current_user),
        lambda: (f"{'Published' if published else 'Unpublished'} edition: {edition.title}.", "success"),
    )
