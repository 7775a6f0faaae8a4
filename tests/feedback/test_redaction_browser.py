"""A coordinator takes a name out of a comment in Chromium and approves it; the panel reads only the edit."""

from __future__ import annotations

import pytest

from roadshow.extensions import db
from tests.reports.factories import make_comment, make_responses, make_session
from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser
ORIGINAL = "PC Smith was rude to my mate Jayden outside the chip shop"
REDACTED = "PC [name] was rude to my mate [name] outside [place]"


def test_a_redacted_comment_reaches_the_panel_without_the_names(live_server, page, staff_in_browser):
    session = make_session(district="fenland")
    make_responses(session, 25)
    comment = make_comment(session, ORIGINAL, status="pending")
    db.session.commit()

    staff_in_browser("coordinator")
    page.goto(live_server("/staff/moderation"))
    item = page.locator(f"#comment-{comment.id}")
    assert_accessible(page)
    item.get_by_label(f"Comment {comment.id} as the panel will read it").fill(REDACTED)
    item.get_by_role("button", name=f"Approve comment {comment.id}").click()
    page.get_by_text("the original words were not kept").wait_for()

    page.context.clear_cookies()
    staff_in_browser("panel")
    page.goto(live_server("/reports/?period=q-2026-1"))
    report = page.locator("main")
    report.get_by_text(REDACTED).wait_for()
    for word in ("Smith", "Jayden", "chip shop"):
        assert word not in report.inner_text()
