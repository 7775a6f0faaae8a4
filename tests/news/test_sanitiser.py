"""Markdown from staff is rendered once and nothing executable survives."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from roadshow.services.news.articles import render_markdown

XSS_VECTORS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    "[click me](JaVaScRiPt:alert(1))",
    "[click me](&#106;avascript:alert(1))",
    '<a href="javascript:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<iframe src="https://evil.example/"></iframe>',
    '<p onclick="alert(1)" style="background:url(javascript:alert(1))">hi</p>',
    '<body onload="alert(1)">',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    "![x](javascript:alert(1))",
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.example/"><input name="q"></form>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<div><style>body{display:none}</style></div>",
    '<details open ontoggle="alert(1)">x</details>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '"><script>alert(document.cookie)</script>',
]
SAFE_TAGS = {"p", "a", "img", "strong", "em", "code", "pre", "br", "h2", "h3", "blockquote", "ul", "ol", "li"}


class TagCollector(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def _elements(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = TagCollector()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("payload", XSS_VECTORS)
def test_sanitiser_strips_the_payload(payload):
    html = render_markdown(f"Before\n\n{payload}\n\nAfter")
    for tag, attrs in _elements(html):
        assert tag in SAFE_TAGS, f"<{tag}> survived: {html!r}"
        assert not [name for name in attrs if name.startswith("on") or name == "style"], html
        for name in ("href", "src"):
            url = attrs.get(name, "").strip().lower()
            assert not url.startswith(("javascript:", "vbscript:", "data:")), f"{name}={url!r} survived"
    assert "<script" not in html.lower() and "alert(document.cookie)</script>" not in html
    assert "After" in html  # the surrounding text is kept


def test_ordinary_markdown_keeps_its_meaning():
    html = render_markdown("## Funding\n\nWe won **£820k**. [The roadshow](/roadshow/) and [gov](https://www.gov.uk/).")
    assert "<h2>Funding</h2>" in html
    assert "<strong>£820k</strong>" in html
    assert '<a href="/roadshow/"' in html
    assert 'href="https://www.gov.uk/"' in html and 'rel="noopener noreferrer"' in html


def test_a_level_one_heading_is_not_allowed_in_an_article():
    assert "<h1>" not in render_markdown("# Shouting")
