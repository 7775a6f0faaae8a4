"""Get involved: the public pages and the coordinators' list of applications."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Response, abort, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from roadshow.csvsafe import csv_text
from roadshow.extensions import db, limiter
from roadshow.models import AuditEntry
from roadshow.models.volunteer import VolunteerApplication, VolunteerGroup, VolunteerStatus
from roadshow.ratelimit import volunteer_limit
from roadshow.security import public, staff_required
from roadshow.services import DomainError
from roadshow.services.volunteers import intake as service
from roadshow.services.volunteers import queries as volunteer_queries
from roadshow.services.volunteers import retention as volunteer_retention
from roadshow.services.volunteers import status as volunteer_status
from roadshow.services.volunteers.export import csv_rows
from roadshow.transaction import refuse, settle
from roadshow.volunteers import bp
from roadshow.volunteers.forms import ApplicationForm, EraseForm, FilterForm, NoteForm, StatusForm

PER_PAGE = 25
SESSION_KEY = "volunteer_applied"
HEADINGS = {
    VolunteerGroup.YOUTH: "Join the youth scrutiny team",
    VolunteerGroup.PANEL: "Join the Community Scrutiny Panel",
}


@bp.route("/get-involved/")
@public
def index() -> str:
    """Volunteering for youth scrutiny or the Community Scrutiny Panel, in plain words."""
    return render_template("volunteers/index.html", panel_min_age=service.panel_min_age())


@bp.route("/get-involved/apply", methods=["GET", "POST"])
@public
@limiter.limit(volunteer_limit, methods=["POST"])
def apply() -> str | Response:
    """The expression-of-interest form; a link from the intro page may choose the group."""
    form = ApplicationForm()
    if request.method == "GET" and request.args.get("group") in VolunteerGroup.LABELS:
        form.group.data = request.args["group"]
    if form.validate_on_submit():
        if form.is_spam:
            session[SESSION_KEY] = {"reference": "", "group": form.group.data}
            return redirect(url_for("volunteers.thank_you"), code=303)
        try:
            application = service.submit(form.to_input())
        except DomainError as exc:
            refuse(exc)
        else:
            db.session.commit()
            session[SESSION_KEY] = {
                "reference": application.reference,
                "group": application.group,
                "emailed": bool(application.email),
            }
            return redirect(url_for("volunteers.thank_you"), code=303)
    show_guardian = form.group.data != VolunteerGroup.PANEL or service.panel_min_age() < service.GUARDIAN_NEEDED_UNDER
    return render_template(
        "volunteers/apply.html",
        form=form,
        heading=HEADINGS.get(form.group.data or "", "Offer to volunteer"),
        show_guardian=show_guardian,
        retention_months=current_app.config["VOLUNTEER_RETENTION_MONTHS"],
    )


@bp.route("/get-involved/thank-you")
@public
def thank_you() -> str | Response:
    """Confirmation after applying. The reference comes from the session, never the address bar."""
    applied = session.get(SESSION_KEY)
    if not applied:
        return redirect(url_for("volunteers.index"))
    return render_template("volunteers/thank_you.html", applied=applied)


# Staff ---------------------------------------------------------------------------------------------


def _filters() -> tuple[FilterForm, dict[str, str]]:
    form = FilterForm(request.args)
    if not form.validate():
        return form, {}
    return form, {name: form[name].data or "" for name in ("group", "district", "status")}


@bp.route("/staff/volunteers")
@staff_required
def staff_list() -> str:
    """Every application, newest first, filtered by group, district and status."""
    form, filters = _filters()
    page = db.paginate(volunteer_queries.search(**filters), per_page=PER_PAGE, error_out=False)
    return render_template(
        "volunteers/staff_list.html",
        form=form,
        page=page,
        filtered=any(filters.values()),
        filters=filters,
        counts=volunteer_retention.counts_by_group_and_district(),
    )


@bp.route("/staff/volunteers/export.csv")
@staff_required
def export_csv() -> Response:
    """The filtered list as CSV for the office. Personal data: staff only, never cached."""
    _form, filters = _filters()
    applications = db.session.scalars(volunteer_queries.search(**filters)).all()
    text = csv_text(csv_rows(applications))
    volunteer_queries.record_export(len(applications), actor=current_user)
    db.session.commit()
    return Response(
        text,
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="volunteer-applications.csv"'},
    )


def _application_or_404(application_id: int) -> VolunteerApplication:
    application = volunteer_queries.get(application_id)
    if application is None:
        abort(404)
    return application


def _detail_page(
    application: VolunteerApplication,
    status_form: StatusForm | None = None,
    note_form: NoteForm | None = None,
    erase_form: EraseForm | None = None,
) -> str:
    status_form = status_form or StatusForm(formdata=None)
    status_form.to_status.choices = [(s, VolunteerStatus.LABELS[s]) for s in volunteer_status.allowed_next(application)]
    entries = db.session.scalars(
        sa.select(AuditEntry)
        .where(AuditEntry.object_type == "VolunteerApplication", AuditEntry.object_id == str(application.id))
        .order_by(AuditEntry.id.desc())
    ).all()
    return render_template(
        "volunteers/staff_detail.html",
        application=application,
        status_form=status_form,
        note_form=note_form or NoteForm(formdata=None),
        erase_form=erase_form or EraseForm(formdata=None),
        audit_entries=entries,
        reason_labels=volunteer_status.REASON_LABELS,
        needs_guardian=service.needs_guardian(application.age),
    )


@bp.route("/staff/volunteers/<int:application_id>")
@staff_required
def staff_detail(application_id: int) -> str:
    """One application: details, status, notes, history and its audit trail."""
    application = _application_or_404(application_id)
    return _detail_page(application)


@bp.route("/staff/volunteers/<int:application_id>/status", methods=["POST"])
@staff_required
def change_status(application_id: int) -> str | Response:
    """Move the application to one of the statuses allowed from where it is."""
    application = _application_or_404(application_id)
    form = StatusForm()
    form.to_status.choices = [(s, VolunteerStatus.LABELS[s]) for s in volunteer_status.allowed_next(application)]
    if form.validate_on_submit():
        try:
            volunteer_status.change_status(
                application, form.to_status.data, actor=current_user, reason=form.reason.data or ""
            )
        except DomainError as exc:
            refuse(exc)
        else:
            message = f"{application.reference} is now '{application.status_label}'."
            return settle(message, url_for("volunteers.staff_detail", application_id=application.id))
    return _detail_page(application, status_form=form)


@bp.route("/staff/volunteers/<int:application_id>/notes", methods=["POST"])
@staff_required
def add_note(application_id: int) -> str | Response:
    """Add a note only coordinators and admins can read."""
    application = _application_or_404(application_id)
    form = NoteForm()
    if form.validate_on_submit():
        volunteer_status.add_note(application, form.text.data or "", actor=current_user)
        return settle("Note saved.", url_for("volunteers.staff_detail", application_id=application.id, _anchor="notes"))
    return _detail_page(application, note_form=form)


@bp.route("/staff/volunteers/<int:application_id>/erase", methods=["POST"])
@staff_required
def erase(application_id: int) -> str | Response:
    """Delete an application straight away at the person's request."""
    application = _application_or_404(application_id)
    form = EraseForm()
    if form.validate_on_submit():
        reference = volunteer_status.erase_on_request(application, actor=current_user)
        message = f"Application {reference} has been deleted. Only an anonymous count is kept."
        return settle(message, url_for("volunteers.staff_list"))
    return _detail_page(application, erase_form=form)
