"""Every page a person can reach, public and per role: axe-core clean and no CSP violations in Chromium."""

from __future__ import annotations

from collections import deque

import pytest

from roadshow.extensions import db
from roadshow.services import demo
from tests.support.crawl import local_path, parse
from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser

CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def _pages(client, starts: list[str], limit: int = 80) -> list[str]:
    """Paths reachable by links from `starts` (through the fast test client)."""
    seen: list[str] = []
    queue = deque(starts)
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        seen.append(path)
        links, _forms = parse(response.text, "http://localhost" + path)
        queue.extend(p for p in (local_path(link) for link in links) if p and p not in seen)
    return seen


def _visit(page, url: str, failures: list[str]) -> None:
    page.goto(url)
    try:
        assert_accessible(page)
    except AssertionError as exc:
        failures.append(str(exc))
    violations = page.evaluate("window.__cspViolations || []")
    if violations:
        failures.append(f"CSP violations on {url}: {violations}")


def _sweep(page, live_server, starts: list[str]) -> int:
    client = live_server.app.test_client()
    cookies = page.context.cookies()
    for cookie in cookies:
        client.set_cookie(cookie["name"], cookie["value"])
    paths = _pages(client, starts)
    failures: list[str] = []
    for path in paths:
        _visit(page, live_server(path), failures)
    assert not failures, "\n\n".join(failures)
    return len(paths)


@pytest.fixture
def seeded(live_server):
    demo.seed()
    db.session.commit()
    return live_server


def test_public_pages(page, seeded):
    page.add_init_script(CSP_WATCH)
    count = _sweep(page, seeded, ["/", "/privacy", "/accessibility", "/staff/login"])
    print(f"public pages swept: {count}")
    assert count >= 5


@pytest.mark.parametrize(
    "role,starts",
    [("coordinator", ["/staff/"]), ("admin", ["/staff/", "/staff/users", "/staff/audit"]), ("panel", ["/reports/"])],
)
def test_staff_pages(page, seeded, staff_in_browser, role, starts):
    page.add_init_script(CSP_WATCH)
    staff_in_browser(role)
    count = _sweep(page, seeded, starts)
    print(f"{role} pages swept: {count}")
    assert count >= 1


def test_public_forms_with_errors(page, seeded):
    """Each public data-entry form, sent empty, shows its errors accessibly."""
    page.add_init_script(CSP_WATCH)
    client = seeded.app.test_client()
    failures: list[str] = []
    checked = 0
    for path in _pages(client, ["/"]):
        _links, forms = parse(client.get(path).text, "http://localhost" + path)
        if not any(f.method == "post" and f.has_text_entry for f in forms):
            continue
        page.goto(seeded(path))
        form = (
            page.locator("main form[method=post]")
            .filter(has=page.locator("input[type=text], input[type=email], textarea"))
            .first
        )
        with page.expect_navigation():
            form.evaluate("f => HTMLFormElement.prototype.submit.call(f)")
        checked += 1
        try:
            assert_accessible(page)
        except AssertionError as exc:
            failures.append(str(exc))
    assert not failures, "\n\n".join(failures)
    print(f"public forms checked with errors: {checked}")
