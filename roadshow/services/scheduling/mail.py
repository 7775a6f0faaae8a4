"""The emails a session's change asks for, as notices: offers, invites, changes, cancellations, reminders.

Nothing here sends: `services.scheduling.visits` returns these notices, the caller queues them in the same
transaction as the change and they go out after the commit (`services.mail`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from roadshow.models.scheduling import RoadshowSession
from roadshow.services.mail import Notice
from roadshow.services.scheduling import ical

# What the venue must provide, told to the group when the session is booked and in the reminder.
READY_LIST = (
    "a room where the group can sit and talk without being overheard",
    "a screen or wall we can project onto, with a power socket nearby",
    "a responsible adult from your group, present for the whole session",
)


@dataclass(frozen=True)
class GroupContact:
    """The group's contact for a session made from a booking request."""

    email: str
    name: str
    reference: str = ""
    manage_url: str = ""


def first_names(session: RoadshowSession) -> str:
    """The facilitators' first names, as a group is told them: "Sam and Alex"."""
    names = [f.name.split()[0] for f in session.facilitators if f.name.strip()]
    return f"{', '.join(names[:-1])} and {names[-1]}" if len(names) > 1 else "".join(names)


def _facilitator_addresses(session: RoadshowSession) -> list[str]:
    return [f.email for f in session.facilitators if f.active]


def _invite(session: RoadshowSession, method: str, everyone: list[str]) -> tuple[tuple[str, str, bytes], ...]:
    data = ical.invite(session, method, attendees=everyone)
    mime = ical.ICS_MIME_CANCEL if method == ical.CANCEL else ical.ICS_MIME_REQUEST
    return (("cancelled.ics" if method == ical.CANCEL else "invite.ics", mime, data),)


def _each(addresses: Iterable[str], subject: str, template: str, attachments: tuple, **ctx: object) -> list[Notice]:
    """One message per person, so no one sees the others' addresses."""
    return [Notice(a, subject, template, dict(ctx), attachments) for a in addresses]


def _all(session: RoadshowSession, group: GroupContact | None) -> list[str]:
    everyone = _facilitator_addresses(session)
    if group is not None and group.email and group.email not in everyone:
        everyone.insert(0, group.email)
    return everyone


def _to_group(group: GroupContact | None, subject: str, template: str, **ctx: object) -> list[Notice]:
    """A notice for the group alone, its reference after the subject; none for a session no group asked for."""
    if group is None:
        return []
    return [Notice(group.email, f"{subject} {group.reference}".strip(), template, {"group": group, **ctx})]


def offer(session: RoadshowSession, group: GroupContact | None) -> list[Notice]:
    """Tell the group which date we can offer, until when we hold it, and how to accept it."""
    return _to_group(group, "We can offer you a roadshow date", "scheduling_offer", session=session)


def confirmed(session: RoadshowSession, group: GroupContact | None) -> list[Notice]:
    """The session is booked: the group gets its own email, the facilitators theirs, each with the invite."""
    ics = _invite(session, ical.REQUEST, _all(session, group))
    staff = [a for a in _facilitator_addresses(session) if group is None or a != group.email]
    notices = _each(
        staff, f"Roadshow session booked: {session.title}", "scheduling_confirmed", ics, session=session, group=group
    )
    if group is not None and group.email:
        subject = f"Your roadshow session is booked {group.reference}".strip()
        context = {"session": session, "group": group, "facilitators": first_names(session), "ready": READY_LIST}
        notices.insert(0, Notice(group.email, subject, "scheduling_booked", context, ics))
    return notices


def changed(session: RoadshowSession, group: GroupContact | None, reason: str) -> list[Notice]:
    """A new time, place or team: everyone gets the updated invite."""
    ics = _invite(session, ical.REQUEST, _all(session, group))
    subject = f"Roadshow session changed: {session.title}"
    return _each(_all(session, group), subject, "scheduling_changed", ics, session=session, group=group, reason=reason)


def cancelled(session: RoadshowSession, group: GroupContact | None, reason: str, by_group: bool) -> list[Notice]:
    """The session is off: everyone gets a cancellation their calendar understands."""
    ics = _invite(session, ical.CANCEL, _all(session, group))
    return _each(
        _all(session, group),
        f"Roadshow session cancelled: {session.title}",
        "scheduling_cancelled",
        ics,
        session=session,
        group=group,
        reason=reason,
        by_group=by_group,
    )


def offer_withdrawn(
    session: RoadshowSession, group: GroupContact | None, reason: str, lapsed: bool = False
) -> list[Notice]:
    """Tell the group the date we offered is no longer held; their request stays open."""
    subject = "The roadshow date we offered is no longer available"
    return _to_group(group, subject, "scheduling_offer_withdrawn", session=session, reason=reason, lapsed=lapsed)


def offer_reminder(session: RoadshowSession, group: GroupContact | None) -> list[Notice]:
    """A nudge before the offer's deadline."""
    subject = "Reminder: please reply to our roadshow offer"
    return _to_group(group, subject, "scheduling_offer_reminder", session=session)


def session_reminder(session: RoadshowSession, group: GroupContact | None) -> list[Notice]:
    """Three days before: when, where, who is coming and what to have ready."""
    return _to_group(
        group,
        "Your roadshow session is coming up",
        "scheduling_reminder",
        session=session,
        facilitators=first_names(session),
        ready=READY_LIST,
    )
