"""Absolute links (emails, feeds, posters, calendars), always from PUBLIC_BASE_URL, never from a request.

The Host header of a request is chosen by whoever sends it, so a link that leaves the site is built
from the configured address. Building from the URL map (not `url_for`) also works outside a request:
in `flask` commands, seeding and background jobs.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import current_app


def base_url() -> str:
    """PUBLIC_BASE_URL without its trailing slash."""
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/")


def absolute_url(endpoint: str, _anchor: str = "", **values: Any) -> str:
    """The absolute address of `endpoint` with `values`, e.g. absolute_url("news.article", slug="x")."""
    parts = urlsplit(base_url())
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme)
    url = adapter.build(endpoint, values, force_external=True)
    return f"{url}#{_anchor}" if _anchor else url


def public_host() -> str:
    """The host name (and port) of PUBLIC_BASE_URL."""
    return urlsplit(base_url()).netloc
