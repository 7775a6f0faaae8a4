"""Headers, CSRF, error pages and production settings."""

from __future__ import annotations

import pytest

from roadshow.extensions import db
from roadshow.models import User
from tests.support.app import make_app
from tests.support.fixtures import PASSWORD


@pytest.mark.parametrize("path", ["/", "/staff/login", "/no-such-page", "/healthz"])
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # only in production


def test_hsts_in_production(database_url, monkeypatch):
    monkeypatch.setenv("ROADSHOW_ENV", "production")
    app = make_app(database_url, SECRET_KEY="x" * 40, PUBLIC_BASE_URL="https://roadshow.example.org")
    assert app.test_client().get("/healthz").headers["Strict-Transport-Security"].startswith("max-age=")


def test_post_without_csrf_token_is_refused_and_writes_nothing(database_url, users):
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    response = client.post("/staff/login", data={"email": users["admin"].email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Something went wrong" in response.text
    with app.app_context():
        assert db.session.get(User, users["admin"].id).last_login_at is None


def test_post_with_csrf_token_works(database_url, users):
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/staff/login").text
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        "/staff/login", data={"email": users["admin"].email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 303


def test_no_inline_scripts_or_styles_in_pages(client):
    html = client.get("/staff/login").text
    assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "<h1>" in response.text


def test_unexpected_error_shows_no_stack_trace(app, client):
    app.config["FRIENDLY_ERRORS_IN_TESTS"] = True

    @app.route("/boom")
    def boom():  # pragma: no cover - raises
        raise RuntimeError("secret internals")

    boom.is_public = True
    response = client.get("/boom")
    assert response.status_code == 500
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text
    assert "problem with the service" in response.text


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.text == "ok"


def test_healthz_reports_a_dead_database(tmp_path):
    app = make_app(f"sqlite:///{tmp_path}/missing/nowhere.sqlite3")
    assert app.test_client().get("/healthz").status_code == 503


@pytest.mark.parametrize("key", ["", "short", "dev-only-secret-key-change-me"])
def test_production_refuses_weak_secret_key(database_url, monkeypatch, key):
    monkeypatch.setenv("ROADSHOW_ENV", "production")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        make_app(database_url, SECRET_KEY=key)


def test_production_refuses_debug(database_url, monkeypatch):
    monkeypatch.setenv("ROADSHOW_ENV", "production")
    with pytest.raises(RuntimeError, match="DEBUG"):
        make_app(database_url, SECRET_KEY="y" * 40, DEBUG=True, PUBLIC_BASE_URL="https://roadshow.example.org")


@pytest.mark.parametrize(
    "given,expected",
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.sqlite3", "sqlite:////tmp/x.sqlite3"),
    ],
)
def test_database_url_selects_the_database(monkeypatch, given, expected):
    from config import _database_url

    monkeypatch.setenv("DATABASE_URL", given)
    assert _database_url() == expected


def test_database_is_set_up_for_concurrent_use(app):
    with db.engine.connect() as conn:
        if db.engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        else:
            assert conn.exec_driver_sql("SHOW transaction_isolation").scalar() == "read committed"
