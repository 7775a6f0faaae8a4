"""Staff write, preview, publish and unpublish; slugs stay unique; every change is audited."""

from __future__ import annotations

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import Article, AuditEntry
from roadshow.services.news import articles as news


def _form(edition, **changes):
    return {
        "edition_id": edition.id,
        "section": "ethical",
        "title": "Young people join the scrutiny team",
        "summary": "A new way for young people to have a say.",
        "body": "Read about the [roadshow](/roadshow/).<script>alert(1)</script>",
        "read_more_url": "",
        "position": 0,
        **changes,
    }


def test_coordinator_writes_a_draft_that_is_rendered_and_sanitised(client, users, login, make_edition):
    edition = make_edition()
    login(users["coordinator"])
    response = client.post("/staff/news/articles/new", data=_form(edition))
    assert response.status_code == 303
    article = db.session.scalar(sa.select(Article))
    assert article.status == "draft" and article.author_id == users["coordinator"].id
    assert article.slug == "young-people-join-the-scrutiny-team"
    assert '<a href="/roadshow/"' in article.body_html and "script" not in article.body_html
    assert client.get(f"/news/{article.slug}").status_code == 404


def test_missing_fields_are_explained_and_input_kept(client, users, login, make_edition):
    edition = make_edition()
    login(users["coordinator"])
    response = client.post("/staff/news/articles/new", data=_form(edition, title="", summary=""))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in page and "Enter a title." in page and "Enter a short summary." in page
    assert "Read about the [roadshow]" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0


def test_slugs_are_unique_even_for_the_same_title(make_edition, make_article):
    edition = make_edition()
    slugs = [make_article(edition, "£1m for patrols!").slug for _ in range(3)]
    assert slugs == ["1m-for-patrols", "1m-for-patrols-2", "1m-for-patrols-3"]


def test_editing_keeps_the_slug_so_shared_links_still_work(client, users, login, make_edition, make_article):
    edition = make_edition()
    article = make_article(edition, "First title")
    login(users["coordinator"])
    client.post(f"/staff/news/articles/{article.id}", data=_form(edition, title="Better title"))
    db.session.refresh(article)
    assert article.title == "Better title" and article.slug == "first-title"
    assert "Better title" in client.get("/news/first-title").get_data(as_text=True)


def test_preview_shows_a_draft_to_staff_only(client, users, login, make_edition, make_article):
    article = make_article(make_edition(), "Draft to check", published=False)
    assert client.get(f"/staff/news/articles/{article.id}/preview").status_code == 302  # to sign-in
    login(users["coordinator"])
    page = client.get(f"/staff/news/articles/{article.id}/preview").get_data(as_text=True)
    assert "<h1>Draft to check</h1>" in page and "It is a draft" in page


def test_publish_and_unpublish_are_audited(client, users, login, make_edition, make_article):
    article = make_article(make_edition(), "Going live", published=False)
    login(users["coordinator"])
    client.post(f"/staff/news/articles/{article.id}/publish")
    assert client.get(f"/news/{article.slug}").status_code == 200
    client.post(f"/staff/news/articles/{article.id}/unpublish")
    assert client.get(f"/news/{article.slug}").status_code == 404
    actions = db.session.scalars(
        sa.select(AuditEntry.action).where(
            AuditEntry.actor_id == users["coordinator"].id, AuditEntry.object_id == str(article.id)
        )
    ).all()
    assert actions == ["news.article.publish", "news.article.unpublish"]


def test_every_change_is_audited(client, users, login):
    login(users["admin"])
    client.post("/staff/news/editions/new", data={"title": "Summer 2026", "welcome": "Hello."})
    edition = news.editions()[0]
    client.post(f"/staff/news/editions/{edition.id}", data={"title": "Summer 2026", "welcome": "Hello again."})
    client.post(f"/staff/news/editions/{edition.id}/publish")
    client.post("/staff/news/articles/new", data=_form(edition))
    article = db.session.scalar(sa.select(Article))
    client.post(f"/staff/news/articles/{article.id}", data=_form(edition, body="Changed."))
    actions = db.session.scalars(
        sa.select(AuditEntry.action).where(AuditEntry.action.startswith("news.")).order_by(AuditEntry.id)
    ).all()
    assert actions == [
        "news.edition.create", "news.edition.update", "news.edition.publish",
        "news.article.create", "news.article.update",
    ]  # fmt: skip


def test_staff_list_shows_status(client, users, login, make_edition, make_article):
    edition = make_edition()
    make_article(edition, "Live story")
    make_article(edition, "Draft story", published=False)
    login(users["coordinator"])
    page = client.get("/staff/news/").get_data(as_text=True)
    assert "Live story" in page and "Draft story" in page
    assert page.count(">Draft</span>") == 1 and page.count(">Published</span>") == 2  # article + edition


def test_writing_an_article_needs_an_edition_first(client, users, login):
    login(users["coordinator"])
    response = client.get("/staff/news/articles/new")
    assert response.status_code == 303 and response.headers["Location"].endswith("/staff/news/editions/new")


def test_a_panel_member_cannot_edit_news(client, users, login, make_edition, make_article):
    article = make_article(make_edition())
    login(users["panel"])
    assert client.get("/staff/news/").status_code == 403
    assert client.post(f"/staff/news/articles/{article.id}/unpublish").status_code == 403
