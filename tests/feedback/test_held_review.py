"""Held responses: counts on the session page, a coordinator's review, the class size, and what reports count."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import AuditEntry, FeedbackResponse
from roadshow.services import bookings
from roadshow.services.feedback import intake as feedback
from roadshow.services.feedback.intake import Submission
from roadshow.services.reports import build as reports
from roadshow.services.reports import queries as report_queries
from roadshow.services.reports import rollup as report_rollup
from roadshow.services.reports.periods import parse
from roadshow.services.scheduling import sessions as scheduling_service
from roadshow.services.scheduling.sessions import Actor
from roadshow.timeutil import utcnow
from tests.bookings.conftest import new_request
from tests.feedback.factories import make_session
from tests.scheduling.conftest import details


def _response(session, *, stopped: str = "never", quick: bool = False) -> None:
    """One online response: read at a person's pace, or sent the moment the form appeared."""
    stamp = int((utcnow() - timedelta(seconds=1 if quick else 300)).timestamp())
    sub = Submission(session.id, 1, "13-15", {"stopped": stopped}, f"{stamp}.{feedback.new_token()}")
    feedback.submit(sub)
    db.session.commit()


def _held(session) -> int:
    return feedback_counts(session).held


def feedback_counts(session):
    from roadshow.services.feedback import review as feedback_review

    return feedback_review.counts(session.id)


def test_a_walk_faster_than_reading_is_held_and_a_paced_one_counted(app):
    session = make_session("HLD234")
    _response(session)
    _response(session, quick=True)
    counts = feedback_counts(session)
    assert (counts.received, counts.counted, counts.held) == (2, 1, 1)


def test_responses_beyond_the_expected_class_and_margin_are_held(app):
    app.config["FEEDBACK_EXPECTED_MARGIN"] = 2
    session = make_session("CLA234", expected_young_people=3)
    for _ in range(7):
        _response(session)
    counts = feedback_counts(session)
    assert (counts.counted, counts.held) == (5, 2)


def test_attendance_above_the_expected_number_raises_what_counts(app):
    app.config["FEEDBACK_EXPECTED_MARGIN"] = 0
    session = make_session("ATT234", expected_young_people=2, attendance=4)
    for _ in range(5):
        _response(session)
    assert feedback_counts(session).counted == 4


def test_paper_forms_typed_by_staff_are_never_held(app):
    session = make_session("PAP234", expected_young_people=1)
    app.config["FEEDBACK_EXPECTED_MARGIN"] = 0
    for _ in range(3):
        feedback.submit(Submission(session.id, 1, "13-15", {"stopped": "never"}, feedback.new_token(), "paper"))
    db.session.commit()
    assert feedback_counts(session).held == 0


def test_the_session_page_shows_received_counted_and_held_without_content_or_times(client, users, login):
    session = make_session("PAG234")
    _response(session, stopped="once")
    _response(session, quick=True)
    login(users["coordinator"])
    page = client.get(f"/staff/sessions/{session.id}").get_data(as_text=True)
    assert "2 received, 1 counted, 1 held for review" in page
    assert "Review the held responses" in page
    assert "Yes, once" not in page  # no content on the session page


def test_a_coordinator_counts_in_a_held_response_and_the_report_shows_it_at_once(client, users, login):
    session = make_session("REL234")
    for _ in range(12):
        _response(session)
    _response(session, stopped="once", quick=True)
    report_rollup.refresh()
    db.session.commit()
    login(users["coordinator"])
    page = client.get(f"/staff/sessions/{session.id}/held").get_data(as_text=True)
    assert "Yes, once" in page  # the review shows the answers, to judge them by
    value = re.search(r'name="responses" value="([^"]+)"', page).group(1)
    reply = client.post(f"/staff/sessions/{session.id}/held", data={"responses": [value], "release": "x"})
    assert reply.status_code == 303
    assert _held(session) == 0
    report_rollup.refresh()
    db.session.commit()
    rows = report_queries.answer_counts(report_queries.ReportFilter(parse("all")))
    counts = {(k, val): n for k, _v, val, n, *_key in rows}
    assert counts[("stopped", "once")] == 1 and counts[("stopped", "never")] == 12
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "feedback.held_released"))
    assert entry.object_type == "RoadshowSession" and entry.object_id == str(session.id)
    assert entry.detail == "1 responses"


