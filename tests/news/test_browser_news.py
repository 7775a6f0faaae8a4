"""A coordinator writes, previews and publishes an article in Chromium; the public sees it."""

from __future__ import annotations

import feedparser
import pytest
from playwright.sync_api import expect

from roadshow.extensions import db
from roadshow.services.news.demo import seed_spring_edition
from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser


def test_coordinator_writes_previews_and_publishes_an_article(page, live_server, staff_in_browser):
    seed_spring_edition()
    db.session.commit()
    staff_in_browser("coordinator")

    page.goto(live_server("/staff/news/"))
    page.get_by_role("link", name="Write an article").click()
    assert_accessible(page)
    page.get_by_label("Section", exact=True).select_option(label="Crime prevention")
    page.get_by_label("Title", exact=True).fill("Bike marking at the spring fair")
    page.get_by_label("Summary", exact=True).fill("Bring your bike to have it marked for free.")
    page.get_by_label("Article", exact=True).fill(
        "Officers will **mark bikes** for free.\n\nSee the [roadshow](/roadshow/)."
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Preview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bike marking at the spring fair")
    expect(page.locator(".article-body strong")).to_have_text("mark bikes")
    assert_accessible(page)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published: Bike marking at the spring fair.")).to_be_visible()

    page.goto(live_server("/"))
    card = page.locator(".news-card", has_text="Bike marking at the spring fair")
    card.get_by_role("link", name="Read more").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bike marking at the spring fair")

    feed = feedparser.parse(page.request.get(live_server("/news/feed.xml")).body())
    assert "Bike marking at the spring fair" in [entry.title for entry in feed.entries]


@pytest.mark.parametrize(
    "path", ["/", "/news/", "/news/operation-hypernova-2-60-arrests-and-51-county-lines-shut-down"]
)
def test_public_news_pages_are_accessible(page, live_server, path):
    seed_spring_edition()
    db.session.commit()
    page.goto(live_server(path))
    assert_accessible(page)


def test_public_pages_work_at_320_pixels_wide(page, live_server):
    seed_spring_edition()
    db.session.commit()
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/", "/news/youth-scrutiny-roadshow-young-people-help-check-how-police-use-their-powers"):
        page.goto(live_server(path))
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
