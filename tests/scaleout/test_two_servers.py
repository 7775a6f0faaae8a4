"""Two app servers behind nginx behave as one site: sign-in, news, limits and feedback windows.

Each test signs in or acts through one server (nginx's port pinned to it) and looks through the
other; nginx's X-Upstream header shows which server answered, so a test cannot pass by accident
through one server twice.
"""

from __future__ import annotations

import secrets

import pytest

from roadshow.extensions import db
from roadshow.services.accounts import users as user_service
from roadshow.services.news import articles as news
from tests.feedback.factories import make_session
from tests.scaleout.cluster import Visitor
from tests.support.fixtures import PASSWORD

pytestmark = pytest.mark.slow
SIGN_IN_LIMIT, ATTEMPTS = 20, 30  # the sign-in form's limit per address per minute, and the tries made


def _server(cluster, visitor: Visitor) -> int:
    """Which app server (0 or 1) gave the visitor's last answer."""
    ports = [str(app.port) for app in cluster.apps]
    answered = visitor.upstream.rsplit(":", 1)[-1]
    assert answered in ports, f"answer came from {visitor.upstream!r}, not an app server"
    return ports.index(answered)


def _coordinator(role: str = "coordinator") -> str:
    """A new staff account of `role` on the cluster's database; its email."""
    email = f"{role}.{secrets.token_hex(4)}@example.org"
    user_service.create(email, f"Scale {role.title()}", role, PASSWORD)
    db.session.commit()
    return email


def _sign_in(cluster, email: str, through: int) -> Visitor:
    staff = cluster.visitor(cluster.pinned(through))
    status, _, location = staff.post_form("/staff/login", "/staff/login", {"email": email, "password": PASSWORD})
    assert status == 303 and "/staff/login" not in location, f"sign-in gave {status} to {location!r}"
    assert _server(cluster, staff) == through
    return staff


def test_a_sign_in_through_one_server_works_through_the_other_and_so_does_signing_out(cluster, site):
    email = _coordinator()
    staff = _sign_in(cluster, email, through=0)
    cookie = dict(staff.cookies)

    status, page = staff.through(cluster.pinned(1)).get("/staff/")
    assert status == 200 and "Scale Coordinator" in page and _server(cluster, staff) == 1
    # A form fetched from one server is accepted by the other: both check the same CSRF secret.
    status, _, location = staff.through(cluster.pinned(1)).post_form("/staff/", "/staff/logout", {})
    assert status in (302, 303) and _server(cluster, staff) == 1

    # The cookie from before signing out no longer works through the first server either.
    replay = cluster.visitor(cluster.pinned(0))
    replay.address, replay.cookies = staff.address, cookie
    status, _, location = replay.request("GET", "/staff/")
    assert status in (302, 303) and "/staff/login" in location and _server(cluster, replay) == 0


def test_a_news_edit_through_one_server_shows_at_once_through_both(cluster, site):
    edition = news.create_edition(news.EditionInput(f"Edition {secrets.token_hex(3)}", "Welcome."), actor=None)
    news.set_edition_published(edition, True, actor=None)
    article = news.create_article(
        news.ArticleInput(edition.id, "communities", "Old headline", "Old.", "Body."), actor=None
    )
    news.set_article_published(article, True, actor=None)
    db.session.commit()
    path = f"/news/{article.slug}"
    reader = cluster.visitor()
    for n in (0, 1, 0, 1, 0, 1, 0, 1):  # every worker of both servers renders (and may keep) the old page
        status, page = reader.through(cluster.pinned(n)).get(path)
        assert status == 200 and "Old headline" in page

    staff = _sign_in(cluster, _coordinator(), through=0)
    form = {
        "edition_id": edition.id,
        "section": "communities",
        "title": "New headline",
        "summary": "New.",
        "body": "Body.",
        "read_more_url": "",
        "position": 0,
    }
    edit = f"/staff/news/articles/{article.id}"
    status, _, _ = staff.post_form(edit, edit, form)
    assert status == 303

    stale = []
    for n in (0, 1, 0, 1, 0, 1, 0, 1):
        status, page = reader.through(cluster.pinned(n)).get(path)
        assert status == 200
        if "New headline" not in page:
            stale.append(n)
    assert stale == [], f"{len(stale)} of 8 reads still showed the old article (servers {stale})"


def test_the_sign_in_limit_is_counted_once_for_both_servers(cluster):
    visitor = cluster.visitor()
    tokens = [visitor.through(cluster.pinned(n)).csrf("/staff/login") for n in (0, 1)]
    statuses, servers = [], set()
    for attempt in range(ATTEMPTS):
        n = attempt % 2
        visitor.headers["X-Forwarded-For"] = f"10.9.{attempt}.1"  # nginx replaces it: no new address per try
        form = {"csrf_token": tokens[n], "email": f"nobody{attempt}@example.org", "password": ""}
        status, _, _ = visitor.through(cluster.pinned(n)).request("POST", "/staff/login", form)
        statuses.append(status)
        servers.add(_server(cluster, visitor))
    assert servers == {0, 1}
    assert statuses.count(200) == SIGN_IN_LIMIT, f"{statuses.count(200)} sign-in attempts got through: {statuses}"
    assert statuses.count(429) == ATTEMPTS - SIGN_IN_LIMIT

    # Someone else (another address) is not held back by that visitor's count.
    other = cluster.visitor()
    status, _, _ = other.post_form("/staff/login", "/staff/login", {"email": "x@example.org", "password": ""})
    assert status == 200


def test_feedback_closed_through_one_server_is_closed_through_the_other(cluster, site):
    session = make_session(f"SC{secrets.token_hex(3).upper()}")
    young = cluster.visitor(cluster.pinned(1))
    status, page = young.get(f"/feedback/{session.feedback_code}")
    assert status == 200 and 'name="state"' in page

    staff = _sign_in(cluster, _coordinator(), through=0)
    status, _, _ = staff.post_form(
        f"/staff/sessions/{session.id}", f"/staff/sessions/{session.id}/feedback", {"action": "close"}
    )
    assert status == 303 and _server(cluster, staff) == 0

    for n in (1, 0, 1, 0):
        status, page = young.through(cluster.pinned(n)).get(f"/feedback/{session.feedback_code}")
        assert "This session&#39;s feedback is closed" in page or "This session's feedback is closed" in page, (
            f"server {n} still shows the form ({status})"
        )
