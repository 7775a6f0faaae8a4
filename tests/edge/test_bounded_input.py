"""Bounded input: a big body is refused before anyone reads it, absurd query values are not errors."""

from __future__ import annotations

import time

import pytest

TWENTY_MB = 20 * 1024 * 1024


@pytest.mark.parametrize(
    "path,content_type",
    [
        ("/healthz", "multipart/form-data; boundary=xyz"),
        ("/news/subscribe", "application/x-www-form-urlencoded"),
        ("/staff/login", "application/x-www-form-urlencoded"),
    ],
)
def test_a_20_mb_body_is_refused_with_413_in_under_a_second(client, path, content_type):
    body = b"email=" + b"x" * TWENTY_MB
    start = time.perf_counter()
    response = client.post(path, data=body, content_type=content_type)
    elapsed = time.perf_counter() - start
    print(f"{path}: {response.status_code} in {elapsed:.3f} s")
    assert response.status_code == 413
    assert elapsed < 1
    assert "too large" in response.text


def test_a_nul_byte_in_an_address_is_refused(client):
    assert client.get("/news/", query_string={"q": "a\x00b"}).status_code == 400


@pytest.mark.parametrize("page", ["9999999999999999999", "-1", "0", "abc", "1e9"])
def test_absurd_page_numbers_are_not_errors(client, page):
    assert client.get("/news/", query_string={"page": page}).status_code in (200, 404)


def test_a_huge_page_number_is_page_not_found(client):
    assert client.get("/news/?page=9999999999999999999").status_code == 404


def test_a_huge_page_number_on_any_staff_list_is_page_not_found(app, client, users, login):
    app.config["FRIENDLY_ERRORS_IN_TESTS"] = True
    login(users["admin"])
    lists = [rule.rule for rule in app.url_map.iter_rules() if "GET" in rule.methods and "<" not in rule.rule]
    answers = {path: client.get(path, query_string={"page": "9999999999999999999"}).status_code for path in lists}
    assert not [path for path, status in answers.items() if status >= 500]
