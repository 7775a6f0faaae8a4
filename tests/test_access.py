"""Every route is closed unless it is on the public list, and staff routes refuse panel members."""

from __future__ import annotations

import re

import pytest

# The only endpoints anyone may reach without signing in. Adding one here is a decision.
PUBLIC_ENDPOINTS = {
    "static",
    "main.healthz",
    "main.privacy",
    "main.accessibility",
    "auth.login",
    "auth.login_code",
    "auth.forgot",
    "auth.reset",
    "auth.welcome",
    "news.home",
    "news.article_list",
    "news.article",
    "news.feed",
    "news.subscribe",
    "news.subscribe_sent",
    "news.confirm",
    "news.unsubscribe",
    "bookings.index",
    "bookings.book",
    "bookings.confirmation",
    "bookings.manage",
    "bookings.resend_link",
    "bookings.correct_details",
    "bookings.replaced_link",
    "feedback.start",
    "feedback.form",
    "feedback.thanks",
    "feedback.step",
    "feedback.check",
    "feedback.age_outside",
    "feedback.service_worker",
    "volunteers.index",
    "volunteers.apply",
    "volunteers.thank_you",
    "scheduling.ical_feed",
    "scheduling.accept_offer",
    "scheduling.another_date",
    "scheduling.group_invite",
    "yousaid.public_page",
    "yousaid.feed",
}

# Endpoints a panel member (read-only) may use; everything else signed-in is staff-only.
PANEL_ENDPOINTS = {
    "auth.logout",
    "auth.change_password",
    "auth.two_factor_setup",
    "auth.new_recovery_codes",
    "reports.index",
    "reports.export_csv",
    "reports.print_css",
    # "You said, we did": the panel reads every period and writes findings; responses and publishing are staff-only.
    "yousaid.staff_index",
    "yousaid.staff_period",
    "yousaid.add_finding",
    "yousaid.edit_finding",
}


def _routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:int:)?(\w+)>", "1", rule.rule)
        path = re.sub(r"<uuid:\w+>", "00000000-0000-4000-8000-000000000001", path)  # comments' random ids
        path = re.sub(r"<[^>]+>", "x", path)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, path


def test_public_endpoints_are_exactly_the_declared_list(app):
    declared_public = {
        endpoint for endpoint, view in app.view_functions.items() if getattr(view, "is_public", False)
    } | {"static"}
    assert declared_public == PUBLIC_ENDPOINTS


def test_every_non_public_route_sends_anonymous_visitors_to_sign_in(app, client):
    checked = 0
    for endpoint, method, path in _routes(app):
        if endpoint in PUBLIC_ENDPOINTS:
            continue
        response = client.open(path, method=method)
        assert response.status_code in (302, 303, 401), f"{method} {path} answered {response.status_code}"
        if response.status_code != 401:
            assert "/staff/login" in response.headers["Location"], f"{method} {path}"
        checked += 1
    assert checked > 5


def test_panel_members_get_403_on_every_staff_route(app, client, users, login):
    login(users["panel"])
    checked = 0
    for endpoint, method, path in _routes(app):
        if endpoint in PUBLIC_ENDPOINTS or endpoint in PANEL_ENDPOINTS:
            continue
        response = client.open(path, method=method)
        assert response.status_code == 403, f"{method} {path} answered {response.status_code} to a panel member"
        checked += 1
    assert checked > 3


@pytest.mark.parametrize(
    "path", ["/staff/users", "/staff/audit", "/staff/users/1", "/staff/languages", "/staff/mail/failed"]
)
def test_coordinators_cannot_reach_admin_pages(client, users, login, path):
    login(users["coordinator"])
    assert client.get(path).status_code == 403


def test_panel_member_can_read_reports(client, users, login):
    login(users["panel"])
    assert client.get("/reports/").status_code == 200
