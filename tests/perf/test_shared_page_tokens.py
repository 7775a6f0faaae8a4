"""A shared page never hands one visitor's token to the next, whatever the page does with the token.

`pagecache.render_once` keeps one rendering of a page and puts each visitor's own value (a CSRF token,
a signed form state) back in. That is only safe when the page shows the value verbatim: a page that
shows it escaped or in a link, or not at all, must be rendered afresh for every visitor, never kept.
"""

from __future__ import annotations

import html
from urllib.parse import quote

import pytest
from flask import Flask

from roadshow import pagecache

# Two visitors' tokens, long and random-looking as real ones are; the first needs escaping in HTML.
VISITOR_A = "Tok&en-of-visitor-A-7f3a9c1e"
VISITOR_B = "Tok&en-of-visitor-B-52d8e0b4"


def _visit(app: Flask, token: str, page_for) -> tuple[str, int]:
    """One anonymous visitor's request: the page they get and how many times it was rendered for them."""
    renders = []

    def build() -> str:
        renders.append(1)
        return page_for(token)

    with app.test_request_context("/"):
        return pagecache.render_once("test", "page", build, {"csrf": token}), len(renders)


@pytest.mark.parametrize(
    "page_for",
    [
        pytest.param(lambda t: f'<input name="csrf_token" value="{html.escape(t)}">', id="escaped"),
        pytest.param(lambda t: f'<a href="/subscribe?token={quote(t, safe="")}">Subscribe</a>', id="in-a-link"),
        pytest.param(lambda t: f'<input value="{t}"><a href="/x?t={quote(t, safe="")}">x</a>', id="twice"),
    ],
)
def test_a_page_showing_the_token_in_another_spelling_is_never_shared(app, page_for) -> None:
    _visit(app, VISITOR_A, page_for)
    page, renders = _visit(app, VISITOR_B, page_for)
    assert renders == 1, "the second visitor was served a kept page"
    assert page == page_for(VISITOR_B)
    assert html.escape(VISITOR_A) not in page and quote(VISITOR_A, safe="") not in page


def test_a_page_that_lacks_the_token_is_not_kept(app) -> None:
    _visit(app, VISITOR_A, lambda t: "<p>No form here.</p>")
    _page, renders = _visit(app, VISITOR_B, lambda t: "<p>No form here.</p>")
    assert renders == 1


def test_a_page_showing_the_token_verbatim_is_rendered_once_and_shared(app) -> None:
    def page_for(token: str) -> str:
        return f'<form><input name="csrf_token" value="{token}"></form>'

    first, _ = _visit(app, "plain-token-of-visitor-A-7f3a9c1e", page_for)
    second, renders = _visit(app, "plain-token-of-visitor-B-52d8e0b4", page_for)
    assert renders == 0
    assert first == page_for("plain-token-of-visitor-A-7f3a9c1e")
    assert second == page_for("plain-token-of-visitor-B-52d8e0b4")


def test_a_newsletter_email_without_its_unsubscribe_link_is_refused() -> None:
    with pytest.raises(pagecache.SlotMissing):
        pagecache.require_slots("Hello reader, here is the news.", ("unsubscribe_url",))
    pagecache.require_slots(f"Unsubscribe: {pagecache.slot('unsubscribe_url')}", ("unsubscribe_url",))
