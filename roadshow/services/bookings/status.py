"""The request's table of legal status changes, what each change records, and the emails' wording."""

from __future__ import annotations

from roadshow.extensions import db
from roadshow.links import absolute_url
from roadshow.models import User
from roadshow.models.booking import BookingEvent, BookingRequest, BookingStatus
from roadshow.services import DomainError, audit, mail
from roadshow.services.bookings.links import GROUP, link_of
from roadshow.timeutil import utcnow

S = BookingStatus

# The whole state machine: from each status, the statuses it may move to.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.REQUESTED: frozenset({S.UNDER_REVIEW, S.DECLINED, S.WITHDRAWN, S.CANCELLED}),
    # Scheduled straight from review when the group agreed a date by phone.
    S.UNDER_REVIEW: frozenset({S.OFFERED, S.SCHEDULED, S.DECLINED, S.WITHDRAWN, S.CANCELLED}),
    # An offer the group turns down (or that staff take back) returns the request to review.
    S.OFFERED: frozenset({S.SCHEDULED, S.UNDER_REVIEW, S.DECLINED, S.WITHDRAWN, S.CANCELLED}),
    # A booked visit is moved by rescheduling its session (its status stays), delivered, or called off.
    S.SCHEDULED: frozenset({S.DELIVERED, S.CANCELLED}),
    S.DELIVERED: frozenset(),
    S.DECLINED: frozenset(),
    S.CANCELLED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
NEEDS_REASON = frozenset({S.DECLINED, S.CANCELLED})

# What the group reads about each status, in plain words.
GROUP_WORDS: dict[str, str] = {
    S.REQUESTED: "We have your request. A member of our team will look at it soon.",
    S.UNDER_REVIEW: "We are looking at your request and checking dates and who can run the session.",
    S.OFFERED: "We have offered you a date. Please check it and tell us if it works for you.",
    S.SCHEDULED: "Your session is booked.",
    S.DELIVERED: "Your session has taken place. Thank you for having us.",
    S.DECLINED: "We are sorry, we cannot offer a session for this request.",
    S.CANCELLED: "This session has been cancelled.",
    S.WITHDRAWN: "This request was withdrawn, so we will not arrange a session.",
}


def allowed_next(request: BookingRequest) -> frozenset[str]:
    return TRANSITIONS.get(request.status, frozenset())


def _label(status: str) -> str:
    return S.LABELS.get(status, status).lower()


def check(request: BookingRequest, to_status: str, reason: str) -> None:
    """Raise DomainError unless the table allows the move and any required reason is given."""
    if to_status not in TRANSITIONS:
        raise DomainError(f"There is no status called {to_status!r}.")
    if to_status not in allowed_next(request):
        raise DomainError(f"This request is {_label(request.status)}, so it cannot be changed to {_label(to_status)}.")
    if to_status in NEEDS_REASON and not reason:
        raise DomainError("Give a reason. The group will see it.")


def _set_status(request: BookingRequest, to_status: str, reason: str, *, by_group: bool) -> None:
    request.status = to_status
    request.updated_at = utcnow()
    if to_status == S.DECLINED:
        request.decline_reason = reason
    elif to_status in (S.CANCELLED, S.WITHDRAWN):
        request.cancel_reason = reason
        request.cancelled_by = "the group" if by_group else "the Roadshow team"


def transition(
    request: BookingRequest,
    to_status: str,
    *,
    actor: User | None = None,
    actor_label: str = "",
    note: str = "",
    reason: str = "",
) -> BookingEvent:
    """Move a request to `to_status` if the table allows it; record and audit. Emails are the caller's:
    `services.scheduling.visits` builds them for every change the group or the office must hear about.

    `reason` is shown to the group (required to decline or cancel); `note` is for staff only.
    """
    from_status = request.status
    reason = reason.strip()
    check(request, to_status, reason)
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    label = actor_label or ("" if actor else "system")
    _set_status(request, to_status, reason, by_group=label == GROUP)
    event = BookingEvent(
        kind="status",
        from_status=from_status,
        to_status=to_status,
        actor_id=actor.id if actor else None,
        actor_label=label,
        note=note.strip(),
        reason=reason,
        visible_to_group=True,
    )
    request.events.append(event)
    db.session.flush()
    audit.record("booking.status", request, actor=actor, actor_label=label, detail=f"{from_status}->{to_status}")
    return event


def add_event(
    request: BookingRequest,
    *,
    note: str,
    visible_to_group: bool = False,
    actor: User | None = None,
    actor_label: str = "",
    notify_group: bool | None = None,
) -> BookingEvent:
    """Add a note to the history. A note the group can see is emailed to them unless notify_group=False."""
    note = note.strip()
    if not note:
        raise DomainError("Write the note first.")
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    label = actor_label or ("" if actor else "system")
    event = BookingEvent(
        kind="note",
        actor_id=actor.id if actor else None,
        actor_label=label,
        note=note,
        visible_to_group=visible_to_group,
    )
    request.events.append(event)
    request.updated_at = utcnow()
    db.session.flush()
    audit.record(
        "booking.note", request, actor=actor, actor_label=label, detail="shared" if visible_to_group else "internal"
    )
    if visible_to_group and request.email and (notify_group is None or notify_group):
        mail.queue([update_notice(request, f"A message about your roadshow request {request.reference}", event)])
    return event


def update_notice(request: BookingRequest, subject: str, event: BookingEvent) -> mail.Notice:
    """The group's email about a status change or a shared note, with its private link."""
    return mail.Notice(
        request.email,
        subject,
        "booking_update",
        {
            "request": request,
            "event": event,
            "words": GROUP_WORDS,
            "manage_url": link_of(request),
            "find_link_url": absolute_url("bookings.resend_link"),
        },
    )


def office_notice(request: BookingRequest, subject: str, template: str, **context: object) -> mail.Notice:
    """An email to the coordinators about a request, with the staff page's address."""
    return mail.Notice(
        tuple(mail.coordinator_addresses()),
        subject,
        template,
        {"request": request, "staff_url": absolute_url("bookings.request_detail", request_id=request.id), **context},
    )
