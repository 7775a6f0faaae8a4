"""The group corrects its contact and venue details from its private link, until a session is booked."""

from __future__ import annotations

from dataclasses import dataclass, fields

from roadshow.models.booking import BookingRequest, BookingStatus
from roadshow.services import DomainError, audit, mail
from roadshow.services.bookings.links import GROUP
from roadshow.services.bookings.status import add_event, office_notice

S = BookingStatus
EDITABLE = (S.REQUESTED, S.UNDER_REVIEW, S.OFFERED)
NAMES = {
    "contact_name": "contact name",
    "contact_role": "role",
    "email": "email address",
    "phone": "phone number",
    "venue_address": "venue address",
    "postcode": "postcode",
}


@dataclass(frozen=True)
class ContactDetails:
    """What the group may correct, already validated and formatted."""

    contact_name: str
    contact_role: str
    email: str
    phone: str
    venue_address: str
    postcode: str


def can_correct(request: BookingRequest) -> bool:
    return request.status in EDITABLE and not request.contact_purged_at


def correct(request: BookingRequest, details: ContactDetails) -> list[mail.Notice]:
    """Store the corrections, note them in the history, and return the coordinators' notice."""
    if not can_correct(request):
        raise DomainError("Your session is booked, so please reply to our email to change these details.")
    changed = []
    for f in fields(details):
        value = getattr(details, f.name).strip()
        value = value.lower() if f.name == "email" else value
        if value and value != getattr(request, f.name):
            setattr(request, f.name, value)
            changed.append(NAMES[f.name])
    if not changed:
        return []
    add_event(request, note=f"The group corrected its {', '.join(changed)}.", actor_label=GROUP)
    audit.record("booking.details_corrected", request, actor_label=GROUP, detail=",".join(sorted(changed)))
    subject = f"Details corrected by the group: {request.reference}"
    return [office_notice(request, subject, "booking_details_changed", changed=changed)]
