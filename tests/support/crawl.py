"""Reading links and forms out of our own HTML, and crawling the site through the test client, for the sweeps."""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from flask import Flask
from werkzeug.exceptions import HTTPException

SKIP_PREFIXES = ("/static/", "/staff/logout")
SKIP_SUFFIXES = (".ics", ".csv", ".xml", ".pdf", ".svg", ".png")


@dataclass
class FormField:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    action: str
    method: str
    fields: list[FormField] = field(default_factory=list)

    @property
    def has_text_entry(self) -> bool:
        return any(f.kind in TEXT_KINDS for f in self.fields)


TEXT_KINDS = {"text", "email", "tel", "textarea", "search", "url", "password", "number", "date", "time"}


class _Parser(HTMLParser):
    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._select: FormField | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.base, a["href"]))
        elif tag == "form":
            self.forms.append(
                Form(urljoin(self.base, a.get("action") or self.base), (a.get("method") or "get").lower())
            )
        elif not self.forms:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("radio", "checkbox"):
                existing = next((f for f in self.forms[-1].fields if f.name == a["name"]), None)
                if existing:
                    existing.options.append(a.get("value", "y"))
                    return
                self.forms[-1].fields.append(FormField(a["name"], kind, options=[a.get("value", "y")]))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self.forms[-1].fields.append(FormField(a["name"], kind, a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self.forms[-1].fields.append(FormField(a["name"], "textarea"))
        elif tag == "select" and a.get("name"):
            self._select = FormField(a["name"], "select")
            self.forms[-1].fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def parse(html: str, url: str) -> tuple[list[str], list[Form]]:
    parser = _Parser(url)
    parser.feed(html)
    return parser.links, parser.forms


def local_path(url: str, origin: str = "http://localhost") -> str | None:
    """The path (and query) of a same-site link worth visiting, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "") or (parts.netloc and parts.netloc != urlsplit(origin).netloc):
        return None
    path = parts.path or "/"
    if path.startswith(SKIP_PREFIXES) or path.endswith(SKIP_SUFFIXES):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def route_of(app: Flask, url: str, method: str = "GET") -> str:
    """The route a same-site URL belongs to: its endpoint, plus the names of its query parameters.

    `/staff/sessions/3` and `/staff/sessions/7` are both "scheduling.session_detail";
    `/staff/calendar?date=…&view=week` is "scheduling.calendar?date&view". A URL no route
    answers stands for itself.
    """
    parts = urlsplit(url)
    try:
        rule, _args = app.url_map.bind("localhost").match(parts.path or "/", method=method, return_rule=True)
    except HTTPException:  # not found, or a redirect (e.g. to the trailing-slash form)
        return parts.path
    names = sorted({name for name, _value in parse_qsl(parts.query, keep_blank_values=True)})
    return rule.endpoint + (f"?{'&'.join(names)}" if names else "")


@dataclass
class Page:
    path: str
    route: str
    forms: list[Form]

    @property
    def kind(self) -> tuple[str, tuple[tuple[str, ...], ...]]:
        """Pages of one route showing the same forms are one kind of page (one template, one state)."""
        return self.route, tuple(tuple(f.name for f in form.fields) for form in self.forms)


def crawl(client, starts: list[str], *, per_route: int = 20) -> list[Page]:
    """Every HTML page reachable by links from `starts`, fetched through the (fast) Flask test client.

    At most `per_route` pages of one route are fetched: enough of each kind of detail page to
    find the links that only some of them carry, while an endless list (the calendar's "next
    week" forever) cannot use up the crawl, and the crawl always ends.
    """
    app = client.application
    pages: list[Page] = []
    seen: set[str] = set(starts)
    fetched: Counter[str] = Counter()
    queue = deque(starts)
    while queue:
        path = queue.popleft()
        route = route_of(app, path)
        if fetched[route] >= per_route:
            continue
        fetched[route] += 1
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        links, forms = parse(response.text, "http://localhost" + path)
        pages.append(Page(path, route, forms))
        for link in links:
            found = local_path(link)
            if found and found not in seen:
                seen.add(found)
                queue.append(found)
    return pages


def one_of_each_kind(pages: list[Page]) -> list[Page]:
    """The first page (in crawl order) of each kind: each route once, and again for each other set of forms it shows."""
    first: dict[tuple, Page] = {}
    for page in pages:
        first.setdefault(page.kind, page)
    return list(first.values())
