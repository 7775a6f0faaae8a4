"""Reading links and forms out of our own HTML, for the sweeps."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

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
