"""Writing to the audit log. Callers pass ids and short labels, never personal data."""

from __future__ import annotations

from roadshow.extensions import db
from roadshow.models import AuditEntry, User


def record(
    action: str,
    obj: object | None = None,
    *,
    actor: User | None = None,
    actor_label: str = "",
    detail: str = "",
    object_type: str = "",
    object_id: str | int = "",
) -> AuditEntry:
    """Add one audit entry to the current transaction and return it."""
    if obj is not None:
        object_type = object_type or type(obj).__name__
        object_id = object_id or getattr(obj, "id", "") or ""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    entry = AuditEntry(
        actor_id=actor.id if actor is not None else None,
        actor_label=actor_label or ("" if actor else "system"),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        detail=detail[:300],
    )
    db.session.add(entry)
    return entry
