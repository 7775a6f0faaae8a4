"""Demo applications for `flask seed-demo`: one or more in every status, moved on by the demo coordinator."""

from __future__ import annotations

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import User
from roadshow.models.volunteer import VolunteerApplication, VolunteerGroup, VolunteerStatus, VolunteerStatusChange
from roadshow.services.volunteers.intake import number
from roadshow.services.volunteers.status import change_status
from roadshow.timeutil import utcnow

S = VolunteerStatus

DEMO_APPLICANTS = (
    # first name, group, age, district, status, guardian
    ("Amara", VolunteerGroup.YOUTH, 15, "peterborough", S.NEW, "Grace Okafor"),
    ("Josh", VolunteerGroup.YOUTH, 17, "cambridge", S.CONTACTED, ""),
    ("Priya", VolunteerGroup.YOUTH, 16, "fenland", S.INVITED, ""),
    ("Tom", VolunteerGroup.PANEL, 42, "huntingdonshire", S.JOINED, ""),
    ("Helen", VolunteerGroup.PANEL, 63, "south_cambridgeshire", S.NEW, ""),
    ("Kacper", VolunteerGroup.PANEL, 29, "east_cambridgeshire", S.NOT_PROCEEDING, ""),
)
DEMO_PATHS = {
    S.CONTACTED: (S.CONTACTED,),
    S.INVITED: (S.CONTACTED, S.INVITED),
    S.JOINED: (S.CONTACTED, S.INVITED, S.JOINED),
    S.NOT_PROCEEDING: (S.CONTACTED, S.NOT_PROCEEDING),
}


def seed_demo() -> None:
    """A handful of applications in every status, moved on by the demo coordinator (no emails sent)."""
    coordinator = db.session.scalar(sa.select(User).where(User.role == "coordinator").order_by(User.id))
    for n, (name, group, age, district, status, guardian) in enumerate(DEMO_APPLICANTS, start=1):
        application = VolunteerApplication(
            reference=f"GI-DEMO-{n:02d}",
            group=group,
            first_name=name,
            email=f"{name.lower()}@example.com",
            contact_by="email",
            age=age,
            district=district,
            why_join="I want police and young people to trust each other more."
            if group == VolunteerGroup.YOUTH
            else "I would like to help the community hold the police to account.",
            guardian_name=guardian,
            guardian_phone="07700900123" if guardian else "",
            guardian_agreed=bool(guardian),
            consented_at=utcnow(),
            history=[VolunteerStatusChange(to_status=S.NEW)],
        )
        db.session.add(application)
        db.session.flush()
        number(application)
        for step in DEMO_PATHS.get(status, ()) if coordinator else ():
            change_status(application, step, actor=coordinator, reason="no_reply" if step == S.NOT_PROCEEDING else "")
