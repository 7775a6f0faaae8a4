"""Booking requests: creating them, the one table of legal status changes, the private link, retention.

Other features call `transition`, `add_event` and `find_by_token`; the views call the rest.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask import current_app

from roadshow.constants import DISTRICT_NAMES
from roadshow.extensions import db
from roadshow.models import RoadshowSession, User
from roadshow.models.booking import (
    BookingEvent,
    BookingPreferredDate,
    BookingRequest,
    BookingStatus,
    ReferenceCounter,
)
from roadshow.services import DomainError, audit, mail
from roadshow.timeutil import to_london, utcnow

S = BookingStatus
GROUP = "group contact"  # actor_label when the group acts through its private link

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

GROUP_TYPES = (
    ("youth_club", "Youth club"),
    ("school", "School or college"),
    ("faith", "Faith group"),
    ("sports", "Sports club"),
    ("uniformed", "Uniformed group (for example Scouts, Cadets)"),
    ("other", "Another kind of group"),
)
PARTS_OF_DAY = (("morning", "Morning"), ("afternoon", "Afternoon"), ("evening", "Evening"))
TOPICS = (
    ("stop_search", "Stop and search"),
    ("use_of_force", "Use of force"),
    ("both", "Both stop and search and use of force"),
)
LABELS = {**dict(GROUP_TYPES), **dict(PARTS_OF_DAY), **dict(TOPICS)}


@dataclass(frozen=True)
class PreferredDate:
    day: date
    part_of_day: str


@dataclass(frozen=True)
class NewRequest:
    """Everything a group tells us on the booking form, already validated."""

    organisation: str
    group_type: str
    contact_name: str
    contact_role: str
    email: str
    phone: str
    district: str
    venue_address: str
    postcode: str
    group_size: int
    age_min: int
    age_max: int
    preferred_dates: tuple[PreferredDate, ...]
    topics: str
    access_needs: str = ""
    responsible_adult: bool = True
    consent_to_contact: bool = True


@dataclass(frozen=True)
class Submitted:
    """A new request and its manage token, which exists nowhere else once this is gone."""

    request: BookingRequest
    token: str


# The private link ---------------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def find_by_token(token: str) -> BookingRequest | None:
    """The request whose manage token this is; None for anything else (wrong, old or malformed)."""
    if not token or len(token) > 100:
        return None
    return db.session.scalar(sa.select(BookingRequest).where(BookingRequest.token_hash == hash_token(token)))


def public_url(path: str) -> str:
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path


def manage_url(token: str) -> str:
    return public_url(f"/roadshow/booking/{token}")


def new_manage_link(request: BookingRequest) -> str:
    """Replace the request's token and return the new link; the old link stops working."""
    token, digest = _new_token()
    request.token_hash = digest
    return manage_url(token)


# Creating a request -------------------------------------------------------------------------------


def _insert_ignore(table: sa.Table, **values: object) -> sa.Executable:
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table).values(**values).on_conflict_do_nothing(index_elements=list(table.primary_key.columns))


def next_reference(year: int) -> str:
    """The next RS-<year>-NNNN. The counter row stays locked until the caller's transaction ends,
    so concurrent submissions queue here and numbers are neither repeated nor skipped."""
    table = ReferenceCounter.__table__
    # On SQLite this first write takes the database write lock; on PostgreSQL FOR UPDATE locks the row.
    db.session.execute(_insert_ignore(table, year=year, last_number=0))
    last = db.session.execute(sa.select(table.c.last_number).where(table.c.year == year).with_for_update()).scalar_one()
    db.session.execute(sa.update(table).where(table.c.year == year).values(last_number=last + 1))
    return f"RS-{year}-{last + 1:04d}"


def submit(data: NewRequest) -> Submitted:
    """Store a new request with its reference and a fresh token. Emails go out after commit."""
    reference = next_reference(to_london(utcnow()).year)
    token, digest = _new_token()
    request = BookingRequest(
        reference=reference,
        token_hash=digest,
        status=S.REQUESTED,
        organisation=data.organisation.strip(),
        group_type=data.group_type,
        contact_name=data.contact_name.strip(),
        contact_role=data.contact_role.strip(),
        email=data.email.strip().lower(),
        phone=data.phone,
        district=data.district,
        venue_address=data.venue_address.strip(),
        postcode=data.postcode,
        group_size=data.group_size,
        age_min=data.age_min,
        age_max=data.age_max,
        topics=data.topics,
        access_needs=data.access_needs.strip(),
        responsible_adult=data.responsible_adult,
        consent_to_contact=data.consent_to_contact,
        preferred_dates=[
            BookingPreferredDate(position=n, day=p.day, part_of_day=p.part_of_day)
            for n, p in enumerate(data.preferred_dates[:3], start=1)
        ],
    )
    request.events.append(BookingEvent(kind="created", to_status=S.REQUESTED, actor_label=GROUP))
    db.session.add(request)
    db.session.flush()
    audit.record("booking.create", request, actor_label=GROUP, detail=reference)
    return Submitted(request, token)


