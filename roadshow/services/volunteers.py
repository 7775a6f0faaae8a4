"""Volunteering: who may apply, receiving an application, moving it on, and forgetting it.

Audit entries carry ids, groups and statuses only: never a name, contact detail or note.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from roadshow.constants import DISTRICT_NAMES, YOUTH_AGES_TEXT, YOUTH_MAX_AGE, YOUTH_MIN_AGE
from roadshow.extensions import db
from roadshow.links import absolute_url
from roadshow.models import User
from roadshow.models.volunteer import (
    VolunteerApplication,
    VolunteerCount,
    VolunteerGroup,
    VolunteerNote,
    VolunteerStatus,
    VolunteerStatusChange,
)
from roadshow.services import DomainError, audit, mail
from roadshow.timeutil import months_before, to_london, utcnow

GUARDIAN_NEEDED_UNDER = 16  # a parent or carer must agree for anyone younger
OLDEST_AGE = 120

S = VolunteerStatus
# Which statuses an application may move to from each status. Anything else is refused.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.NEW: (S.CONTACTED, S.INVITED, S.NOT_PROCEEDING),
    S.CONTACTED: (S.INVITED, S.NOT_PROCEEDING),
    S.INVITED: (S.JOINED, S.CONTACTED, S.NOT_PROCEEDING),
    S.JOINED: (S.NOT_PROCEEDING,),
    S.NOT_PROCEEDING: (S.CONTACTED,),
}
NOT_PROCEEDING_REASONS: tuple[tuple[str, str], ...] = (
    ("no_reply", "Did not reply"),
    ("withdrew", "Changed their mind"),
    ("not_eligible", "Not eligible"),
    ("no_guardian_agreement", "Parent or carer did not agree"),
    ("no_places", "No places at the moment"),
    ("other", "Another reason (see notes)"),
)
REASON_LABELS = dict(NOT_PROCEEDING_REASONS)
# Applications in these statuses are deleted once untouched for the retention period.
PURGEABLE = (S.NEW, S.CONTACTED, S.NOT_PROCEEDING)
CONTACT_METHODS = ("email", "phone", "text")


@dataclass(frozen=True)
class ApplicationInput:
    """What the expression-of-interest form collects, already checked for format."""

    group: str
    first_name: str
    age: int
    district: str
    contact_by: str
    email: str = ""
    phone: str = ""
    access_needs: str = ""
    why_join: str = ""
    guardian_name: str = ""
    guardian_email: str = ""
    guardian_phone: str = ""
    guardian_agreed: bool = False
    consent: bool = False


def panel_min_age() -> int:
    return int(current_app.config["PANEL_MIN_AGE"])


def needs_guardian(age: int) -> bool:
    """Under 16s need a parent or carer's name, contact and agreement."""
    return age < GUARDIAN_NEEDED_UNDER


def eligibility_problem(group: str, age: int) -> str | None:
    """Why someone of this age cannot join this group, in plain words; None when they can."""
    if group == VolunteerGroup.YOUTH:
        if age < YOUTH_MIN_AGE:
            return f"The youth team is for ages {YOUTH_AGES_TEXT}. You can apply when you are {YOUTH_MIN_AGE}."
        if age > YOUTH_MAX_AGE:
            return (
                f"The youth team is for ages {YOUTH_AGES_TEXT}. "
                "You can apply to join the Community Scrutiny Panel instead."
            )
    elif group == VolunteerGroup.PANEL and age < panel_min_age():
        return (
            f"You need to be {panel_min_age()} or over to join the panel. "
            f"If you are {YOUTH_AGES_TEXT}, you can join the youth team."
        )
    return None


def guardian_problems(data: ApplicationInput) -> dict[str, str]:
    """Missing parent or carer details for an under-16, keyed by the form field they belong to."""
    if not needs_guardian(data.age):
        return {}
    problems = {}
    if not data.guardian_name.strip():
        problems["guardian_name"] = "Enter your parent or carer's name. We need it because you are under 16."
    if not (data.guardian_email.strip() or data.guardian_phone.strip()):
        problems["guardian_email"] = "Enter an email address or phone number for your parent or carer."
    if not data.guardian_agreed:
        problems["guardian_agreed"] = (
            "Tick the box to show your parent or carer agrees. We need this if you are under 16."
        )
    return problems


