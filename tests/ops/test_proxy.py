"""X-Forwarded-* is believed only when PROXY_FIX says a proxy sets it."""

from __future__ import annotations

from flask import request

from roadshow.security import public
from tests.support.app import make_app

FORWARDED = {"X-Forwarded-For": "203.0.113.5", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "roadshow.example"}


def _app_with_echo(database_url: str, **config):
    app = make_app(database_url, **config)

    @public
    def echo() -> str:
        return f"{request.remote_addr} {request.scheme} {request.host}"

    app.add_url_rule("/_echo", "echo", echo)
    return app


def test_forwarded_headers_are_used_behind_one_proxy(database_url):
    app = _app_with_echo(database_url, PROXY_FIX=1)
    body = app.test_client().get("/_echo", headers=FORWARDED, environ_base={"REMOTE_ADDR": "127.0.0.1"}).text
    assert body == "203.0.113.5 https roadshow.example"


def test_forwarded_headers_are_ignored_by_default(database_url):
    app = _app_with_echo(database_url)
    body = app.test_client().get("/_echo", headers=FORWARDED, environ_base={"REMOTE_ADDR": "127.0.0.1"}).text
    assert body == "127.0.0.1 http localhost"
