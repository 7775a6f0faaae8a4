"""A coordinator reviews held feedback in Chromium: the session's counts, the review page, both accessible."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from roadshow.extensions import db
from roadshow.services.feedback import intake as feedback
from roadshow.services.feedback.intake import Submission
from tests.feedback.factories import make_session
from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser


def test_a_coordinator_counts_in_a_held_response(live_server, staff_in_browser, page):
    with live_server.app.app_context():
        session = make_session("BRH234")
        for stopped in ("never", "once"):  # sent the moment the form appeared: held
            feedback.submit(Submission(session.id, 1, "13-15", {"stopped": stopped}, feedback.new_token()))
        db.session.commit()
        session_id = session.id
    staff_in_browser("coordinator")
    page.clock.install()
    page.goto(live_server(f"/staff/sessions/{session_id}"))
    expect(page.get_by_text("2 received, 0 counted, 2 held for review")).to_be_visible()
    assert_accessible(page)
    with live_server.app.app_context():  # another young person sends theirs while the page is open
        feedback.submit(Submission(session_id, 1, "13-15", {"stopped": "never"}, feedback.new_token()))
        db.session.commit()
    page.clock.run_for(16_000)
    expect(page.get_by_text("3 received, 0 counted, 3 held for review")).to_be_visible()
    page.get_by_role("link", name="Review the held responses").click()
    page.wait_for_load_state()  # the stylesheet too, before axe-core measures anything
    assert_accessible(page)
    page.get_by_role("button", name="Count the ticked responses").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Tick at least one response")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Response 1").check()
    page.get_by_role("button", name="Count the ticked responses").click()
    expect(page.get_by_text("1 held response now counted.")).to_be_visible()
    expect(page.get_by_text("3 received, 1 counted, 2 held.")).to_be_visible()