def contact_problems(data: ApplicationInput) -> dict[str, str]:
    """A way to reach the person that matches how they asked to be contacted."""
    if not (data.email or data.phone):
        return {"email": "Enter an email address or a phone number so we can get in touch."}
    if data.contact_by == "email" and not data.email:
        return {"email": "Enter your email address, or choose another way for us to contact you."}
    if data.contact_by in ("phone", "text") and not data.phone:
        return {"phone": "Enter your phone number, or choose another way for us to contact you."}
    return {}


def _check(data: ApplicationInput) -> None:
    """The same rules as the form, enforced here too so no other caller can skip them."""
    if data.group not in VolunteerGroup.LABELS or data.district not in DISTRICT_NAMES:
        raise DomainError("Choose a group and a district from the lists.")
    if data.contact_by not in CONTACT_METHODS:
        raise DomainError("Choose how you would like us to contact you.")
    problem = eligibility_problem(data.group, data.age)
    problems = {**contact_problems(data), **guardian_problems(data)}
    if problem or problems:
        raise DomainError(problem or next(iter(problems.values())))
    if not data.consent:
        raise DomainError("Tick the box to say we can contact you.")


def submit(data: ApplicationInput) -> VolunteerApplication:
    """Store an application, then tell the person (and a parent or carer) and the office."""
    _check(data)
    guardian = needs_guardian(data.age)
    application = VolunteerApplication(
        reference=secrets.token_hex(6),  # unique placeholder until the id is known
        group=data.group,
        first_name=data.first_name.strip(),
        email=data.email.strip().lower(),
        phone=data.phone,
        contact_by=data.contact_by,
        age=data.age,
        district=data.district,
        access_needs=data.access_needs.strip(),
        why_join=data.why_join.strip(),
        guardian_name=data.guardian_name.strip() if guardian else "",
        guardian_email=data.guardian_email.strip().lower() if guardian else "",
        guardian_phone=data.guardian_phone if guardian else "",
        guardian_agreed=guardian and data.guardian_agreed,
        consented_at=utcnow(),
    )
    db.session.add(application)
    db.session.flush()
    number(application)
    application.history.append(VolunteerStatusChange(to_status=S.NEW))
    audit.record("volunteer.applied", application, actor_label="applicant", detail=f"group={data.group}")
    _send_emails(application)
    return application


def number(application: VolunteerApplication) -> None:
    """A reference people can read out, e.g. GI-2026-0042, from the year received and the id."""
    application.reference = f"GI-{to_london(application.created_at).year}-{application.id:04d}"


def _applications_today(email: str) -> int:
    """Applications from this address in the last day, this one included (a cap on confirmations)."""
    since = utcnow() - timedelta(days=1)
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(VolunteerApplication)
        .where(VolunteerApplication.email == email, VolunteerApplication.created_at > since)
    )


def _send_emails(application: VolunteerApplication) -> None:
    context = {"application": application, "retention_months": current_app.config["VOLUNTEER_RETENTION_MONTHS"]}
    if (
        application.email
        and _applications_today(application.email) <= current_app.config["CONFIRMATIONS_PER_ADDRESS_PER_DAY"]
    ):
        # Reference, date and link only: nothing typed into the form goes to the address typed.
        mail.send_template(
            application.email,
            f"We have your application ({application.reference})",
            "volunteer_confirmation",
            public_url=absolute_url("volunteers.index"),
            **context,
        )
    if application.guardian_email:
        mail.send_template(
            application.guardian_email, "Your child has offered to volunteer with us", "volunteer_guardian", **context
        )
    coordinators = mail.coordinator_addresses()
    if coordinators:
        link = absolute_url("volunteers.staff_detail", application_id=application.id)
        mail.send_template(
            coordinators, f"New volunteer application {application.reference}", "volunteer_notice", link=link, **context
        )


def allowed_next(application: VolunteerApplication) -> tuple[str, ...]:
    return TRANSITIONS.get(application.status, ())


