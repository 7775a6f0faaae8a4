"""Production refuses settings that would build links from the request or count limits per process."""

from __future__ import annotations

import pytest

from tests.support.app import make_app

GOOD = {"SECRET_KEY": "z" * 40, "PUBLIC_BASE_URL": "https://roadshow.example.org", "RATELIMIT_ENABLED": True}


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setenv("ROADSHOW_ENV", "production")
    return monkeypatch


def test_production_needs_public_base_url(database_url, production):
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL"):
        make_app(database_url, **{**GOOD, "PUBLIC_BASE_URL": ""})


def test_production_refuses_in_memory_limits_with_more_than_one_worker(database_url, production):
    with pytest.raises(RuntimeError, match="RATELIMIT_STORAGE_URI"):
        make_app(database_url, **GOOD, RATELIMIT_STORAGE_URI="memory://", WEB_CONCURRENCY=2)
    with pytest.raises(RuntimeError, match="3 instance"):
        make_app(database_url, **GOOD, RATELIMIT_STORAGE_URI="memory://", WEB_CONCURRENCY=1, APP_INSTANCES=3)


def test_production_starts_with_shared_limits_or_one_process(database_url, production):
    assert make_app(database_url, **GOOD, RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/0")
    assert make_app(database_url, **GOOD, RATELIMIT_STORAGE_URI="memory://", WEB_CONCURRENCY=1)
