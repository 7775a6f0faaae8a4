"""The server's side of patchy signal: the check page's send keeps the language, and the worker's scope."""

from __future__ import annotations

import re

from tests.feedback.factories import make_session, state_of, to_check


def test_the_check_pages_send_goes_to_an_address_without_the_answers_and_keeps_the_language(client):
    make_session("LNG234")
    url = "/feedback/LNG234?lang=pl"
    check = to_check(client, url, client.get(url))
    html = check.get_data(as_text=True)
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
