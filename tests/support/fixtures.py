"""Shared fixtures: staff users, signing in, a real SMTP server, a live server for the browser."""

from __future__ import annotations

import os
import shutil
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pyotp
import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from werkzeug.serving import make_server

from roadshow.extensions import db
from roadshow.models import User
from roadshow.services.accounts import users as user_service
from roadshow.timeutil import utcnow
from tests.support.app import make_app, reset_database

PASSWORD = "correct-horse-battery-42"
# Every admin the fixtures make is enrolled in two-factor sign-in with this secret (base32).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NEEDS_TWO_FACTOR = ("admin",)


def enrol(user: User, secret: str = TOTP_SECRET) -> None:
    """Enrol an account in two-factor sign-in as if it had scanned the QR code."""
    user.totp_secret = secret
    user.totp_enrolled_at = utcnow()


def current_code(user: User) -> str:
    """The authenticator's code for this account now, its replay guard cleared so each test sign-in works."""
    db.session.refresh(user)
    user.totp_last_step = None
    db.session.commit()
    return pyotp.TOTP(user.totp_secret).now()


def sign_in(client, user: User, password: str = PASSWORD, **kwargs):
    """Sign in through the real form, answering the code step when the account has two-factor."""
    response = client.post("/staff/login", data={"email": user.email, "password": password}, **kwargs)
    if response.status_code == 303 and response.headers["Location"].startswith("/staff/login/code"):
        kwargs.pop("query_string", None)
        response = client.post("/staff/login/code", data={"code": current_code(user)}, **kwargs)
    return response


# Staff ------------------------------------------------------------------------------------------


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    """Create (and commit) a staff account."""
    counter = iter(range(1, 10_000))

    def _make(role: str = "coordinator", *, email: str | None = None, name: str | None = None, **changes) -> User:
        n = next(counter)
        user = user_service.create(email or f"{role}{n}@example.org", name or f"{role.title()} {n}", role, PASSWORD)
        if role in NEEDS_TWO_FACTOR or changes.get("is_safeguarding_lead"):
            enrol(user)
        for key, value in changes.items():
            setattr(user, key, value)
        db.session.commit()
        return user

    return _make


@pytest.fixture
def users(make_user) -> dict[str, User]:
    """One account per role, keyed by role."""
    return {role: make_user(role, email=f"{role}@example.org") for role in ("admin", "coordinator", "panel")}


@pytest.fixture
def login(client) -> Callable[..., object]:
    """Sign a user in through the real form; returns the response."""

    def _login(user: User, password: str = PASSWORD, **kwargs):
        return sign_in(client, user, password, **kwargs)

    return _login


# Email ------------------------------------------------------------------------------------------


@dataclass
class Mailbox:
    """What the loopback SMTP server received."""

    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope) -> str:
        msg = message_from_bytes(envelope.original_content, policy=policy.default)
        msg["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(msg)  # type: ignore[arg-type]
        return "250 Message accepted"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address.lower() in m["X-Envelope-To"].lower()]

    def last(self) -> EmailMessage:
        assert self.messages, "no email was received"
        return self.messages[-1]

    @staticmethod
    def text(msg: EmailMessage) -> str:
        part = msg.get_body(preferencelist=("plain",))
        assert part is not None, "message has no text/plain part"
        return part.get_content()

    @staticmethod
    def html(msg: EmailMessage) -> str:
        part = msg.get_body(preferencelist=("html",))
        assert part is not None, "message has no text/html part"
        return part.get_content()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _EphemeralController(Controller):
    """aiosmtpd on a port the kernel picks as it binds (port 0), so no other test process can take it first."""

    def _trigger_server(self) -> None:
        # Called once the server is listening, before the first connection to it.
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@contextmanager
def serve_smtp(handler: object) -> Iterator[int]:
    """A loopback SMTP server handing each message to `handler` (an aiosmtpd handler); yields its port."""
    controller = _EphemeralController(handler, hostname="127.0.0.1", port=0)
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()


@pytest.fixture
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    mailbox = Mailbox()
    with serve_smtp(mailbox) as port:
        yield mailbox, port


@pytest.fixture(scope="session")
def redis_installed() -> None:
    """redis-server must be there in CI; elsewhere the tests that need it are skipped without it."""
    if shutil.which("redis-server") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is missing: CI must install Debian's redis-server package.")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")


@pytest.fixture
def smtp(app: Flask, smtp_server) -> Mailbox:
    """Point the app at a real SMTP server on loopback; returns its mailbox."""
    mailbox, port = smtp_server
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    return mailbox


# Live server for browser tests ------------------------------------------------------------------


@dataclass
class LiveServer:
    app: Flask
    url: str

    def __call__(self, path: str = "/") -> str:
        return self.url + path


@pytest.fixture
def live_server(database_url: str, smtp_server) -> Iterator[LiveServer]:
    """The real app, CSRF on, served on a loopback port from a thread, sending mail to `smtp_server`."""
    _mailbox, smtp_port = smtp_server
    app = make_app(database_url, WTF_CSRF_ENABLED=True, MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_port)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIC_BASE_URL"] = url
    try:
        with app.app_context():
            yield LiveServer(app, url)
    finally:
        server.shutdown()
        thread.join(timeout=5)
        with app.app_context():
            reset_database(app)


@pytest.fixture
def mailbox(smtp_server) -> Mailbox:
    """The mailbox of the SMTP server the live server sends to."""
    return smtp_server[0]


@pytest.fixture
def staff_in_browser(live_server: LiveServer, page) -> Callable[[str], User]:
    """Create an account of `role` and sign it in through the real form in Chromium."""

    def _sign_in(role: str) -> User:
        user = user_service.create(f"{role}.browser@example.org", f"Browser {role.title()}", role, PASSWORD)
        if role in NEEDS_TWO_FACTOR:
            enrol(user)
        db.session.commit()
        # From a signed-out browser: a response still in flight from the last person's page can set
        # their cookie again after the test cleared it, and a signed-in browser skips the form.
        page.context.clear_cookies()
        page.goto(live_server("/staff/login"))
        if page.get_by_role("button", name="Sign out").count():
            page.get_by_role("button", name="Sign out").click()
            page.wait_for_load_state()
            page.goto(live_server("/staff/login"))
        page.get_by_label("Email address").fill(user.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        if "/staff/login/code" in page.url:
            page.get_by_label("Code from your authenticator app").fill(current_code(user))
            page.get_by_role("button", name="Continue").click()
            page.wait_for_load_state()
        return user

    return _sign_in


# Accessibility ----------------------------------------------------------------------------------

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_TAGS = [*WCAG_TAGS, "best-practice"]


def assert_accessible(page, *, best_practice: bool = True) -> None:
    """axe-core finds no WCAG 2.2 A/AA (or, unless turned off, best-practice) violations on the current page.

    Turn best practice off only for a document that is not a page of the site (an HTML email
    shown as it will arrive has no page landmarks to find).
    """
    from axe_playwright_python.sync_playwright import Axe

    tags = AXE_TAGS if best_practice else WCAG_TAGS
    # Measure the page as a person sees it: after its stylesheet has loaded (a click that navigates
    # returns before that, and unstyled links are smaller than a touch target).
    page.wait_for_load_state("load")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]})
    assert results.violations_count == 0, f"axe-core on {page.url}:\n{results.generate_report()}"
