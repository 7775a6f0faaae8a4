"""Where scheduling meets booking requests: the group's contact and the request's status.

Sessions made directly (no request) have no group contact and no request to move.
"""

from __future__ import annotations

from roadshow.models import User
from roadshow.models.scheduling import RoadshowSession
from roadshow.services.scheduling_mail import GroupContact


def group_contact(session: RoadshowSession, manage_url: str = "") -> GroupContact | None:
    """The group's contact for a session that came from a booking request."""
    if session.request_id is None:
        return None
    return None  # filled in once booking requests exist


def request_status_follows(session: RoadshowSession, status: str, actor: User | None, note: str = "") -> None:
    """Move the booking request along with its session (offered, scheduled, delivered, cancelled)."""
    if session.request_id is None:
        return