def send_submission_emails(submitted: Submitted) -> None:
    """The group's confirmation with its private link, and the office's notice."""
    request = submitted.request
    mail.send_template(
        request.email,
        f"We have your roadshow request {request.reference}",
        "booking_received",
        request=request,
        manage_url=manage_url(submitted.token),
        words=GROUP_WORDS,
        labels=LABELS,
    )
    coordinators = mail.coordinator_addresses()
    if coordinators:
        mail.send_template(
            coordinators,
            f"New roadshow request {request.reference} ({DISTRICT_NAMES.get(request.district, '')})",
            "booking_notice",
            request=request,
            staff_url=public_url(f"/staff/requests/{request.id}"),
            labels=LABELS,
        )


# The state machine --------------------------------------------------------------------------------


def allowed_next(request: BookingRequest) -> frozenset[str]:
    return TRANSITIONS.get(request.status, frozenset())


def _label(status: str) -> str:
    return S.LABELS.get(status, status).lower()


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
    Pass notify_group=False when the caller sends its own email (for example with an invitation).
    """
    from_status = request.status
    if to_status not in TRANSITIONS:
        raise DomainError(f"There is no status called {to_status!r}.")
    if to_status not in allowed_next(request):
        raise DomainError(f"This request is {_label(from_status)}, so it cannot be changed to {_label(to_status)}.")
    reason = reason.strip()
    if to_status in NEEDS_REASON and not reason:
        raise DomainError("Give a reason. The group will see it.")
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    label = actor_label or ("" if actor else "system")
    request.status = to_status
    request.updated_at = utcnow()
    if to_status == S.DECLINED:
        request.decline_reason = reason
    elif to_status in (S.CANCELLED, S.WITHDRAWN):
        request.cancel_reason = reason
        request.cancelled_by = "the group" if label == GROUP else "the Roadshow team"
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
    if label == GROUP:
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


def resend_link(reference: str, email: str) -> bool:
    """Email a fresh link to the stored contact if both match. The caller says the same thing either way."""
    request = db.session.scalar(sa.select(BookingRequest).where(BookingRequest.reference == reference.strip().upper()))
    if request is None or not request.email or request.email != email.strip().lower():
        return False
    url = new_manage_link(request)
    audit.record("booking.link_resent", request, actor_label=GROUP)
    mail.send_template(
        request.email,
        f"Your link for roadshow request {request.reference}",
        "booking_link",
        request=request,
        manage_url=url,
    )
    return True


# Staff lists --------------------------------------------------------------------------------------

SORTS = (("newest", "Newest first"), ("oldest", "Oldest first"), ("preferred", "Earliest preferred date"))


def search(*, status: str = "", district: str = "", text: str = "", sort: str = "newest") -> sa.Select:
    """The staff queue as a query, filtered and sorted; the view paginates it."""
    query = sa.select(BookingRequest)
    if status:
        query = query.where(BookingRequest.status == status)
    if district:
        query = query.where(BookingRequest.district == district)
    if text := text.strip().lower():
        query = query.where(
            sa.or_(
                sa.func.lower(BookingRequest.organisation).contains(text, autoescape=True),
                sa.func.lower(BookingRequest.reference).contains(text, autoescape=True),
            )
        )
    if sort == "oldest":
        return query.order_by(BookingRequest.created_at, BookingRequest.id)
    if sort == "preferred":
        first_day = (
            sa.select(sa.func.min(BookingPreferredDate.day))
            .where(BookingPreferredDate.request_id == BookingRequest.id)
            .scalar_subquery()
        )
        return query.order_by(first_day, BookingRequest.id)
    return query.order_by(BookingRequest.created_at.desc(), BookingRequest.id.desc())


def count_new() -> int:
    """Requests nobody has started to look at."""
    return (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(BookingRequest).where(BookingRequest.status == S.REQUESTED)
        )
        or 0
    )


# Retention ----------------------------------------------------------------------------------------


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` earlier (the last day of a shorter month when needed)."""
    import calendar

    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def purge_contact_details() -> int:
    """Blank the contact's name, email and phone once the request is long over; the rest stays for counts."""
    cutoff = months_before(utcnow(), current_app.config.get("BOOKING_RETENTION_MONTHS", 12))
    last_session_end = (
        sa.select(sa.func.max(RoadshowSession.ends_at))
        .where(RoadshowSession.request_id == BookingRequest.id)
        .scalar_subquery()
    )
    has_session = sa.exists().where(RoadshowSession.request_id == BookingRequest.id)
    due = db.session.scalars(
        sa.select(BookingRequest).where(
            BookingRequest.contact_purged_at.is_(None),
            sa.or_(
                sa.and_(has_session, last_session_end < cutoff),
                sa.and_(
                    ~has_session,
                    BookingRequest.status.in_((S.DECLINED, S.CANCELLED, S.WITHDRAWN)),
                    BookingRequest.updated_at < cutoff,
                ),
            ),
        )
    ).all()
    now = utcnow()
    for request in due:
        request.contact_name = request.email = request.phone = ""
        request.contact_purged_at = now
    if due:
        audit.record("booking.purge", object_type="BookingRequest", detail=f"{len(due)} contacts removed")
    return len(due)
