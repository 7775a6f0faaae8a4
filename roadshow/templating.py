"""Jinja filters and globals used by every page."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask

from roadshow import formatting, timeutil
from roadshow.constants import DISTRICT_NAMES, YOUTH_AGES


def with_page(args: Mapping[str, str], number: int, extra: Mapping[str, object] | None = None) -> dict[str, object]:
    """The query string's arguments with `page` replaced: pagination keeps filters."""
    return {**{k: v for k, v in args.items() if k != "page"}, **(extra or {}), "page": number}


def register(app: Flask) -> None:
    app.jinja_env.filters["with_page"] = with_page
    app.jinja_env.filters["datetime"] = timeutil.format_datetime
    app.jinja_env.filters["date"] = timeutil.format_date
    app.jinja_env.filters["time"] = timeutil.format_time
    app.jinja_env.filters["district"] = lambda code: DISTRICT_NAMES.get(code or "", code or "")
    app.jinja_env.filters["phone"] = formatting.phone
    app.jinja_env.filters["address_lines"] = formatting.address_lines
    app.jinja_env.filters["one_line"] = formatting.one_line
    app.jinja_env.globals["youth_ages"] = YOUTH_AGES
    app.jinja_env.globals["SITE_NAME"] = "Cambridgeshire and Peterborough Police and Crime Commissioner"
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def compile_all(app: Flask) -> int:
    """Compile every template now (gunicorn does this once in the master, before forking), so no
    worker, new or recycled, spends its first requests compiling. Returns how many were compiled."""
    names = app.jinja_env.list_templates(filter_func=lambda name: name.endswith((".html", ".txt", ".xml")))
    for name in names:
        app.jinja_env.get_template(name)
    return len(names)
