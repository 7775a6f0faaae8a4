"""Every page a person can reach, public and per role: axe-core clean and no CSP violations in Chromium."""

from __future__ import annotations

import pytest

from roadshow.extensions import db
from roadshow.services import demo
from tests.support.crawl import crawl, one_of_each_kind
from tests.support.fixtures import assert_accessible

pytestmark = pytest.mark.browser

CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


# Routes that show an email as subscribers will get it rather than a page of the site: the
# WCAG rules apply, the best-practice ones about page landmarks do not.
EMAIL_DOCUMENTS = {"news.email_preview"}


def _visit(page, url: str, failures: list[str], *, best_practice: bool = True) -> None:
    page.goto(url)
    try:
        assert_accessible(page, best_practice=best_practice)
    except AssertionError as exc:
        failures.append(str(exc))
    violations = page.evaluate("window.__cspViolations || []")
    if violations:
        failures.append(f"CSP violations on {url}: {violations}")


def _as_browser(page, live_server):
    """A test client carrying the browser's cookies and user agent: it crawls as the person signed in there.

    (A staff session is bound to its browser, so the cookie alone would be signed out.)
    """
    client = live_server.app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = page.evaluate("navigator.userAgent")
    for cookie in page.context.cookies():
        client.set_cookie(cookie["name"], cookie["value"])
    return client


def _sweep(page, live_server, starts: list[str], who: str, *, checked_elsewhere: frozenset = frozenset()) -> int:
    """Crawl as the browser's user, then check one page of each kind in Chromium; returns how many routes.

    Detail pages of one route share a template (ten sessions are one "session" page), so the
    first page found of each route is checked, and one more wherever the route shows other
    forms (a session still to be delivered has forms a delivered one has not). A new route
    is picked up by the crawl on its own. Kinds in `checked_elsewhere` are left to that sweep.
    """
    pages = crawl(_as_browser(page, live_server), starts)
    checked = [found for found in one_of_each_kind(pages) if found.kind not in checked_elsewhere]
    failures: list[str] = []
    for found in checked:
        _visit(page, live_server(found.path), failures, best_practice=found.route not in EMAIL_DOCUMENTS)
    assert not failures, "\n\n".join(failures)
    routes = len({found.route for found in checked})
    print(
        f"{who}: {len(pages)} pages crawled; {len(checked)} kinds of page over {routes} routes checked in Chromium"
        + (f" ({len(checked_elsewhere)} kinds left to another sweep)" if checked_elsewhere else "")
    )
    return routes


@pytest.fixture
def seeded(live_server):
    demo.seed()
    db.session.commit()
    return live_server


def test_public_pages(page, seeded):
    page.add_init_script(CSP_WATCH)
    routes = _sweep(page, seeded, ["/", "/privacy", "/accessibility", "/staff/login"], "public")
    assert routes >= 5


@pytest.mark.parametrize("role,starts", [("coordinator", ["/staff/"]), ("panel", ["/reports/"])])
def test_staff_pages(page, seeded, staff_in_browser, role, starts):
    page.add_init_script(CSP_WATCH)
    staff_in_browser(role)
    routes = _sweep(page, seeded, starts, role)
    assert routes >= 1


def test_admin_only_pages(page, seeded, staff_in_browser):
    """Admins see every staff page; those a coordinator also sees (the same page, the same forms) are
    checked by the coordinator's sweep, so this one checks the rest: users, the audit log, and any page
    that shows an admin other forms. The admin-only links in the staff navigation are on each of them."""
    page.add_init_script(CSP_WATCH)
    staff_in_browser("coordinator")
    coordinators = frozenset(found.kind for found in crawl(_as_browser(page, seeded), ["/staff/"]))
    page.context.clear_cookies()
    staff_in_browser("admin")
    routes = _sweep(page, seeded, ["/staff/", "/staff/users", "/staff/audit"], "admin", checked_elsewhere=coordinators)
    assert routes >= 2, "users and the audit log at least"


def test_public_forms_with_errors(page, seeded):
    """Each public data-entry form, sent empty, shows its errors accessibly."""
    page.add_init_script(CSP_WATCH)
    client = seeded.app.test_client()
    failures: list[str] = []
    checked = 0
    for found in one_of_each_kind(crawl(client, ["/"])):
        if not any(f.method == "post" and f.has_text_entry for f in found.forms):
            continue
        page.goto(seeded(found.path))
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
