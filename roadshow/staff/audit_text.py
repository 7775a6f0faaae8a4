"""The audit log as sentences ("Sam Patel changed Alex Lee's role to Coordinator"), with links to objects."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from flask import url_for
from markupsafe import Markup, escape
from werkzeug.routing import BuildError

from roadshow.extensions import db
from roadshow.models import AuditEntry, User

ROLE_NAMES = {"admin": "Admin", "coordinator": "Coordinator", "panel": "Panel member"}

# What happened, after the actor's name. {obj} is the object (a link where there is a page for it),
# {whose} its possessive; {old}/{new} come from details written as "old->new"; {detail} is the detail as is.
PHRASES = {
    "auth.login": "signed in",
    "auth.failure": "failed to sign in as {obj}",
    "auth.delayed_attempt": "tried to sign in as {obj} during a sign-in delay",
    "auth.two_factor_failure": "typed a wrong two-factor code for {obj}",
    "auth.unlocked": "cleared the sign-in delay on {whose} account",
    "user.create": "created an account for {obj}",
    "user.invited": "invited {obj} by email",
    "user.invite_accepted": "accepted the invite and chose a password",
    "user.role_changed": "changed {whose} role from {old} to {new}",
    "user.activated": "reactivated {whose} account",
    "user.deactivated": "deactivated {whose} account",
    "user.one_time_password": "set a one-time password for {obj}",
    "user.password_changed": "changed their password",
    "user.password_change_failed": "typed a wrong current password on the change-password page",
    "user.password_reset": "set a new password with an emailed link",
    "user.reset_requested": "asked for a password reset link for {obj}",
    "user.two_factor_enrolled": "turned on two-factor sign-in for {obj}",
    "user.two_factor_reset": "reset {whose} two-factor sign-in",
    "user.recovery_code_used": "signed in with a recovery code",
    "booking.create": "sent booking request {obj}",
    "booking.status": "changed the status of booking request {obj}",
    "volunteer.applied": "sent volunteer application {obj}",
    "volunteer.status": "changed the status of volunteer application {obj}",
    "news.article.publish": "published article {obj}",
    "news.article.update": "edited article {obj}",
    "news.article.create": "wrote article {obj}",
    "news.edition.publish": "published edition {obj}",
    "news.edition.update": "edited edition {obj}",
    "news.edition.create": "started edition {obj}",
    "news.send.finish": "finished emailing edition {obj}",
    "language.reviewed": "recorded that a fluent speaker reviewed the {detail} translation",
    "language.review_withdrawn": "marked the {detail} translation as not reviewed",
    "session.languages": "chose the poster's languages for {obj}",
    "news.send.stalled": "stopped emailing edition {obj}: the mail server could not be reached after every try",
    "news.send.resume": "carried on emailing edition {obj}",
    "mail.retry": "asked for failed {obj} to be sent again",
}

LABELS = {
    "anonymous": "Someone not signed in",
    "public": "A member of the public",
    "cli": "A command-line script",
    "system": "The system",
    "applicant": "An applicant",
}

PAGES = {
    "User": ("staff.user_detail", "user_id", "account"),
    "BookingRequest": ("bookings.request_detail", "request_id", "request"),
    "RoadshowSession": ("scheduling.session_detail", "session_id", "session"),
    "VolunteerApplication": ("volunteers.staff_detail", "application_id", "application"),
    "Article": ("news.article_edit", "article_id", "article"),
    "Edition": ("news.edition_edit", "edition_id", "edition"),
    "OutboundEmail": ("", "", "email"),
}


def _names(entries: Iterable[AuditEntry]) -> dict[int, str]:
    ids = {int(e.object_id) for e in entries if e.object_type == "User" and e.object_id.isdigit()}
    if not ids:
        return {}
    return {row.id: row.name for row in db.session.execute(sa.select(User.id, User.name).where(User.id.in_(ids)))}


def _object(entry: AuditEntry, names: dict[int, str]) -> tuple[str, str | None]:
    """The object's label and the address of its page, if it has one and still exists."""
    if not entry.object_type:
        return "", None
    endpoint, arg, noun = PAGES.get(entry.object_type, ("", "", entry.object_type))
    label = f"{noun} {entry.object_id}"
    if entry.object_type == "User" and entry.object_id.isdigit():
        label = names.get(int(entry.object_id), "a deleted account")
    if not endpoint or not entry.object_id.isdigit():
        return label, None
    try:
        return label, url_for(endpoint, **{arg: int(entry.object_id)})
    except BuildError:  # a feature that is not installed
        return label, None


def _link(label: str, url: str | None) -> Markup:
    return Markup('<a href="{}">{}</a>').format(url, label) if url else escape(label)


def sentence(entry: AuditEntry, names: dict[int, str]) -> Markup:
    """One entry as a sentence, names escaped and objects linked."""
    actor = _link(entry.actor.name, url_for("staff.user_detail", user_id=entry.actor.id)) if entry.actor else None
    actor = actor or escape(LABELS.get(entry.actor_label, entry.actor_label.capitalize() or "Someone"))
    label, url = _object(entry, names)
    old, _, new = entry.detail.partition("->")
    phrase = PHRASES.get(entry.action, "did \u201c{action}\u201d to {obj}" if label else "did \u201c{action}\u201d")
    words = escape(phrase).format(  # the phrase is ours; every value is escaped
        obj=_link(label, url),
        whose=_link(f"{label}\u2019s", url),
        old=ROLE_NAMES.get(old, old),
        new=ROLE_NAMES.get(new, new),
        action=entry.action,
        detail=entry.detail,
    )
    return Markup("{} {}.").format(actor, words)


def sentences(entries: list[AuditEntry]) -> list[tuple[AuditEntry, Markup]]:
    names = _names(entries)
    return [(entry, sentence(entry, names)) for entry in entries]
