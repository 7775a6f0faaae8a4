"""Staff pages: the panel writes findings; coordinators and admins add responses and publish."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from roadshow.extensions import db
from roadshow.models.yousaid import Responder, YouSaidFinding, YouSaidResponse
from roadshow.security import readers_required, staff_required
from roadshow.services import DomainError
from roadshow.services.reports import periods
from roadshow.services.reports.periods import Period
from roadshow.services.yousaid import findings as service
from roadshow.timeutil import today_london
from roadshow.transaction import saved, settle
from roadshow.yousaid import bp, finding_writers_required
from roadshow.yousaid.forms import FindingForm, PublishForm, ResponseForm


def _period_or_404(code: str) -> Period:
    """Only the periods on offer (begun, or already written about); anything else is not found."""
    offered = {p.code: p for p in service.period_choices(today_london())}
    if code not in offered:
        abort(404)
    return offered[code]


def _finding_or_404(finding_id: int) -> YouSaidFinding:
    return db.get_or_404(YouSaidFinding, finding_id)


def _back_url(code: str, anchor: str = "") -> str:
    return url_for("yousaid.staff_period", code=code, _anchor=anchor or None)


def _back(code: str, anchor: str = "") -> Response:
    return redirect(_back_url(code, anchor), code=303)


def _saved(
    form: FlaskForm, change: Callable[[], object], message: str, finding: YouSaidFinding | None = None
) -> Response | None:
    """Make a form's change: refused, the reason shows on the form (None); made, commit and go back to
    the finding (`finding`, or the one the change returned) with `message`."""

    def to_finding(result: object) -> Response:
        shown = cast(YouSaidFinding, finding or result)
        return settle(message, _back_url(shown.period.period_code, f"finding-{shown.id}"))

    return saved(change, form.form_errors, to_finding)


@bp.route("/staff/you-said-we-did")
@readers_required
def staff_index() -> str:
    """Every period that can have findings, with where each stands."""
    written = service.periods_by_code()
    rows = [(period, written.get(period.code)) for period in service.period_choices(today_london())]
    return render_template("yousaid/staff_index.html", rows=rows)


def _preview_figures(period: Period) -> service.Figures:
    """The figures publishing would show (the report rollup is kept in step when responses change)."""
    return service.headline_figures(period)


def _period_page(period: Period, finding_form: FindingForm | None = None) -> str:
    row = service.find_period(period.code)
    return render_template(
        "yousaid/staff_period.html",
        period=period,
        row=row,
        finding_form=finding_form or FindingForm(formdata=None),
        publish_form=PublishForm(formdata=None),
        figures=_preview_figures(period) if current_user.is_staff and row and row.findings else None,
        responder_labels=Responder.LABELS,
    )


@bp.route("/staff/you-said-we-did/<code>")
@readers_required
def staff_period(code: str) -> str:
    """One period: its findings and responses, as drafts and as published."""
    return _period_page(_period_or_404(code))


@bp.route("/staff/you-said-we-did/<code>/findings", methods=["POST"])
@finding_writers_required
def add_finding(code: str) -> str | Response:
    """Write a new finding; it stays a draft until a coordinator publishes the period."""
    period = _period_or_404(code)
    form = FindingForm()
    message = "Finding saved. It is a draft until a coordinator publishes this period."
    if form.validate_on_submit() and (
        done := _saved(
            form, lambda: service.add_finding(period.code, form.text.data or "", actor=current_user), message
        )
    ):
        return done
    return _period_page(period, form)


@bp.route("/staff/you-said-we-did/findings/<int:finding_id>/edit", methods=["GET", "POST"])
@finding_writers_required
def edit_finding(finding_id: int) -> str | Response:
    """Change a finding's wording; the public page keeps the old one until the next publish."""
    finding = _finding_or_404(finding_id)
    form = FindingForm(obj=finding)
    if form.validate_on_submit() and (
        done := _saved(
            form,
            lambda: service.edit_finding(finding, form.text.data or "", actor=current_user),
            "Finding saved.",
            finding,
        )
    ):
        return done
    period = periods.parse(finding.period.period_code)
    return render_template("yousaid/finding_form.html", form=form, finding=finding, period=period)


@bp.route("/staff/you-said-we-did/findings/<int:finding_id>/responses/new", methods=["GET", "POST"])
@staff_required
def add_response(finding_id: int) -> str | Response:
    """Record what the force or the office did about a finding."""
    finding = _finding_or_404(finding_id)
    form = ResponseForm()
    change = lambda: service.add_response(finding, form.to_input(), actor=current_user)  # noqa: E731
    return _response_page(form, finding, None, change, "Response saved. It is a draft until you publish this period.")


@bp.route("/staff/you-said-we-did/responses/<int:response_id>/edit", methods=["GET", "POST"])
@staff_required
def edit_response(response_id: int) -> str | Response:
    """Change a response, for example from planned to done."""
    response = db.get_or_404(YouSaidResponse, response_id)
    form = ResponseForm(obj=response)
    change = lambda: service.edit_response(response, form.to_input(), actor=current_user)  # noqa: E731
    return _response_page(form, response.finding, response, change, "Response saved.")


def _response_page(
    form: ResponseForm,
    finding: YouSaidFinding,
    response: YouSaidResponse | None,
    change: Callable[[], object],
    message: str,
) -> str | Response:
    """A response's form: a valid post makes `change` and goes back to the finding; otherwise the form."""
    if form.validate_on_submit() and (done := _saved(form, change, message, finding)):
        return done
    period = periods.parse(finding.period.period_code)
    return render_template("yousaid/response_form.html", form=form, finding=finding, period=period, response=response)


@bp.route("/staff/you-said-we-did/<code>/publish", methods=["POST"])
@staff_required
def publish(code: str) -> Response:
    """Publish every draft of the period; the first time, email the groups that hosted its sessions."""
    period = _period_or_404(code)
    if not PublishForm().validate_on_submit():
        flash("The page had expired, so nothing was published. Please try again.", "error")
        return _back(period.code)
    row = service.find_period(period.code)
    try:
        groups = service.publish(row, actor=current_user)
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return _back(period.code)
    db.session.commit()
    service.tell_groups(row, groups)  # type: ignore[arg-type]
    db.session.commit()  # keeps any email that has to wait for `flask retry-mail`
    told = f" {len(groups)} hosting groups have been sent the link." if groups else ""
    flash(f"Published on the 'You said, we did' page.{told}", "success")
    return _back(period.code)
