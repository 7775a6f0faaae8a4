"""Scrutiny reports: the panel reads disclosure-controlled figures and exports them."""

from __future__ import annotations

from dataclasses import replace
from uuid import UUID

from flask import Response, abort, flash, redirect, render_template, request, stream_with_context, url_for
from flask_login import current_user

from roadshow.csvsafe import csv_lines
from roadshow.extensions import db
from roadshow.reports import bp
from roadshow.reports.forms import ReportFilterForm, ThemeForm
from roadshow.security import readers_required, staff_required
from roadshow.services import DomainError
from roadshow.services.reports import build as reports
from roadshow.services.reports import comments as report_comments
from roadshow.services.reports import export as report_export
from roadshow.services.reports import periods
from roadshow.services.reports import queries as report_queries
from roadshow.services.reports import summary as report_summary
from roadshow.timeutil import today_london
from roadshow.transaction import refuse


def _filter_from_request() -> tuple[ReportFilterForm, report_queries.ReportFilter]:
    """The filter form bound to the query string; anything not on offer is a 404, not a guess."""
    form = ReportFilterForm(request.args, meta={"csrf": False})
    first, _last = report_queries.data_span()
    form.fill_choices(periods.choices(today_london(), first), reports.session_choices())
    if request.args and not form.validate():
        abort(404)
    try:
        period = periods.parse(form.period.data or periods.ALL_TIME)
    except ValueError:
        abort(404)
    session_id = int(form.session.data) if form.session.data else None
    return form, report_queries.ReportFilter(period, form.district.data or None, session_id)


@bp.route("/reports/")
@readers_required
def index() -> str:
    """Aggregated, disclosure-controlled figures for one fixed period."""
    form, report_filter = _filter_from_request()
    report = reports.build(report_filter)
    previous = report_summary.previous_period(report_filter.period)
    before = reports.build(replace(report_filter, period=previous)) if previous else None
    return render_template(
        "reports/index.html",
        form=form,
        report=report,
        stands_out=report_summary.stands_out(report, before),
        generated_on=today_london(),
        theme_form=ThemeForm(),
        themes=report_comments.existing_themes() if current_user.is_staff else [],
        export_args={k: v for k, v in request.args.items() if v},
    )


@bp.route("/reports/export.csv")
@readers_required
def export_csv() -> Response:
    """Exactly the figures the page shows, as one tidy table, streamed."""
    _form, report_filter = _filter_from_request()
    report = reports.build(report_filter)

    rows = csv_lines((report_export.CSV_HEADER, *report_export.csv_rows(report)))
    name = f"roadshow-report-{report_filter.period.code}.csv"
    return Response(
        stream_with_context(rows),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/reports/comments/<uuid:comment_id>/theme", methods=["POST"])
@staff_required
def tag_theme(comment_id: UUID) -> Response:
    """A coordinator gives an approved comment a theme."""
    form = ThemeForm()
    back = url_for("reports.index", **form.return_args())
    if form.validate_on_submit():
        try:
            report_comments.tag_theme(comment_id, form.theme.data or "", current_user)
        except DomainError as exc:
            refuse(exc)
        else:
            db.session.commit()
            flash("Theme saved.", "success")
    else:
        flash(" ".join(e for errs in form.errors.values() for e in errs), "error")
    return redirect(back + f"#comment-{comment_id}", code=303)


def _css_string(text: str) -> str:
    """Text as a quoted CSS string: no way out of the quotes, no control characters."""
    cleaned = "".join(ch for ch in text if ch.isprintable())
    return '"' + cleaned.replace("\\", "\\\\").replace('"', '\\"') + '"'


@bp.route("/reports/print.css")
@readers_required
def print_css() -> Response:
    """The period and scope atop every printed page (a stylesheet: the CSP forbids inline styles)."""
    _form, report_filter = _filter_from_request()
    label = f"{report_filter.period.label} · {reports.scope_label(report_filter)}"
    box = f"content: {_css_string(label)}; font: 9pt system-ui, Arial, sans-serif;"
    css = f"@media print {{ @page {{ @top-right {{ {box} }} }} }}\n"
    return Response(css, mimetype="text/css")
