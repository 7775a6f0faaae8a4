"""Booking requests: new requests, the status table, the private link, retention.

Other features call `transition`, `add_event` and `find_by_token`; the booking views call the rest.
"""

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
    manage_url,
    new_manage_link,
    public_url,
    resend_link,
)
from roadshow.services.bookings.retention import months_before, purge_contact_details
from roadshow.services.bookings.status import (
    GROUP_WORDS,
    NEEDS_REASON,
    TRANSITIONS,
    add_event,
    allowed_next,
    cancel_by_group,
    transition,
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
    "NewRequest",
    "PreferredDate",
    "Submitted",
    "add_event",
    "allowed_next",
    "cancel_by_group",
    "count_new",
    "find_by_token",
    "hash_token",
    "manage_url",
    "months_before",
    "new_manage_link",
    "next_reference",
    "public_url",
    "purge_contact_details",
    "resend_link",
    "search",
    "send_submission_emails",
    "submit",
    "transition",
]
