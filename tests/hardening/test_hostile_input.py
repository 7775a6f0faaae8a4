"""Hostile input through every form the site shows: no server error, nothing unescaped, nothing odd stored."""

from __future__ import annotations

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.services import demo
from tests.support.crawl import TEXT_KINDS, Form, crawl, route_of
from tests.support.fixtures import PASSWORD

PAYLOADS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "' OR '1'='1' --",
    "'; DROP TABLE users; --",
    "A" * 20_000,
    "Ŧëšŧ ☃ 中文 عربى 👩🏽‍🚒",
    "\u202egnp.exe\u202c",
    "nul\x00byte",
    "{{7*7}}{% raw %}",
    "%s%s%n%x",
    "../../../../etc/passwd",
]
UNESCAPED = ("<script>alert('xss')</script>", "<img src=x onerror=alert(1)>")


def _fill(form: Form, payload: str) -> dict[str, str]:
    data = {}
    for f in form.fields:
        if f.kind in TEXT_KINDS:
            data[f.name] = payload
        elif f.kind == "hidden":
            data[f.name] = f.value
        elif f.options:
            data[f.name] = f.options[0]
    return data


def _signed_in_admin(app, make_user):
    client = app.test_client()
    user = make_user("admin")
    client.post("/staff/login", data={"email": user.email, "password": PASSWORD})
    return client


def test_hostile_input_through_every_form(app, make_user):
    demo.seed()
    db.session.commit()
    pages = crawl(app.test_client(), ["/"]) + crawl(_signed_in_admin(app, make_user), ["/staff/", "/reports/"])
    shown = [
        form
        for page in pages
        for form in page.forms
        if form.method == "post" and form.has_text_entry and "/staff/logout" not in form.action
    ]
    # The same form on ten bookings posts to one view with one set of fields: each such form is
    # sent every payload once (the first one found), not once per booking.
    forms: dict[tuple, Form] = {}
    for form in shown:
        forms.setdefault((route_of(app, form.action, "POST"), tuple(f.name for f in form.fields)), form)
    assert len(forms) >= 3, "the sweep found too few forms to mean anything"
    tried = 0
    for form in forms.values():
        for payload in PAYLOADS:
            client = _signed_in_admin(app, make_user) if "/staff/" in form.action else app.test_client()
            response = client.post(form.action, data=_fill(form, payload), follow_redirects=True)
            tried += 1
            assert response.status_code < 500, f"{form.action} with {payload[:30]!r} answered {response.status_code}"
            for raw in UNESCAPED:
                assert raw not in response.text, f"{form.action} echoed {raw!r} unescaped"
    _assert_nothing_odd_stored()
    print(
        f"hostile inputs tried: {tried} submissions over {len(forms)} forms ({len(shown)} shown on {len(pages)} pages)"
    )


def _assert_nothing_odd_stored() -> None:
    """No NUL bytes and no 20,000-character values were stored anywhere."""
    for table in db.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, sa.String | sa.Text)]
        if not columns:
            continue
        for row in db.session.execute(sa.select(*columns)):
            for column, value in zip(columns, row, strict=True):
                assert value is None or len(value) < 20_000, f"{table.name}.{column.name} stored an overlong value"
                assert value is None or "\x00" not in value, f"{table.name}.{column.name} stored a NUL byte"
