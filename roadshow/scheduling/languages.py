"""A session's feedback languages on its staff page and poster, with a warning beside any translation
no fluent speaker has reviewed yet; the languages a session chooses are the ones its poster names."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Response, abort, flash, redirect, url_for
from flask_babel import force_locale, gettext
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SubmitField

from roadshow.forms import MultiCheckboxField, choices
from roadshow.i18n import LANGUAGES, TRANSLATED, Language
from roadshow.models.scheduling import RoadshowSession
from roadshow.scheduling import bp
from roadshow.security import staff_required
from roadshow.services.feedback import languages as service
from roadshow.services.scheduling import queries as session_queries
from roadshow.transaction import apply


class SessionLanguagesForm(FlaskForm):
    """The languages a session's poster names."""

    languages = MultiCheckboxField(
        "Languages named on the poster",
        choices=choices((code, f"{LANGUAGES[code].english} ({LANGUAGES[code].name})") for code in TRANSLATED),
        description="Every page of the form offers all of its languages; the poster invites young people in these.",
    )
    submit = SubmitField("Save the languages")


@dataclass(frozen=True)
class Named:
    """A session language as staff and the poster show it."""

    language: Language
    invitation: str  # "Give feedback on your session", in the language itself
    reviewed: bool


def named(session: RoadshowSession) -> list[Named]:
    """The session's languages, each with its own words for the poster and whether it was reviewed."""
    unreviewed = service.unreviewed()
    result = []
    for language in service.of_session(session):
        with force_locale(language.code):
            invitation = gettext("Give feedback on your session")
        result.append(Named(language, invitation, language.code not in unreviewed))
    return result


def form_for(session: RoadshowSession) -> SessionLanguagesForm:
    """The session page's languages form, filled in with the session's choice."""
    return SessionLanguagesForm(data={"languages": session.feedback_languages.split()})


@bp.route("/staff/sessions/<int:session_id>/languages", methods=["POST"])
@staff_required
def session_languages(session_id: int) -> Response:
    """Choose the languages the session's poster names."""
    session = session_queries.get(session_id) or abort(404)
    form = SessionLanguagesForm()
    back = url_for("scheduling.session_detail", session_id=session.id, _anchor="languages")
    if not form.validate_on_submit():
        for error in form.languages.errors:
            flash(error, "error")
        return redirect(back, code=303)
    return apply(
        lambda: service.set_for_session(session, list(form.languages.data or []), current_user),
        success="The poster's languages are saved.",
        back=back,
    )
