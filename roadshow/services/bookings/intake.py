"""New requests: the form's data, the per-year reference, and the staff queue's query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from roadshow.constants import DISTRICT_NAMES, YOUTH_AGES, YOUTH_AGES_TEXT
from roadshow.extensions import db
from roadshow.links import absolute_url
from roadshow.models.booking import (
    BookingEvent,
    BookingPreferredDate,
    BookingRequest,
    BookingStatus,
    ReferenceCounter,
)
from roadshow.services import DomainError, audit, mail
from roadshow.services.bookings.links import GROUP, manage_url, new_token
from roadshow.services.confirmations import may_confirm
from roadshow.timeutil import to_london, today_london, utcnow

S = BookingStatus

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
# The rules of a request, checked here whoever calls `submit` (the form checks them first to say
# which box is wrong).
MIN_NOTICE_DAYS = 14  # time to arrange facilitators and a venue
MIN_GROUP, MAX_GROUP = 5, 60
MAX_DATES = 3


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


def problem_with(data: NewRequest) -> str | None:
    """Why this request breaks a booking rule, in words fit to show; None when it keeps them all."""
    if not MIN_GROUP <= data.group_size <= MAX_GROUP:
        return f"A group must be between {MIN_GROUP} and {MAX_GROUP} young people."
    if not (data.age_min in YOUTH_AGES and data.age_max in YOUTH_AGES and data.age_min <= data.age_max):
        return f"Sessions are for ages {YOUTH_AGES_TEXT}, the youngest no older than the oldest."
    if (
        data.district not in DISTRICT_NAMES
        or data.group_type not in dict(GROUP_TYPES)
        or data.topics not in dict(TOPICS)
    ):
        return "Choose a district, a kind of group and a topic from the lists."
    return _problem_with_dates(data.preferred_dates)


def _problem_with_dates(dates: tuple[PreferredDate, ...]) -> str | None:
    earliest = today_london() + timedelta(days=MIN_NOTICE_DAYS)
    if not 1 <= len(dates) <= MAX_DATES:
        return f"Give between one and {MAX_DATES} preferred dates."
    if len(set(dates)) < len(dates):
        return "Each preferred date and time of day must be different."
    for preferred in dates:
        if preferred.day < earliest:
            return f"Choose dates at least {MIN_NOTICE_DAYS} days from today."
        if preferred.part_of_day not in dict(PARTS_OF_DAY):
            return "Choose morning, afternoon or evening for each date."
    return None


def submit(data: NewRequest) -> Submitted:
    """Store a new request with its reference and a fresh token. Emails go out after commit."""
    problem = problem_with(data)
    if problem:
        raise DomainError(problem)
    reference = next_reference(to_london(utcnow()).year)
    token, digest, salt = new_token()
    request = BookingRequest(
        reference=reference,
        token_hash=digest,
        link_salt=salt,
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


def submission_notices(submitted: Submitted) -> list[mail.Notice]:
    """The group's confirmation with its private link, and the office's notice (sent after commit)."""
    request = submitted.request
    notices = []
    if may_confirm(BookingRequest, request.email):
        # Reference, date and link only: nothing typed into the form goes to the address typed.
        notices.append(
            mail.Notice(
                request.email,
                f"We have your roadshow request {request.reference}",
                "booking_received",
                {"request": request, "manage_url": manage_url(submitted.token)},
            )
        )
    coordinators = tuple(mail.coordinator_addresses())
    if coordinators:
        notices.append(
            mail.Notice(
                coordinators,
                f"New roadshow request {request.reference} ({DISTRICT_NAMES.get(request.district, '')})",
                "booking_notice",
                {
                    "request": request,
                    "staff_url": absolute_url("bookings.request_detail", request_id=request.id),
                    "labels": LABELS,
                },
            )
        )
    return notices


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
