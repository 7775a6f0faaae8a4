"""Moving an application through its statuses, staff notes, and erasing one on request."""

from __future__ import annotations

from roadshow.extensions import db
from roadshow.models import User
from roadshow.models.volunteer import (
    VolunteerApplication,
    VolunteerNote,
    VolunteerStatus,
    VolunteerStatusChange,
)
from roadshow.services import DomainError, audit
from roadshow.services.volunteers.retention import add_count, quarter_of
from roadshow.timeutil import utcnow

S = VolunteerStatus
# Which statuses an application may move to from each status. Anything else is refused.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.NEW: (S.CONTACTED, S.INVITED, S.NOT_PROCEEDING),
    S.CONTACTED: (S.INVITED, S.NOT_PROCEEDING),
    S.INVITED: (S.JOINED, S.CONTACTED, S.NOT_PROCEEDING),
    S.JOINED: (S.NOT_PROCEEDING,),
    S.NOT_PROCEEDING: (S.CONTACTED,),
}
NOT_PROCEEDING_REASONS: tuple[tuple[str, str], ...] = (
    ("no_reply", "Did not reply"),
    ("withdrew", "Changed their mind"),
    ("not_eligible", "Not eligible"),
    ("no_guardian_agreement", "Parent or carer did not agree"),
    ("no_places", "No places at the moment"),
    ("other", "Another reason (see notes)"),
)
REASON_LABELS = dict(NOT_PROCEEDING_REASONS)


def allowed_next(application: VolunteerApplication) -> tuple[str, ...]:
    return TRANSITIONS.get(application.status, ())


def change_status(application: VolunteerApplication, to_status: str, *, actor: User, reason: str = "") -> None:
    """Move an application on, if the move is allowed; 'not proceeding' needs a reason."""
    if to_status not in allowed_next(application):
        raise DomainError(
            f"An application that is '{application.status_label}' cannot move to "
            f"'{VolunteerStatus.LABELS.get(to_status, to_status)}'."
        )
    if to_status == S.NOT_PROCEEDING and reason not in REASON_LABELS:
        raise DomainError("Choose why the application is not going ahead.")
    reason = reason if to_status == S.NOT_PROCEEDING else ""
    from_status = application.status
    application.status = to_status
    application.not_proceeding_reason = reason
    application.status_changed_at = utcnow()
    application.history.append(
        VolunteerStatusChange(from_status=from_status, to_status=to_status, reason=reason, actor_id=actor.id)
    )
    detail = f"{from_status}->{to_status}" + (f" reason={reason}" if reason else "")
    audit.record("volunteer.status", application, actor=actor, detail=detail)


def add_note(application: VolunteerApplication, text: str, *, actor: User) -> VolunteerNote:
    text = text.strip()
    if not text:
        raise DomainError("Write a note before saving it.")
    note = VolunteerNote(text=text, author_id=actor.id)
    application.notes.append(note)
    db.session.flush()
    audit.record("volunteer.note", application, actor=actor, detail=f"note={note.id}")
    return note


def erase_on_request(application: VolunteerApplication, *, actor: User) -> str:
    """Delete an application at once because the person asked; only its anonymous count is kept."""
    reference = application.reference
    add_count(quarter_of(application.created_at), application.group, application.district, "erased", 1)
    audit.record("volunteer.erased", application, actor=actor, detail=f"from={application.status}")
    db.session.delete(application)
    db.session.flush()
    return reference
