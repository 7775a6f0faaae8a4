"""Staff sign in through the real form in Chromium; the layout passes axe-core."""

from __future__ import annotations

import pytest

from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "role,heading",
    [("admin", "Staff dashboard"), ("coordinator", "Staff dashboard"), ("panel", "Scrutiny reports")],
)
def test_each_role_signs_in_and_lands_on_its_page(page, staff_in_browser, role, heading):
    staff_in_browser(role)
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert page.get_by_role("button", name="Sign out").is_visible()


def test_sign_in_page_and_layout_are_accessible(page, live_server):
    page.goto(live_server("/staff/login"))
    assert_accessible(page)
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").first.is_visible()
    assert_accessible(page)


def test_staff_layout_is_accessible(page, staff_in_browser):
    staff_in_browser("admin")
    assert_accessible(page)
    page.goto(page.url.replace("/staff/", "/staff/users"))
    assert_accessible(page)


def test_skip_link_is_first_and_moves_focus_to_main(page, live_server):
    page.goto(live_server("/privacy"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
