"""The demo seed gives believable sessions: delivered ones, upcoming ones, one taking feedback now."""

from __future__ import annotations

import sqlalchemy as sa

from roadshow.constants import DISTRICT_NAMES
from roadshow.extensions import db
from roadshow.models.scheduling import RoadshowSession, SessionStatus
from roadshow.services import demo
from roadshow.services.feedback import intake as feedback_intake
from roadshow.services.scheduling import queries as session_queries
from roadshow.services.scheduling.demo import DEMO_FEEDBACK_CODE
from roadshow.timeutil import utcnow


def test_demo_sessions_cover_every_district_past_and_future(app):
    demo.seed()
    db.session.commit()
    sessions = db.session.scalars(sa.select(RoadshowSession)).all()
    delivered = [s for s in sessions if s.status == SessionStatus.DELIVERED]
    upcoming = [s for s in sessions if s.status == SessionStatus.SCHEDULED and s.starts_at > utcnow()]
    assert {s.district for s in delivered} == set(DISTRICT_NAMES)
    assert {s.district for s in upcoming} == set(DISTRICT_NAMES)
    assert all(s.attendance and s.attendance > 0 for s in delivered)
    assert {f.email for s in sessions for f in s.facilitators} == {"coordinator@example.org", "admin@example.org"}


def test_the_demo_code_opens_feedback_now(app):
    demo.seed()
    db.session.commit()
    session = feedback_intake.find_session(DEMO_FEEDBACK_CODE)
    assert session is not None and session.feedback_open(utcnow())


def test_demo_requests_that_were_offered_or_booked_have_their_session(app):
    from roadshow.models.booking import BookingRequest, BookingStatus

    demo.seed()
    db.session.commit()
    for request in db.session.scalars(sa.select(BookingRequest)):
        sessions = session_queries.for_request(request.id)
        if request.status == BookingStatus.OFFERED:
            assert [s.status for s in sessions] == [SessionStatus.OFFERED]
        elif request.status in (BookingStatus.SCHEDULED, BookingStatus.DELIVERED):
            assert [s.status for s in sessions] == [request.status]
