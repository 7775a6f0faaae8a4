"""Staff type in paper forms through the same questionnaire, marked as paper."""

from __future__ import annotations

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import AuditEntry, FeedbackResponse
from tests.feedback.factories import ANSWERS, STEP1, make_session, state_of


def _enter(client, url, step1=STEP1):
    page = client.get(url)
    for _page in range(20):  # every page of the paper form; the last one saves it
        page = client.post(url, data={**ANSWERS, **step1, "state": state_of(page.get_data(as_text=True))})
        if page.status_code != 200:
            break
    return page


def test_coordinator_enters_a_paper_form_after_the_window_closed(client, users, login):
    session = make_session("PAP234", status="delivered")
    session.feedback_closes_at = session.feedback_opens_at  # closed for young people
    db.session.commit()
    login(users["coordinator"])
    url = f"/staff/sessions/{session.id}/paper"
    assert "Paper form for" in client.get(url).get_data(as_text=True)
    response = _enter(client, url)
    assert response.status_code == 303
    assert "Paper form saved" in client.get(url).get_data(as_text=True)
    saved = db.session.scalar(sa.select(FeedbackResponse))
    assert (saved.channel, saved.session_id, saved.age_band) == ("paper", session.id, "13-15")
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "feedback.paper_entry"))
    assert (entry.object_type, entry.object_id) == ("RoadshowSession", str(session.id))


def test_paper_form_outside_13_to_18_is_not_stored(client, users, login):
    session = make_session()
    login(users["admin"])
    response = _enter(client, f"/staff/sessions/{session.id}/paper", step1={"age": "19"})
    assert response.status_code == 303
    assert "nothing was saved" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) == 0


def test_unknown_session_is_404(client, users, login):
    login(users["coordinator"])
    assert client.get("/staff/sessions/999/paper").status_code == 404
