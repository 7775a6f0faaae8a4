"""The server's side of patchy signal: the check page's send keeps the language, and the worker's scope."""

from __future__ import annotations

import re

from roadshow.i18n import LANGUAGES
from tests.feedback.factories import make_session, state_of, to_check


def test_the_check_pages_send_goes_to_an_address_without_the_answers_and_keeps_the_language(client):
    make_session("LNG234")
    check = to_check(client, "/feedback/LNG234", client.get("/feedback/LNG234"))
    html = client.get(check.request.url + "&lang=pl").get_data(as_text=True)  # the page in Polish
    action = re.search(r'<form method="post" action="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert action == "/feedback/LNG234/check?lang=pl"  # a failed send adds a history entry: Back shows the answers
    sent = client.post(action, data={"state": state_of(html), "next": "next"})
    assert sent.status_code == 303 and sent.headers["Location"].endswith("/feedback/LNG234/thanks?lang=pl")


def test_the_service_worker_is_served_from_the_forms_folder_and_claims_no_wider_scope(client):
    with client.get("/feedback/sw.js") as worker:
        body = worker.get_data(as_text=True)
    assert worker.status_code == 200 and "javascript" in worker.content_type
    assert "Service-Worker-Allowed" not in worker.headers  # so it can never control /staff/ or /
    assert worker.headers["Cache-Control"] == "no-cache"
    assert "static/css/site.css" in body and "/staff" not in body


def test_the_check_page_with_its_offline_script_weighs_under_50_kb_in_every_language(client):
    make_session("KBS234")
    check = to_check(client, "/feedback/KBS234", client.get("/feedback/KBS234"))
    weights = {}
    for lang in LANGUAGES:
        page = client.get(f"{check.request.url}&lang={lang}")
        html = page.get_data(as_text=True)
        assets = set(re.findall(r'(?:href|src)="(/static/[^"?]+\.(?:css|js|svg))', html))
        weights[lang] = len(page.data) + sum(_size(client, asset) for asset in assets)
    print(f"FIGURE: check page weight in bytes with its assets, per language: {weights}")
    assert max(weights.values()) < 50 * 1024


def _size(client, path: str) -> int:
    with client.get(path) as response:
        return len(response.data)