def change_status(application: VolunteerApplication, to_status: str, *, actor: User, reason: str = "") -> None:
    """Move an application on, if the move is allowed; 'not proceeding' needs a reason."""
    if to_status not in allowed_next(application):
        raise DomainError(
            f"An application that is '{application.status_label}' cannot move to "
            f"'{VolunteerStatus.LABELS.get(to_status, to_status)}'."
        )
    if to_status == S.NOT_PROCEEDING and reason not in REASON_LABELS:
        raise DomainError("Choose why the application is not going ahead.")
    reason = reason if to_status == S.NOT_PROCEEDING else ""
    from_status = application.status
    application.status = to_status
    application.not_proceeding_reason = reason
    application.status_changed_at = utcnow()
    application.history.append(
        VolunteerStatusChange(from_status=from_status, to_status=to_status, reason=reason, actor_id=actor.id)
    )
    detail = f"{from_status}->{to_status}" + (f" reason={reason}" if reason else "")
    audit.record("volunteer.status", application, actor=actor, detail=detail)


def add_note(application: VolunteerApplication, text: str, *, actor: User) -> VolunteerNote:
    text = text.strip()
    if not text:
        raise DomainError("Write a note before saving it.")
    note = VolunteerNote(text=text, author_id=actor.id)
    application.notes.append(note)
    db.session.flush()
    audit.record("volunteer.note", application, actor=actor, detail=f"note={note.id}")
    return note


def erase_on_request(application: VolunteerApplication, *, actor: User) -> str:
    """Delete an application at once because the person asked; only its anonymous count is kept."""
    reference = application.reference
    _add_count(quarter_of(application.created_at), application.group, application.district, "erased", 1)
    audit.record("volunteer.erased", application, actor=actor, detail=f"from={application.status}")
    db.session.delete(application)
    db.session.flush()
    return reference


def get(application_id: int) -> VolunteerApplication | None:
    return db.session.get(VolunteerApplication, application_id)


def search(group: str = "", district: str = "", status: str = "") -> sa.Select:
    """Applications matching the filters, newest first."""
    query = sa.select(VolunteerApplication).order_by(VolunteerApplication.id.desc())
    if group:
        query = query.where(VolunteerApplication.group == group)
    if district:
        query = query.where(VolunteerApplication.district == district)
    if status:
        query = query.where(VolunteerApplication.status == status)
    return query


def record_export(count: int, *, actor: User) -> None:
    audit.record("volunteer.export", actor=actor, object_type="VolunteerApplication", detail=f"rows={count}")


# Retention ---------------------------------------------------------------------------------------


def quarter_of(moment: datetime) -> str:
    local = to_london(moment)
    return f"{local.year}-Q{(local.month - 1) // 3 + 1}"


def purge_stale() -> int:
    """Delete applications that went nowhere, keeping only counts by quarter, group and district."""
    cutoff = months_before(utcnow(), int(current_app.config["VOLUNTEER_RETENTION_MONTHS"]))
    stale = db.session.scalars(
        sa.select(VolunteerApplication).where(
            VolunteerApplication.status.in_(PURGEABLE), VolunteerApplication.status_changed_at < cutoff
        )
    ).all()
    tally = Counter((quarter_of(a.created_at), a.group, a.district, a.status) for a in stale)
    for (quarter, group, district, outcome), number in tally.items():
        _add_count(quarter, group, district, outcome, number)
    for application in stale:
        db.session.delete(application)
    if stale:
        audit.record(
            "volunteer.purged", object_type="VolunteerApplication", actor_label="system", detail=f"rows={len(stale)}"
        )
    db.session.flush()
    return len(stale)


def _add_count(quarter: str, group: str, district: str, outcome: str, number: int) -> None:
    row = db.session.scalar(
        sa.select(VolunteerCount).filter_by(quarter=quarter, group=group, district=district, outcome=outcome)
    )
    if row is None:
        row = VolunteerCount(quarter=quarter, group=group, district=district, outcome=outcome, count=0)
        db.session.add(row)
    row.count += number


@dataclass(frozen=True)
class CountRow:
    group: str
    district: str
    current: int
    deleted: int

    @property
    def total(self) -> int:
        return self.current + self.deleted


def counts_by_group_and_district() -> list[CountRow]:
    """Every application ever received, by group and district: those held plus those purged."""
    a = VolunteerApplication
    current = db.session.execute(sa.select(a.group, a.district, sa.func.count()).group_by(a.group, a.district))
    c = VolunteerCount
    deleted = db.session.execute(sa.select(c.group, c.district, sa.func.sum(c.count)).group_by(c.group, c.district))
    held = {(g, d): n for g, d, n in current}
    gone = {(g, d): int(n or 0) for g, d, n in deleted}
    keys = sorted(set(held) | set(gone))
    return [CountRow(g, d, held.get((g, d), 0), gone.get((g, d), 0)) for g, d in keys]
