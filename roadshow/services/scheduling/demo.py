"""Demo sessions for `flask seed-demo`: delivered ones with attendance, upcoming ones, one open for feedback."""

from __future__ import annotations

from datetime import date, time, timedelta

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import User
from roadshow.models.scheduling import SessionStatus
from roadshow.services import DomainError
from roadshow.services.scheduling import sessions as scheduling
from roadshow.services.scheduling import status as session_status
from roadshow.services.scheduling.sessions import Actor, SessionDetails
from roadshow.services.scheduling.visits import offer_deadline
from roadshow.timeutil import to_london, today_london, utcnow

# The session running now takes feedback with this code, so the demo form can be tried at once.
DEMO_FEEDBACK_CODE = "SCRUT9"

# (days from today, start hour, title, venue, postcode, district, attendance if delivered)
PAST = (
    (
        -150,
        18,
        "Chesterton Youth Club",
        "Chesterton Community Centre, Union Lane, Cambridge",
        "CB4 1PR",
        "cambridge",
        18,
    ),
    (-121, 10, "Ely College Year 10", "Ely College, Downham Road, Ely", "CB6 2SH", "east_cambridgeshire", 27),
    (-95, 18, "Wisbech Young Carers", "Oasis Centre, Church Road, Wisbech", "PE13 1SP", "fenland", 11),
    (-70, 14, "Huntingdon Sea Cadets", "TS Huntingdon, Riverside Park, Huntingdon", "PE29 3RB", "huntingdonshire", 16),
    (-44, 18, "Cambourne Youth Forum", "The Hub, High Street, Cambourne", "CB23 6GW", "south_cambridgeshire", 14),
    (
        -30,
        17,
        "Peterborough Boxing Academy",
        "Unit 4, Fengate Business Park, Peterborough",
        "PE1 5XG",
        "peterborough",
        22,
    ),
    (-16, 18, "March Youth Football", "March Town FC Clubhouse, GER Sports Ground, March", "PE15 8HS", "fenland", 19),
    (
        -9,
        10,
        "Orton Mosque Youth Circle",
        "Orton Community Hall, Orton Goldhay, Peterborough",
        "PE2 5SL",
        "peterborough",
        24,
    ),
)
UPCOMING = (
    (
        6,
        18,
        "Soham Village College Council",
        "Soham Village College, Sand Street, Soham",
        "CB7 5AA",
        "east_cambridgeshire",
    ),
    (12, 18, "St Neots Girls Brigade", "Priory Centre, Priory Lane, St Neots", "PE19 2BH", "huntingdonshire"),
    (
        19,
        14,
        "Arbury Young Leaders",
        "Meadows Community Centre, St Catharine's Road, Cambridge",
        "CB4 3XJ",
        "cambridge",
    ),
    (24, 18, "Sawston Youth Theatre", "Spicers Pavilion, New Road, Sawston", "CB22 3BP", "south_cambridgeshire"),
    (38, 17, "Whittlesey Scouts", "Scout Hut, Eastrea Road, Whittlesey", "PE7 1XR", "fenland"),
    (45, 18, "Werrington Youth Club", "Werrington Centre, Staniland Way, Peterborough", "PE4 6JT", "peterborough"),
)


def _facilitators() -> list[User]:
    emails = ("coordinator@example.org", "admin@example.org")
    return list(db.session.scalars(sa.select(User).where(User.email.in_(emails)).order_by(User.email.desc())))


def _details(day: date, hour: int, title: str, venue: str, postcode: str, district: str, who: User) -> SessionDetails:
    return SessionDetails(
        day=day, starts=time(hour), ends=time(hour + 2), venue=venue, postcode=postcode,
        district=district, facilitator_ids=(who.id,), title=title, capacity=30,
    )  # fmt: skip


def _running_now(who: User) -> None:
    """A session that began half an hour ago: its feedback window is open now."""
    start = to_london(utcnow() - timedelta(minutes=30)).replace(second=0, microsecond=0)
    start -= timedelta(minutes=start.minute % 15)
    end = start + timedelta(hours=2)
    day, ends = start.date(), end.time() if end.date() == start.date() else time(23, 59)
    details = SessionDetails(
        day=day, starts=start.time(), ends=ends, venue="Bretton Centre, Bretton Gate, Peterborough",
        postcode="PE3 8DL", district="peterborough", facilitator_ids=(who.id,),
        title="Bretton Youth Voice", capacity=30,
    )  # fmt: skip
    session = scheduling.create(details, Actor(label="Demo data"))
    session.feedback_code = DEMO_FEEDBACK_CODE


def _for_requests(people: list[User]) -> None:
    """Demo requests already offered, booked or delivered get the session that goes with them."""
    from roadshow.models.booking import BookingRequest, BookingStatus
    from roadshow.models.scheduling import RoadshowSession

    statuses = {BookingStatus.OFFERED: "offered", BookingStatus.SCHEDULED: "scheduled", BookingStatus.DELIVERED: "x"}
    has_session = sa.select(RoadshowSession.request_id).where(RoadshowSession.request_id.is_not(None))
    requests = db.session.scalars(
        sa.select(BookingRequest)
        .where(BookingRequest.status.in_(list(statuses)), BookingRequest.id.not_in(has_session))
        .order_by(BookingRequest.id)
    )
    for n, request in enumerate(requests):
        who = people[n % len(people)]
        delivered = request.status == BookingStatus.DELIVERED
        day = today_london() - timedelta(days=60) if delivered else request.preferred_dates[0].day
        hour = {"morning": 10, "afternoon": 14}.get(request.preferred_dates[0].part_of_day, 18)
        venue = ", ".join(line.strip() for line in request.venue_address.splitlines() if line.strip())
        details = _details(day, hour, request.organisation, venue, request.postcode, request.district, who)
        status = SessionStatus.OFFERED if request.status == BookingStatus.OFFERED else SessionStatus.SCHEDULED
        try:
            session = scheduling.create(details, Actor(label="Demo data"), status=status, request_id=request.id)
        except DomainError:
            continue  # a clash with another demo session: leave this request without one
        if delivered:
            session_status.mark_delivered(session, request.group_size, Actor(label="Demo data"), now=session.ends_at)
        elif status == SessionStatus.OFFERED:
            session.offer_expires_at = offer_deadline(session.starts_at)


def seed() -> None:
    people = _facilitators()
    if not people:
        return
    today = today_london()
    actor = Actor(label="Demo data")
    for n, (offset, hour, title, venue, postcode, district, came) in enumerate(PAST):
        who = people[n % len(people)]
        session = scheduling.create(
            _details(today + timedelta(days=offset), hour, title, venue, postcode, district, who), actor
        )
        session_status.mark_delivered(session, came, actor, now=session.ends_at)
    for n, (offset, hour, title, venue, postcode, district) in enumerate(UPCOMING):
        who = people[n % len(people)]
        scheduling.create(_details(today + timedelta(days=offset), hour, title, venue, postcode, district, who), actor)
    _running_now(people[0])
    _for_requests(people)
    db.session.flush()
