"""Pages that every anonymous visitor sees alike, but for one or two values of their own.

The empty booking form differs from one visitor to the next only in its CSRF token; a feedback step
that has not been answered yet differs only in its signed state. Rendering such a page through
WTForms and Jinja costs far more than the request around it, so each worker renders it once, swaps
the visitor's own values out for markers, and from then on only swaps the next visitor's values in.

Only pages for anonymous visitors with no message waiting are kept: a signed-in member of staff
sees their own header, and a flashed message belongs to one visitor. Nothing personal is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping

from flask import current_app, request, session
from flask_login import current_user

MAX_PAGES = 256  # keys are few (a page per form step and questionnaire version); this is only a guard


def _store() -> dict[Hashable, tuple[str, tuple[tuple[str, str], ...]]]:
    return current_app.extensions.setdefault("rendered_pages", {})


def _shareable() -> bool:
    return not current_user.is_authenticated and "_flashes" not in session


def render_once(key: Hashable, build: Callable[[], str], values: Mapping[str, str]) -> str:
    """The page `build()` renders, reused for every anonymous visitor with `values` swapped in.

    `values` maps a name to this visitor's value, which must appear in the page exactly where it
    belongs and nowhere else: a random token or a signed value, never a word that the page's own
    text could contain.
    """
    if not _shareable():
        return build()
    store = _store()
    full_key = (request.script_root, key)
    kept = store.get(full_key)
    if kept is None:
        page = build()
        markers = tuple((name, f"\x00{name}\x00") for name in values)
        template = page
        for name, marker in markers:
            template = template.replace(values[name], marker)
        if len(store) >= MAX_PAGES:
            store.clear()
        store[full_key] = (template, markers)
        return page
    template, markers = kept
    for name, marker in markers:
        template = template.replace(marker, values[name])
    return template
