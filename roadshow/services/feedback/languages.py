"""The feedback journey's languages for staff: which a fluent speaker has reviewed, and a session's languages.

A translation nobody fluent has checked yet is still offered to young people, but staff see a
warning beside it (session page, poster) until an admin records the review. Each change is audited.
"""

from __future__ import annotations

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.i18n import LANGUAGES, TRANSLATED, Language
from roadshow.models import LanguageReview, RoadshowSession, User
from roadshow.services import DomainError, audit
from roadshow.timeutil import utcnow


def reviews() -> dict[str, LanguageReview]:
    """Every recorded review, by language code."""
    return {review.code: review for review in db.session.scalars(sa.select(LanguageReview))}


def unreviewed() -> frozenset[str]:
    """The translated languages no fluent speaker has reviewed yet."""
    return frozenset(TRANSLATED) - set(db.session.scalars(sa.select(LanguageReview.code)))


def _translated(code: str) -> Language:
    if code not in TRANSLATED:
        raise DomainError("That is not one of the feedback form's translations.")
    return LANGUAGES[code]


def set_reviewed(code: str, reviewed: bool, actor: User) -> bool:
    """Record (or withdraw) that a fluent speaker reviewed a translation; returns whether anything changed."""
    language = _translated(code)
    review = db.session.get(LanguageReview, code)
    if reviewed == (review is not None):
        return False
    if reviewed:
        db.session.add(LanguageReview(code=code, reviewed_at=utcnow(), reviewed_by_id=actor.id))
    else:
        db.session.delete(review)
    action = "language.reviewed" if reviewed else "language.review_withdrawn"
    audit.record(action, actor=actor, object_type="Language", object_id=code, detail=language.english)
    db.session.flush()
    return True


def of_session(session: RoadshowSession) -> list[Language]:
    """The languages besides English that the session's poster names, in the site's order."""
    chosen = set(session.feedback_languages.split())
    return [LANGUAGES[code] for code in TRANSLATED if code in chosen]


def set_for_session(session: RoadshowSession, codes: list[str], actor: User) -> None:
    """Choose the languages the session's poster names (every page still offers all of them)."""
    for code in codes:
        _translated(code)
    stored = " ".join(code for code in TRANSLATED if code in codes)
    if stored == session.feedback_languages:
        return
    session.feedback_languages = stored
    audit.record("session.languages", session, actor=actor, detail=stored or "none")
    db.session.flush()
