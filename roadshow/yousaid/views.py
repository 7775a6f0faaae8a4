"""The public 'you said, we did' page and its Atom feed: published findings, responses and figures only."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Response, render_template

from roadshow.links import absolute_url
from roadshow.security import public
from roadshow.services.yousaid import findings as yousaid
from roadshow.yousaid import bp


@bp.route("/you-said-we-did")
@public
def public_page() -> str:
    """One section per published period, newest first, in plain words for young people."""
    return render_template("yousaid/index.html", sections=yousaid.published_periods())


@bp.route("/you-said-we-did/feed.xml")
@public
def feed() -> Response:
    """An Atom feed with one entry per published period, its links absolute from PUBLIC_BASE_URL."""
    sections = yousaid.published_periods()
    entries = [
        (period, row, render_template("yousaid/_period.html", period=period, row=row)) for period, row in sections
    ]
    updated = max((row.published_at for _p, row in sections if row.published_at), default=None)
    xml = render_template(
        "yousaid/feed.xml",
        entries=entries,
        updated=updated or datetime(2026, 1, 1, tzinfo=UTC),
        page=absolute_url("yousaid.public_page"),
        self_url=absolute_url("yousaid.feed"),
    )
    return Response(xml, mimetype="application/atom+xml")
