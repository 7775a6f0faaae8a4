"""The one table of legal status changes, and what each change records and who it tells."""

from __future__ import annotations

from roadshow.extensions import db
from roadshow.models import User
from roadshow.models.booking import BookingEvent, BookingRequest, BookingStatus
from roadshow.services import DomainError, audit, mail
from roadshow.services.bookings.links import GROUP, public_url
from roadshow.timeutil import utcnow

S = BookingStatus

# The whole state machine: from each status, the statuses it may move to.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.REQUESTED: frozenset({S.UNDER_REVIEW, S.DECLINED, S.WITHDRAWN, S.CANCELLED}),
    S.UNDER_REVIEW: frozenset({S.OFFERED, S.DECLINED, S.WITHDRAWN, S.CANCELLED}),
    # An offer the group turns down (or that staff take back) returns the request to review.
    S.OFFERED: frozenset({S.SCHEDULED, S.UNDER_REVIEW, S.DECLINED, S.WITHDRAWN, S.CANCELLED}),
    # A booked visit can be moved by offering a new date, delivered, or called off.
    S.SCHEDULED: frozenset({S.DELIVERED, S.OFFERED, S.CANCELLED}),
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


def _check_allowed(request: BookingRequest, to_status: str, reason: str) -> None:
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
    notify_group: bool = True,
) -> BookingEvent:
    """Move a request to `to_status` if the table allows it; record, audit and tell the group.

    `reason` is shown to the group (required to decline or cancel); `note` is for staff only.
    Pass notify_group=False when the caller sends its own emails (for example with an invitation):
    then nobody is emailed from here.
    """
    from_status = request.status
    reason = reason.strip()
    _check_allowed(request, to_status, reason)
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
    if notify_group:
        _email_group(request, f"Your roadshow request {request.reference}: {S.LABELS[to_status].lower()}", event)
    if notify_group and label == GROUP:
        _email_office(request, event)
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
    if visible_to_group and (notify_group is None or notify_group):
        _email_group(request, f"A message about your roadshow request {request.reference}", event)
    return event


def cancel_by_group(request: BookingRequest, reason: str) -> BookingEvent:
    """The group calls it off: a booked visit is cancelled, anything earlier is withdrawn."""
    to_status = S.CANCELLED if request.status == S.SCHEDULED else S.WITHDRAWN
    if not reason.strip():
        raise DomainError("Tell us why you are cancelling.")
    return transition(request, to_status, actor_label=GROUP, reason=reason)


def _email_group(request: BookingRequest, subject: str, event: BookingEvent) -> None:
    if not request.email:  # contact details already removed by retention
        return
    mail.send_template(
        request.email,
        subject,
        "booking_update",
        request=request,
        event=event,
        words=GROUP_WORDS,
        find_link_url=public_url("/roadshow/manage-link"),
    )


def _email_office(request: BookingRequest, event: BookingEvent) -> None:
    coordinators = mail.coordinator_addresses()
    if coordinators:
        mail.send_template(
            coordinators,
            f"Roadshow request {request.reference} {S.LABELS[request.status].lower()} by the group",
            "booking_group_changed",
            request=request,
            event=event,
            staff_url=public_url(f"/staff/requests/{request.id}"),
        )