def test_a_coordinator_discards_held_responses_and_it_is_audited(client, users, login):
    session = make_session("DIS234")
    _response(session)
    for _ in range(3):
        _response(session, quick=True)
    login(users["coordinator"])
    page = client.get(f"/staff/sessions/{session.id}/held").get_data(as_text=True)
    values = re.findall(r'name="responses" value="([^"]+)"', page)
    assert len(values) == 3
    client.post(f"/staff/sessions/{session.id}/held", data={"responses": values[:2], "discard": "x"})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) == 2
    assert _held(session) == 1
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "feedback.held_discarded"))
    assert entry.detail == "2 responses"


def test_nothing_ticked_is_an_error_not_everything(client, users, login):
    session = make_session("NON234")
    _response(session, quick=True)
    login(users["coordinator"])
    reply = client.post(f"/staff/sessions/{session.id}/held", data={"discard": "x"})
    assert reply.status_code == 200
    assert "Tick at least one response" in reply.get_data(as_text=True)
    assert _held(session) == 1


def test_a_response_of_another_session_cannot_be_released_through_this_one(client, users, login):
    mine, other = make_session("MIN234"), make_session("OTH234")
    _response(mine, quick=True)
    _response(other, quick=True)
    theirs = db.session.scalar(sa.select(FeedbackResponse.id).where(FeedbackResponse.session_id == other.id))
    login(users["coordinator"])
    client.post(f"/staff/sessions/{mine.id}/held", data={"responses": [str(theirs)], "release": "x"})
    assert _held(other) == 1


def test_the_panel_cannot_review_held_responses(client, users, login):
    session = make_session("PNL234")
    login(users["panel"])
    assert client.get(f"/staff/sessions/{session.id}/held").status_code == 403


def test_a_session_from_a_booking_expects_its_group_size_and_a_coordinator_can_change_it(client, users, login):
    submitted = bookings.submit(new_request())
    db.session.commit()
    facilitators = (users["coordinator"].id,)
    session = scheduling_service.create(
        details(capacity=None, facilitator_ids=facilitators), Actor(label="test"), request_id=submitted.request.id
    )
    db.session.commit()
    assert session.expected_young_people == submitted.request.group_size
    login(users["coordinator"])
    reply = client.post(f"/staff/sessions/{session.id}/expected", data={"expected": "45"})
    assert reply.status_code == 303
    db.session.refresh(session)
    assert session.expected_young_people == 45
    assert db.session.scalar(sa.select(AuditEntry.detail).where(AuditEntry.action == "session.expected_changed"))
    refused = client.post(f"/staff/sessions/{session.id}/expected", data={"expected": "0"}, follow_redirects=True)
    assert "between 1 and 1000" in refused.get_data(as_text=True)


def test_the_report_counts_only_counted_responses_and_says_how_many_were_held(client, users, login):
    session = make_session("REP234", status="delivered")
    for _ in range(3):
        _response(session, quick=True)
    login(users["panel"])
    page = client.get("/reports/").get_data(as_text=True)
    assert "3 responses were held for a coordinator" in page and "review and are not counted" in page
    report = reports.build(report_queries.ReportFilter(parse("all"), session_id=session.id))
    assert report.held == 3


def test_the_counts_are_there_to_fetch_again_for_staff_only(client, users, login):
    session = make_session("JSN234")
    _response(session)
    _response(session, quick=True)
    assert client.get(f"/staff/sessions/{session.id}/feedback-counts.json").status_code == 302
    login(users["coordinator"])
    reply = client.get(f"/staff/sessions/{session.id}/feedback-counts.json")
    assert reply.headers["Cache-Control"] == "no-store"
    assert reply.get_json() == {
        "received": 2,
        "counted": 1,
        "held": 1,
        "text": "2 received, 1 counted, 1 held for review",
    }
