"""The shared request path does no needless work for anonymous visitors."""

from __future__ import annotations


def test_a_public_page_with_a_form_sets_the_session_cookie_once(client) -> None:
    first = client.get("/")
    assert first.status_code == 200
    assert [c.split("=", 1)[0] for c in first.headers.getlist("Set-Cookie")] == ["session"]
    # Coming back with that cookie changes nothing, so nothing is sent again (no cookie deletions).
    again = client.get("/")
    assert again.status_code == 200
    assert again.headers.getlist("Set-Cookie") == []


def test_page_links_follow_the_address_the_app_is_mounted_at(client) -> None:
    mounted = client.get("/", base_url="http://localhost/roadshow-app").get_data(as_text=True)
    plain = client.get("/").get_data(as_text=True)
    assert 'href="/roadshow-app/static/css/site.css' in mounted
    assert 'href="/roadshow-app/privacy"' in mounted
    assert 'href="/static/css/site.css' in plain
    assert 'href="/privacy"' in plain


def test_nul_bytes_are_still_refused_in_the_address_and_in_forms(client) -> None:
    assert client.get("/news/?page=1%00").status_code == 400
    assert client.post("/feedback/", data={"code": "AB\x00CD"}).status_code == 400
    body = "code=AB%00CD"
    assert client.post("/feedback/", data=body, content_type="application/x-www-form-urlencoded").status_code == 400


def test_a_session_started_on_one_page_is_read_on_the_next(app, client, users, login) -> None:
    login(users["panel"])
    assert client.get("/reports/").status_code == 200
    app.config["SECRET_KEY"] = "another-secret-key-for-this-test"  # a rotated key: old cookies no longer count
    assert client.get("/reports/").status_code == 302


def test_every_template_compiles_up_front(app) -> None:
    """gunicorn compiles them all before forking: a template that does not compile stops the start."""
    from roadshow.templating import compile_all

    app.jinja_env.cache.clear()
    compiled = compile_all(app)
    assert compiled > 50
    assert len(app.jinja_env.cache) == compiled
