"""Shared pages: rendered once, kept in the app's cache, served to every anonymous visitor with their own
token put back in. The one way to put a visitor's value (CSRF token, signed form state) into a shared page.

The cache is Flask-Caching's (`roadshow.extensions.cache`): Redis in production when REDIS_URL is set, so
every worker and instance reads the same copy and `forget()` empties it for all of them at once; a
SimpleCache of the process in development and tests. A page is kept as a template with a slot where each
visitor's value goes. `carve` refuses a page that does not show a value verbatim, or shows it in another
spelling (escaped, quoted): kept, such a page would hand the first visitor's token to everyone.

Only pages for anonymous visitors with no message waiting are kept: a signed-in member of staff sees
their own header, and a flashed message belongs to one visitor. Nothing personal is stored.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import uuid
from collections.abc import Callable, Hashable, Mapping
from urllib.parse import quote, quote_plus

from flask import Response, after_this_request, current_app, has_request_context, request, session
from redis.exceptions import RedisError

from roadshow import i18n
from roadshow.extensions import cache

log = logging.getLogger(__name__)

MIN_VALUE_LENGTH = 16  # a visitor's value is a random token or a signed value, never a word the page could contain
KEEP_SECONDS = 3600  # pages of groups nobody edits (forms built from code) are rendered again after this
GENERATION_SECONDS = 366 * 24 * 3600


class SlotMissing(ValueError):
    """A page (or email) that does not carry a visitor's value verbatim and only so: it must not be shared."""


def slot(name: str) -> str:
    """The marker that stands for the value `name` in a kept page (NUL bytes never occur in our HTML)."""
    return f"\x00{name}\x00"


def carve(page: str, values: Mapping[str, str]) -> str:
    """`page` with each visitor's value replaced by its slot; raises SlotMissing if that would not be safe."""
    for name, value in values.items():
        if len(value) < MIN_VALUE_LENGTH:
            raise SlotMissing(f"{name!r} is too short to be found safely ({len(value)} characters)")
        if value not in page:
            raise SlotMissing(f"the page does not show {name!r} verbatim")
        page = page.replace(value, slot(name))
        for spelling in {html.escape(value), quote(value, safe=""), quote_plus(value), json.dumps(value)[1:-1]}:
            if spelling in page:
                raise SlotMissing(f"the page also shows {name!r} in another spelling")
    return page


def fill(template: str, values: Mapping[str, str]) -> str:
    """A kept page (or email) with this visitor's values in their slots."""
    for name, value in values.items():
        template = template.replace(slot(name), value)
    return template


def require_slots(template: str, names: tuple[str, ...]) -> None:
    """Raise SlotMissing unless every named slot is in `template` (e.g. an email's unsubscribe link)."""
    missing = [name for name in names if slot(name) not in template]
    if missing:
        raise SlotMissing(f"no slot for {', '.join(missing)}")


def forget(group: str) -> None:
    """Drop every kept page of `group` in every worker sharing the cache, e.g. after staff change the news.

    In a request it happens twice: now, and again once the view has committed, so a page another
    worker rendered from the old rows in between is dropped too.
    """
    _new_generation(group)
    if has_request_context():

        @after_this_request
        def _once_committed(response: Response) -> Response:
            _new_generation(group)
            return response


def _new_generation(group: str) -> None:
    # A generation no copy was ever kept under; kept longer than any page, so it is never the one evicted.
    cache.set(_generation_key(group), uuid.uuid4().hex, timeout=GENERATION_SECONDS)


def render_once(
    group: str, key: Hashable, build: Callable[[], str], values: Mapping[str, str], max_age: float | None = None
) -> str:
    """The page `build()` renders, kept and reused for every anonymous visitor with their `values` put in.

    `values` maps a slot name to this visitor's value, which must appear in the page exactly where it
    belongs (see `carve`). `max_age` (seconds) bounds how long a copy is kept; 0 keeps nothing. With a
    shared cache (Redis) an edit shows at once everywhere through `forget`; `max_age` only bounds how
    stale a process's own cache can be when there is no shared one.
    """
    if not _shareable() or (max_age is not None and max_age <= 0):
        return build()
    full_key, generation_key = _page_key(group, key), _generation_key(group)
    try:
        kept, generation = cache.get_many(full_key, generation_key)  # one round trip to Redis
    except RedisError as exc:  # the page is still right, only slower, while Redis is away
        log.warning("page cache unavailable: %s", exc)
        return build()
    if kept is not None and kept[0] == generation:
        _revalidate_headers(kept[2])
        return fill(kept[1], values)
    page = build()
    try:
        template = carve(page, values)
    except SlotMissing as exc:
        log.error("page %s/%s not kept: %s", group, full_key, exc)
        return page
    etag = None if values else hashlib.sha1(page.encode(), usedforsecurity=False).hexdigest()
    try:
        cache.set(full_key, (generation, template, etag), timeout=int(max_age) if max_age else KEEP_SECONDS)
    except RedisError as exc:
        log.warning("page cache unavailable: %s", exc)
        return page
    _revalidate_headers(etag)
    return page


def _shareable() -> bool:
    """Nobody signed in (read from the session, without loading the user) and no message waiting."""
    return "_user_id" not in session and "_flashes" not in session


def _generation_key(group: str) -> str:
    return f"generation:{group}"


def _page_key(group: str, key: Hashable) -> str:
    """The cache key of a page: the script root and language it was rendered for, its group and its own key.

    A kept page carries the generation of its group it was rendered in; it is served only while that is
    still the group's generation, so `forget` needs no list of keys.
    """
    return f"page:{request.script_root}:{i18n.requested()}:{group}:{_key_text(key)}"


def _key_text(key: Hashable) -> str:
    """A string key as it is; any other (a form class built at run time) gets a name unique to this process."""
    if isinstance(key, str):
        return key
    names: dict[Hashable, str] = current_app.extensions.setdefault("pagecache_local_keys", {})
    return names.setdefault(key, f"local-{uuid.uuid4().hex}")


def _revalidate_headers(etag: str | None) -> None:
    """A kept page may be stored by browsers, but is checked with us on each visit (an edit shows at once).

    A page with a visitor's token (no `etag`) is for their browser only (`private`): a shared proxy must
    never hand one visitor's token to the next. A page without one has an ETag, so a revisit costs a 304.
    """

    @after_this_request
    def _headers(response: Response) -> Response:
        if response.status_code != 200 or "no-store" in response.headers.get("Cache-Control", ""):
            return response
        if etag is None:
            response.headers["Cache-Control"] = "private, no-cache"
            return response
        quoted = f'"{etag}"'
        response.headers["Cache-Control"] = "public, no-cache"
        response.headers["Vary"] = "Cookie"  # signed-in staff get their own header on the same address
        response.headers["ETag"] = quoted
        # Werkzeug's make_conditional costs more than the whole kept page: browsers send our ETag back as it was.
        if quoted in request.headers.get("If-None-Match", ""):
            response.status_code = 304
            response.set_data(b"")
            del response.headers["Content-Length"]
        return response
