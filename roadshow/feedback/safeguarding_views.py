"""The escalated comment's page: only safeguarding leads and admins read it and record what was done."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from uuid import UUID

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from roadshow import questionnaire
from roadshow.extensions import db
from roadshow.feedback import bp
from roadshow.feedback.forms import SafeguardingActionForm
from roadshow.security import staff_required
from roadshow.services import DomainError
from roadshow.services.feedback import safeguarding


def safeguarding_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Staff only, and of them only safeguarding leads and admins: 403 for everyone else."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not safeguarding.can_read(current_user):
            abort(403)
        return view(*args, **kwargs)

    return staff_required(wrapped)


@bp.route("/staff/safeguarding/<uuid:comment_id>", methods=["GET", "POST"])
@safeguarding_required
def safeguarding_case(comment_id: UUID) -> str | Response:
    """One escalated comment, its session and its record; add an entry to the record."""
    form = SafeguardingActionForm()
    if form.validate_on_submit():
        comment = safeguarding.find_case(comment_id) or abort(404)
        entry = safeguarding.ActionEntry(
            form.action_taken.data or "", form.referred_to.data or "", form.outcome.data or "", form.closes_case.data
        )
        try:
            safeguarding.record_action(comment, entry, current_user)
        except DomainError as exc:
            db.session.rollback()
            form.action_taken.errors = [*form.action_taken.errors, str(exc)]
        else:
            db.session.commit()
            flash("Added to the safeguarding record.", "success")
            return redirect(url_for("feedback.safeguarding_case", comment_id=comment_id), code=303)
    comment = safeguarding.open_case(comment_id, current_user) or abort(404)
    db.session.commit()  # the audit entry for this reading
    return render_template(
        "feedback/safeguarding_case.html",
        comment=comment,
        question=questionnaire.get(comment.questionnaire_version).question(comment.question_key),
        closed=safeguarding.is_closed(comment),
        form=form,
    )
