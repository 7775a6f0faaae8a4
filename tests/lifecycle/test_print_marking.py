"""The "OFFICIAL – SENSITIVE" marking prints on panel reports only: the poster and news print clean."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from roadshow.extensions import db
from roadshow.models.news import Article
from roadshow.services.news.demo import seed_spring_edition
from roadshow.services.scheduling import visits
from roadshow.services.scheduling.sessions import Actor
from roadshow.timeutil import today_london
from tests.scheduling.conftest import details

pytestmark = pytest.mark.browser
MARKING = "OFFICIAL"


def _printed(page, url: str) -> str:
    page.goto(url)
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", display_header_footer=False)))
    return " ".join(p.extract_text() for p in pdf.pages)


def test_only_the_panel_report_prints_the_marking(page, live_server, staff_in_browser):
    me = staff_in_browser("coordinator")
    seed_spring_edition()
    session = visits.schedule(details(day=today_london() + timedelta(days=9), facilitator_ids=(me.id,)), Actor(user=me))
    db.session.commit()
    slug = db.session.scalar(sa.select(Article.slug).limit(1))
    assert MARKING in _printed(page, live_server("/reports/"))
    poster = _printed(page, live_server(f"/staff/sessions/{session.session.id}/poster"))
    assert session.session.feedback_code in poster and MARKING not in poster
    article = _printed(page, live_server(f"/news/{slug}"))
    assert article.strip() and MARKING not in article
