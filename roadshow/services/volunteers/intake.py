"""Volunteering: who may apply, receiving an application, moving it on, and forgetting it.

Audit entries carry ids, groups and statuses only: never a name, contact detail or note.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import current_app

from roadshow.constants import DISTRICT_NAMES, YOUTH_AGES_TEXT, YOUTH_MAX_AGE, YOUTH_MIN_AGE
from roadshow.extensions import db
from roadshow.links import absolute_url
from roadshow.models.volunteer import (
    VolunteerApplication,
    VolunteerGroup,
    VolunteerStatus,
    VolunteerStatusChange,
)
from roadshow.services import DomainError, audit, mail
from roadshow.services.confirmations import may_confirm
from roadshow.timeutil import to_london, utcnow

GUARDIAN_NEEDED_UNDER = 16  # a parent or carer must agree for anyone younger
OLDEST_AGE = 120

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
    application.history.append(VolunteerStatusChange(to_status=VolunteerStatus.NEW))
    audit.record("volunteer.applied", application, actor_label="applicant", detail=f"group={data.group}")
    _send_emails(application)
    return application


def number(application: VolunteerApplication) -> None:
    """A reference people can read out, e.g. GI-2026-0042, from the year received and the id."""
    application.reference = f"GI-{to_london(application.created_at).year}-{application.id:04d}"


def _send_emails(application: VolunteerApplication) -> None:
    context = {"application": application, "retention_months": current_app.config["VOLUNTEER_RETENTION_MONTHS"]}
    if application.email and may_confirm(VolunteerApplication, application.email):
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
