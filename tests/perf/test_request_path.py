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
