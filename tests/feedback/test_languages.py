"""Languages without the browser: the address carries the language and nothing keeps it; staff see
which translations a fluent speaker has reviewed, and a session's poster names its languages."""

from __future__ import annotations

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import AuditEntry, FeedbackResponse, LanguageReview, RoadshowSession
from tests.feedback.factories import ANSWERS, make_session, post_page, state_of

WARNING = "Not yet reviewed by a fluent speaker"
FEEDBACK_TABLES = ("feedback_responses", "feedback_answers", "feedback_comments", "submission_tokens")


def test_the_language_travels_in_every_redirect_and_sets_no_cookie(client):
    make_session("LNK234")
    found = client.post("/feedback/?lang=pl", data={"code": "lnk234"})
    assert found.status_code == 303 and found.headers["Location"] == "/feedback/LNK234?lang=pl"
    first = client.get(found.headers["Location"])
    assert '<html lang="pl" dir="ltr">' in first.text and "Ile masz lat?" in first.text
    nxt = client.post("/feedback/LNK234?lang=pl", data={**ANSWERS, "state": state_of(first.text)})
    assert nxt.status_code == 303 and "lang=pl" in nxt.headers["Location"]
    assert "Set-Cookie" not in found.headers and "Set-Cookie" not in nxt.headers
    urdu = client.get("/feedback/?lang=ur").text
    assert '<html lang="ur" dir="rtl">' in urdu
    assert '<html lang="en-GB" dir="ltr">' in client.get("/feedback/?lang=xx").text  # unknown: English


def test_the_language_is_not_stored_with_a_response(client, app):
    make_session("PRV234")
    url = "/feedback/PRV234?lang=ro"
    page = client.get(url)
    while "Verifică-ți răspunsurile" not in page.text:  # "Check your answers", in Romanian
        page = post_page(client, url, {**ANSWERS, "state": state_of(page.text)})
    sent = client.post(url, data={"state": state_of(page.text)})
    assert sent.status_code == 303 and sent.headers["Location"].endswith("/thanks?lang=ro")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) == 1
    inspector = sa.inspect(db.engine)
    for table in FEEDBACK_TABLES:
        columns = [c["name"] for c in inspector.get_columns(table)]
        assert not [c for c in columns if "lang" in c or "locale" in c], f"{table} has a language column"
        for row in db.session.execute(sa.text(f"SELECT * FROM {table}")):  # noqa: S608 (our own table names)
            values = {str(v).lower() for v in row if v is not None}
            assert not values & {"ro", "ro-ro", "romanian", "română"}, f"{table} keeps the language: {row}"


def test_an_admin_marks_a_translation_reviewed_and_it_is_audited(client, users, login):
    login(users["admin"])
    page = client.get("/staff/languages")
    assert page.status_code == 200 and "Mark Polish as reviewed" in page.text
    assert client.post("/staff/languages/pl", data={"reviewed": "yes"}).status_code == 303
    assert db.session.get(LanguageReview, "pl") is not None
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "language.reviewed"))
    assert (entry.object_id, entry.actor_id) == ("pl", users["admin"].id)
    assert "Mark Polish as not reviewed" in client.get("/staff/languages").text
    client.post("/staff/languages/pl", data={"reviewed": "no"})
    assert db.session.get(LanguageReview, "pl") is None
    assert client.post("/staff/languages/xx", data={"reviewed": "yes"}).status_code == 404


def test_marking_a_review_needs_the_csrf_token(client, users, login, app):
    login(users["admin"])
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.post("/staff/languages/pl", data={"reviewed": "yes"}).status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert db.session.get(LanguageReview, "pl") is None


def test_a_coordinator_cannot_mark_a_review(client, users, login):
    login(users["coordinator"])
    assert client.post("/staff/languages/pl", data={"reviewed": "yes"}).status_code == 403
    assert db.session.get(LanguageReview, "pl") is None


def test_session_page_and_poster_warn_beside_a_language_not_reviewed(client, users, login):
    session = make_session("PST234")
    login(users["coordinator"])
    saved = client.post(f"/staff/sessions/{session.id}/languages", data={"languages": ["ur", "pl"]})
    assert saved.status_code == 303
    assert db.session.get(RoadshowSession, session.id).feedback_languages == "pl ur"
    assert db.session.scalar(sa.select(AuditEntry.detail).where(AuditEntry.action == "session.languages")) == "pl ur"

    detail = client.get(f"/staff/sessions/{session.id}").text
    assert detail.count(WARNING) == 2
    poster = client.get(f"/staff/sessions/{session.id}/poster").text
    assert "Polski: Oceń swoje spotkanie" in poster and 'lang="ur" dir="rtl"' in poster
    assert "Polish: not yet reviewed by a fluent speaker" in poster

    db.session.add(LanguageReview(code="pl", reviewed_at=session.starts_at))
    db.session.commit()
    assert client.get(f"/staff/sessions/{session.id}").text.count(WARNING) == 1
    assert "Polish: not yet reviewed" not in client.get(f"/staff/sessions/{session.id}/poster").text


def test_a_step_posted_with_an_error_says_so_in_the_language(client):
    make_session("ERR234")
    first = client.get("/feedback/ERR234?lang=lt")
    again = post_page(client, "/feedback/ERR234?lang=lt", {"state": state_of(first.text)})
    assert "Pasirink savo amžių." in again.text and "Iškilo problema" in again.text
    assert '<html lang="lt" dir="ltr">' in again.text
