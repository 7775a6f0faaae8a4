"""/staff/languages: an admin records which translations of the feedback form a fluent speaker has reviewed."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import AnyOf

from roadshow.extensions import db
from roadshow.i18n import LANGUAGES, TRANSLATED
from roadshow.security import admin_required
from roadshow.services import DomainError
from roadshow.services.feedback import languages as service
from roadshow.staff import bp


class LanguageReviewForm(FlaskForm):
    """One button: mark a translation as reviewed, or take that back."""

    reviewed = HiddenField(validators=[AnyOf(("yes", "no"))])


@bp.route("/languages")
@admin_required
def languages() -> str:
    """Each translation of the feedback form, whether a fluent speaker has reviewed it, and a way to say so."""
    return render_template(
        "staff/languages.html",
        languages=[LANGUAGES[code] for code in TRANSLATED],
        reviews=service.reviews(),
        form=LanguageReviewForm(),
    )


@bp.route("/languages/<code>", methods=["POST"])
@admin_required
def language_review(code: str) -> Response:
    """Record that a fluent speaker reviewed the translation (or withdraw that); audited."""
    form = LanguageReviewForm()
    if not form.validate_on_submit():
        abort(400)
    reviewed = form.reviewed.data == "yes"
    try:
        changed = service.set_reviewed(code, reviewed, current_user)
    except DomainError:
        db.session.rollback()
        abort(404)
    db.session.commit()
    name = LANGUAGES[code].english
    if changed:
        flash(f"{name}: {'reviewed by a fluent speaker' if reviewed else 'marked as not reviewed'}.", "success")
    return redirect(url_for("staff.languages"), code=303)
