"""Emails about sessions: the offer, the invite, changes and cancellations, each with its .ics."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from roadshow.models.scheduling import RoadshowSession
from roadshow.services import ical, mail


@dataclass(frozen=True)
class GroupContact:
    """The group's contact for a session made from a booking request."""

    email: str
    name: str
    reference: str = ""
    manage_url: str = ""


def _facilitator_addresses(session: RoadshowSession) -> list[str]:
    return [f.email for f in session.facilitators if f.active]


def _everyone(session: RoadshowSession, group: GroupContact | None) -> list[str]:
    addresses = _facilitator_addresses(session)
    if group is not None and group.email and group.email not in addresses:
        addresses.insert(0, group.email)
    return addresses


def _send_each(
    addresses: Iterable[str], subject: str, template: str, session: RoadshowSession, method: str, **ctx: object
) -> None:
    """One message per person, so no one sees the others' addresses."""
    everyone = list(addresses)
    data = ical.invite(session, method, attendees=everyone)
    mime = ical.ICS_MIME_CANCEL if method == ical.CANCEL else ical.ICS_MIME_REQUEST
    filename = "cancelled.ics" if method == ical.CANCEL else "invite.ics"
    for address in everyone:
        mail.send_template(address, subject, template, attachments=[(filename, mime, data)], session=session, **ctx)


def offer(session: RoadshowSession, group: GroupContact) -> None:
    """Tell the group which date we can offer and how to accept it."""
    mail.send_template(
        group.email,
        f"We can offer you a roadshow date {group.reference}".strip(),
        "scheduling_offer",
        session=session,
        group=group,
    )


def confirmed(session: RoadshowSession, group: GroupContact | None) -> None:
    """The session is booked: everyone gets the invite."""
    _send_each(
        _everyone(session, group),
        f"Roadshow session booked: {session.title}",
        "scheduling_confirmed",
        session,
        ical.REQUEST,
        group=group,
    )


def changed(session: RoadshowSession, group: GroupContact | None, reason: str) -> None:
    """A new time, place or team: everyone gets the updated invite."""
    _send_each(
        _everyone(session, group),
        f"Roadshow session changed: {session.title}",
        "scheduling_changed",
        session,
        ical.REQUEST,
        group=group,
        reason=reason,
    )


def cancelled(session: RoadshowSession, group: GroupContact | None, reason: str, by_group: bool) -> None:
    """The session is off: everyone gets a cancellation their calendar understands."""
    _send_each(
        _everyone(session, group),
        f"Roadshow session cancelled: {session.title}",
        "scheduling_cancelled",
        session,
        ical.CANCEL,
        group=group,
        reason=reason,
        by_group=by_group,
    )


def offer_withdrawn(session: RoadshowSession, group: GroupContact, reason: str) -> None:
    """Tell the group the date we offered is no longer available; their request stays open."""
    mail.send_template(
        group.email,
        f"The roadshow date we offered is no longer available {group.reference}".strip(),
        "scheduling_offer_withdrawn",
        session=session,
        group=group,
        reason=reason,
    )
