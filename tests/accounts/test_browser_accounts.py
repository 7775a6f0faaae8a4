"""In Chromium: an invited person chooses a password, sets up two-factor from the page and signs in;
a reset link works once; every page on the way passes axe-core."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from playwright.sync_api import expect

from roadshow.extensions import db
from roadshow.services.accounts import users as user_service
from tests.support.fixtures import PASSWORD, assert_accessible

pytestmark = pytest.mark.browser

NEW_PASSWORD = "river-lantern-orchard-77"


def _link(mailbox, address: str, path: str) -> str:
    text = mailbox.text(mailbox.to(address)[-1])
    return re.search(rf"http://\S+{path}\S+", text).group(0)


def _sign_in(page, live_server, email: str, password: str) -> None:
    page.goto(live_server("/staff/login"))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_an_invited_admin_sets_a_password_enrols_two_factor_and_signs_in(page, live_server, mailbox, staff_in_browser):
    staff_in_browser("admin")
    page.goto(live_server("/staff/users"))
    invite = page.locator("form", has=page.get_by_role("button", name="Send invite"))
    invite.get_by_label("Full name").fill("Alex Lee")
    invite.get_by_label("Email address").fill("alex.lee@example.org")
    invite.get_by_label("Role").select_option("admin")
    invite.get_by_role("button", name="Send invite").click()
    expect(page.get_by_text("We have emailed Alex Lee an invite")).to_be_visible()
    page.context.clear_cookies()

    page.goto(_link(mailbox, "alex.lee@example.org", "/staff/welcome/"))
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Type the new password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Set up two-factor sign-in"
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    assert_accessible(page)
    secret = page.locator("#manual-key").inner_text().replace(" ", "")
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your recovery codes"
    assert page.locator(".recovery-codes li").count() == 10
    assert_accessible(page)
    page.get_by_role("link", name="I have saved my codes").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Staff dashboard"
    page.get_by_role("button", name="Sign out").click()

    _sign_in(page, live_server, "alex.lee@example.org", NEW_PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text() == "Two-factor sign-in"
    assert_accessible(page)
    # The code shown at enrolment has been used; the app's next code (30 s on) is accepted.
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).at(time.time() + 30))
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Staff dashboard"
    expect(page.get_by_text("Signed in as Alex Lee")).to_be_visible()


def test_a_reset_link_works_once(page, live_server, mailbox):
    user_service.create("sam.patel@example.org", "Sam Patel", "coordinator", PASSWORD)
    db.session.commit()
    page.goto(live_server("/staff/login"))
    page.get_by_role("link", name="Forgotten your password?").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill("sam.patel@example.org")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_text("If that address belongs to a staff account")).to_be_visible()

    link = _link(mailbox, "sam.patel@example.org", "/staff/reset/")
    page.goto(link)
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Type the new password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_text("Your new password is set")).to_be_visible()

    page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == "This link does not work"
    assert_accessible(page)

    _sign_in(page, live_server, "sam.patel@example.org", NEW_PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text() == "Staff dashboard"


def test_staff_pages_fit_a_320_pixel_screen(page, staff_in_browser, live_server):
    page.set_viewport_size({"width": 320, "height": 640})
    staff_in_browser("admin")
    pages = {
        "/staff/": "Dashboard",
        "/staff/users": "Users",
        "/staff/audit": "Audit log",
        "/staff/two-factor": "Two-factor",
    }
    for path, current in pages.items():
        page.goto(live_server(path))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
        assert page.locator(".staff-nav [aria-current=page]").inner_text() == current
