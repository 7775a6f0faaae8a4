"""A dozen believable requests for `flask seed-demo`, across the six districts and in varied states."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import User
from roadshow.models.booking import BookingStatus
from roadshow.services.bookings.intake import NewRequest, PreferredDate, submit
from roadshow.services.bookings.links import GROUP
from roadshow.services.bookings.status import add_event, transition
from roadshow.timeutil import today_london, utcnow

S = BookingStatus

# organisation, type, contact, role, district, venue, postcode, size, ages, topics, days ahead, part, path
DEMO_REQUESTS = (
    ("Romsey Mill Youth Project", "youth_club", "Priya Shah", "Youth worker", "cambridge",
     "Romsey Mill, Hemingford Road, Cambridge", "CB1 3BZ", 18, (13, 16), "both", 24, "evening", []),
    ("Parkside Community College", "school", "Tom Reeve", "Head of Year 10", "cambridge",
     "Parkside, Cambridge", "CB1 1EH", 28, (14, 15), "stop_search", 35, "morning", [S.UNDER_REVIEW]),
    ("Ely Sea Cadets", "uniformed", "Dawn Miller", "Unit officer", "east_cambridgeshire",
     "TS Ely, Babylon, Ely", "CB7 4AU", 14, (13, 17), "both", 42, "evening", [S.UNDER_REVIEW, S.OFFERED]),
    ("Soham Village College Sixth Form", "school", "Mark Ellis", "Sixth form lead", "east_cambridgeshire",
     "Soham Village College, Sand Street, Soham", "CB7 5AA", 30, (16, 18), "use_of_force", 20, "afternoon",
     [S.UNDER_REVIEW, S.DECLINED]),
    ("Wisbech Boxing Club", "sports", "Lee Carter", "Head coach", "fenland",
     "Old Market, Wisbech", "PE13 1NB", 16, (14, 18), "stop_search", 30, "evening",
     [S.UNDER_REVIEW, S.OFFERED, S.SCHEDULED]),
    ("March Youth Forum", "youth_club", "Amy Turner", "Coordinator", "fenland",
     "March Community Centre, Station Road, March", "PE15 8LE", 12, (13, 15), "both", 50, "evening", []),
    ("Huntingdon Mosque Youth Circle", "faith", "Imran Qureshi", "Youth leader", "huntingdonshire",
     "Huntingdon", "PE29 3BH", 20, (13, 18), "both", 28, "evening", [S.UNDER_REVIEW]),
    ("St Neots Scouts Explorer Unit", "uniformed", "Helen Brooks", "Explorer leader", "huntingdonshire",
     "Scout Hut, Priory Park, St Neots", "PE19 2BH", 10, (14, 17), "stop_search", 45, "evening", ["withdraw"]),
    ("Cambourne Youth Partnership", "youth_club", "Chris Webb", "Senior youth worker", "south_cambridgeshire",
     "The Hub, High Street, Cambourne", "CB23 6GW", 22, (13, 16), "both", 33, "afternoon",
     [S.UNDER_REVIEW, S.OFFERED, S.SCHEDULED, S.DELIVERED]),
    ("Sawston Village College", "school", "Nadia Hussain", "PSHE lead", "south_cambridgeshire",
     "New Road, Sawston", "CB22 3BP", 26, (15, 16), "use_of_force", 60, "morning", []),
    ("Peterborough Youth Council", "other", "Jordan Okafor", "Participation officer", "peterborough",
     "Town Hall, Bridge Street, Peterborough", "PE1 1HF", 15, (14, 18), "both", 21, "evening",
     [S.UNDER_REVIEW, S.OFFERED]),
    ("Gladstone Park Community Group", "youth_club", "Sofia Pereira", "Volunteer lead", "peterborough",
     "Gladstone Park Community Centre, Peterborough", "PE1 2DL", 25, (13, 17), "stop_search", 38, "evening",
     [S.CANCELLED]),
)  # fmt: skip

REASONS = {
    S.DECLINED: "Your preferred dates fall in the exam period, when we cannot bring young people together. "
    "Please ask again for a date after June.",
    S.CANCELLED: "We had booked the same evening twice by mistake. We are sorry and will contact you to rebook.",
}


def seed_requests() -> None:
    """Create the demo requests through the service, so each has its reference, history and audit."""
    coordinator = db.session.scalar(sa.select(User).where(User.role == "coordinator").order_by(User.id))
    for days_ago, row in enumerate(DEMO_REQUESTS):
        org, kind, contact, role, district, venue, postcode, size, ages, topics, ahead, part, path = row
        first = today_london() + timedelta(days=ahead)
        submitted = submit(
            NewRequest(
                organisation=org,
                group_type=kind,
                contact_name=contact,
                contact_role=role,
                email=f"{contact.split()[0].lower()}.{contact.split()[-1].lower()}@example.org",
                phone=f"0{1223 + days_ago}{400100 + days_ago * 17}"[:11],
                district=district,
                venue_address=venue,
                postcode=postcode,
                group_size=size,
                age_min=ages[0],
                age_max=ages[1],
                preferred_dates=(PreferredDate(first, part), PreferredDate(first + timedelta(days=7), part)),
                topics=topics,
                access_needs="One young person uses a wheelchair." if days_ago % 4 == 1 else "",
            )
        )
        request = submitted.request
        request.created_at = utcnow() - timedelta(days=days_ago * 3 + 1)
        for step in path:
            if step == "withdraw":
                reason = "Our summer camp moved to the same week."
                transition(request, S.WITHDRAWN, actor_label=GROUP, reason=reason)
            else:
                transition(request, step, actor=coordinator, reason=REASONS.get(step, ""))
        if S.UNDER_REVIEW in path and days_ago % 3 == 0:
            add_event(request, note="Phoned the leader to check the room has a screen.", actor=coordinator)
        for n, event in enumerate(request.events):  # spread the history out from the day it was sent
            event.at = request.created_at + timedelta(hours=26 * n)
        request.updated_at = request.events[-1].at
    db.session.flush()
