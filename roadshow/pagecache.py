"""Pages that every anonymous visitor sees alike, but for one or two values of their own.

The empty booking form differs from one visitor to the next only in its CSRF token; a feedback step
that has not been answered yet differs only in its signed state. Rendering such a page through
WTForms and Jinja costs far more than the request around it, so each worker renders it once, swaps
the visitor's own values out for markers, and from then on only swaps the next visitor's values in.

Only pages for anonymous visitors with no message waiting are kept: a signed-in member of staff
sees their own header, and a flashed message belongs to one visitor. Nothing personal is stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Mapping

from flask import current_app, request, session
from flask_login import current_user

from roadshow import i18n

MAX_PAGES = 256  # keys are few (a page per form step and questionnaire version); this is only a guard


Kept = tuple[float, str, tuple[tuple[str, str], ...]]  # (expires at, page with markers, markers)


def _store() -> dict[tuple[str, str, Hashable, str], Kept]:
    return current_app.extensions.setdefault("rendered_pages", {})


def forget(group: str) -> None:
    """Drop every kept page of `group` (the first part of its key), e.g. after staff change the news."""
    store = _store()
    for full_key in [k for k in store if k[1] == group]:
        del store[full_key]


def _shareable() -> bool:
    return not current_user.is_authenticated and "_flashes" not in session


def render_once(
    group: str, key: Hashable, build: Callable[[], str], values: Mapping[str, str], max_age: float | None = None
) -> str:
    """The page `build()` renders, reused for every anonymous visitor with `values` swapped in.

    `values` maps a name to this visitor's value, which must appear in the page exactly where it
    belongs and nowhere else: a random token or a signed value, never a word that the page's own
    text could contain. With `max_age` (seconds) the page is rendered again once it is that old,
    so a change made through another worker shows within that time; 0 keeps nothing.
    """
    if not _shareable() or (max_age is not None and max_age <= 0):
        return build()
    store = _store()
    full_key = (request.script_root, group, key, i18n.requested())  # a page per language
    now = time.monotonic()
    kept = store.get(full_key)
    if kept is None or kept[0] <= now:
        page = build()
        markers = tuple((name, f"\x00{name}\x00") for name in values)
        template = page
        for name, marker in markers:
            template = template.replace(values[name], marker)
        if len(store) >= MAX_PAGES:
            store.clear()
        store[full_key] = (now + max_age if max_age is not None else float("inf"), template, markers)
        return page
    _expires, template, markers = kept
    for name, marker in markers:
        template = template.replace(marker, values[name])
    return template
