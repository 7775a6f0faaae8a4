"""Jinja filters and globals used by every page."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask

from roadshow import timeutil
from roadshow.constants import DISTRICT_NAMES


def with_page(args: Mapping[str, str], number: int, extra: Mapping[str, object] | None = None) -> dict[str, object]:
    """The query string's arguments with `page` replaced: pagination keeps filters."""
    return {**{k: v for k, v in args.items() if k != "page"}, **(extra or {}), "page": number}


def register(app: Flask) -> None:
    app.jinja_env.filters["with_page"] = with_page
    app.jinja_env.filters["datetime"] = timeutil.format_datetime
    app.jinja_env.filters["date"] = timeutil.format_date
    app.jinja_env.filters["time"] = timeutil.format_time
    app.jinja_env.filters["district"] = lambda code: DISTRICT_NAMES.get(code or "", code or "")
    app.jinja_env.globals["SITE_NAME"] = "Cambridgeshire and Peterborough Police and Crime Commissioner"
    # Staff navigation shows a feature's link once its endpoint exists.
    app.jinja_env.globals["staff_endpoints"] = frozenset(app.view_functions)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
