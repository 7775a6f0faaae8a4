"""Booking requests: new requests, the status table, the private link, retention.

Other features call `transition`, `add_event` and `find_by_token`; the booking views call the rest.
"""

from roadshow.services.bookings.details import ContactDetails, can_correct, correct
from roadshow.services.bookings.intake import (
    GROUP_TYPES,
    LABELS,
    PARTS_OF_DAY,
    SORTS,
    TOPICS,
    NewRequest,
    PreferredDate,
    Submitted,
    count_new,
    next_reference,
    search,
    send_submission_emails,
    submit,
)
from roadshow.services.bookings.links import (
    GROUP,
    find_by_token,
    hash_token,
    link_of,
    manage_url,
    new_manage_link,
    resend_from_replaced,
    resend_link,
    was_replaced,
)
from roadshow.services.bookings.retention import purge_contact_details
from roadshow.services.bookings.status import (
    GROUP_WORDS,
    NEEDS_REASON,
    TRANSITIONS,
    add_event,
    allowed_next,
    check,
    office_notice,
    transition,
    update_notice,
)

__all__ = [
    "GROUP",
    "GROUP_TYPES",
    "GROUP_WORDS",
    "LABELS",
    "NEEDS_REASON",
    "PARTS_OF_DAY",
    "SORTS",
    "TOPICS",
    "TRANSITIONS",
    "ContactDetails",
    "NewRequest",
    "PreferredDate",
    "Submitted",
    "add_event",
    "allowed_next",
    "can_correct",
    "check",
    "correct",
    "count_new",
    "find_by_token",
    "hash_token",
    "link_of",
    "manage_url",
    "new_manage_link",
    "next_reference",
    "office_notice",
    "purge_contact_details",
    "resend_from_replaced",
    "resend_link",
    "search",
    "send_submission_emails",
    "submit",
    "transition",
    "update_notice",
    "was_replaced",
]
