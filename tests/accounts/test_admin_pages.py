"""Admin pages people can use: the audit log as sentences with links, a confirmation before deactivating."""

from __future__ import annotations

from roadshow.extensions import db


def test_the_audit_log_reads_as_sentences_with_links(client, users, login, make_user):
    alex = make_user("coordinator", name="Alex Lee")
    admin = users["admin"]
    admin.name = "Sam Patel"
    db.session.commit()
    login(admin)
    client.post(f"/staff/users/{alex.id}", data={"role": "panel"})
    page = client.get("/staff/audit").text
    assert (
        f'<a href="/staff/users/{admin.id}">Sam Patel</a> changed '
        f'<a href="/staff/users/{alex.id}">Alex Lee’s</a> role from Coordinator to Panel member.'
    ) in page


def test_names_in_the_audit_log_are_escaped(client, users, login, make_user):
    make_user("coordinator", name="<script>alert(1)</script>")
    login(users["admin"])
    page = client.get("/staff/audit").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_deactivating_asks_first(client, users, login):
    login(users["admin"])
    target = users["coordinator"]
    detail = client.get(f"/staff/users/{target.id}").text
    assert f'href="/staff/users/{target.id}/deactivate"' in detail
    confirm = client.get(f"/staff/users/{target.id}/deactivate").text
    assert "will be signed out everywhere" in confirm and "Yes, deactivate the account" in confirm
    db.session.refresh(target)
    assert target.active  # asking changes nothing


def test_role_names_are_the_same_on_every_page(client, users, login):
    login(users["admin"])
    listing = client.get("/staff/users").text
    detail = client.get(f"/staff/users/{users['panel'].id}").text
    assert '<td data-label="Role">Panel member</td>' in listing and "<dd>Panel member</dd>" in detail
