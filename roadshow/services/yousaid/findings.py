"""'You said, we did': findings, responses, publishing a period and telling the groups that hosted it.

The panel writes findings; coordinators record responses and publish. Publishing copies every
draft of the period to the public copy, takes the period's headline figures from the protected
report, and returns the groups to email once the transaction has committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.links import absolute_url
from roadshow.models import RoadshowSession, User
from roadshow.models.booking import BookingRequest
from roadshow.models.scheduling import SessionStatus
from roadshow.models.yousaid import Responder, ResponseStatus, YouSaidFinding, YouSaidPeriod, YouSaidResponse
from roadshow.services import DomainError, audit, mail
from roadshow.services.reports import build as reports
from roadshow.services.reports import periods
from roadshow.services.reports import queries as report_queries
from roadshow.services.reports.periods import Period
from roadshow.timeutil import london_to_utc, utcnow

FINDING_MAX = 1000
RESPONSE_MAX = 2000
REASON_MAX = 1000


@dataclass(frozen=True)
class ResponseInput:
    responder: str
    text: str
    status: str
    reason: str = ""


@dataclass(frozen=True)
class GroupNotice:
    """A group that hosted a session in a published period, to be sent the link."""

    email: str
    organisation: str


@dataclass(frozen=True)
class Figures:
    """A period's headline figures exactly as the disclosure control printed them."""

    sessions: str
    responses: str


# Periods -------------------------------------------------------------------------------------------


def period_choices(today: date) -> list[Period]:
    """Quarters and financial years that have begun, newest first, plus any that already has findings."""
    first, _last = report_queries.data_span()
    codes = [code for code, _label in periods.choices(today, first) if code != periods.ALL_TIME]
    codes += [c for c in db.session.scalars(sa.select(YouSaidPeriod.period_code)) if c not in codes]
    return sorted((periods.parse(code) for code in codes), key=_newest_first)


def _newest_first(period: Period) -> tuple[int, int]:
    """Later periods first; a financial year after its own quarters (it starts with the first)."""
    assert period.start is not None and period.end is not None  # noqa: S101 (all time is never offered)
    return (-period.start.toordinal(), period.end.toordinal() - period.start.toordinal())


def plain_label(period: Period) -> str:
    """The period in words a young person reads at a glance: 'July to September 2026'."""
    assert period.start is not None and period.end is not None  # noqa: S101
    if period.is_quarter:
        number = int(period.code.rsplit("-", 1)[1])
        return f"{periods.QUARTER_MONTHS[number - 1]} {period.start.year}"
    return f"April {period.start.year} to March {period.end.year}"


def find_period(code: str) -> YouSaidPeriod | None:
    return db.session.scalar(sa.select(YouSaidPeriod).where(YouSaidPeriod.period_code == code))


def periods_by_code() -> dict[str, YouSaidPeriod]:
    """Every period anyone has written about, by its code (one query, findings loaded with it)."""
    return {row.period_code: row for row in db.session.scalars(sa.select(YouSaidPeriod))}


def _period_row(code: str) -> YouSaidPeriod:
    """The period's row, made the first time someone writes a finding for it."""
    row = find_period(code)
    if row is None:
        row = YouSaidPeriod(period_code=code)
        db.session.add(row)
        db.session.flush()
    return row


# Findings and responses --------------------------------------------------------------------------


def _clean(text: str, limit: int, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(f"Enter the {what}.")
    if len(text) > limit:
        raise DomainError(f"The {what} must be {limit} characters or fewer.")
    return text


def add_finding(code: str, text: str, *, actor: User) -> YouSaidFinding:
    """A new finding for a period; a draft until the period is next published."""
    finding = YouSaidFinding(period=_period_row(code), text=_clean(text, FINDING_MAX, "finding"))
    db.session.add(finding)
    db.session.flush()
    audit.record("yousaid.finding.create", finding, actor=actor, detail=code)
    return finding


def edit_finding(finding: YouSaidFinding, text: str, *, actor: User) -> YouSaidFinding:
    """Change a finding's draft; the public page keeps the published wording until the next publish."""
    finding.text = _clean(text, FINDING_MAX, "finding")
    db.session.flush()
    audit.record("yousaid.finding.edit", finding, actor=actor, detail=finding.period.period_code)
    return finding


def _apply(response: YouSaidResponse, data: ResponseInput) -> None:
    if data.responder not in Responder.LABELS:
        raise DomainError("Choose who responded.")
    if data.status not in ResponseStatus.LABELS:
        raise DomainError("Choose where the response stands.")
    response.responder = data.responder
    response.text = _clean(data.text, RESPONSE_MAX, "response")
    response.status = data.status
    if data.status == ResponseStatus.NOT_TAKEN_FORWARD:
        response.reason = _clean(data.reason, REASON_MAX, "reason it was not taken forward")
    else:
        response.reason = ""


def add_response(finding: YouSaidFinding, data: ResponseInput, *, actor: User) -> YouSaidResponse:
    """Record what the force or the office did about a finding."""
    response = YouSaidResponse()
    _apply(response, data)
    response.finding = finding
    db.session.add(response)
    db.session.flush()
    audit.record("yousaid.response.create", response, actor=actor, detail=f"{data.status} {data.responder}")
    return response


def edit_response(response: YouSaidResponse, data: ResponseInput, *, actor: User) -> YouSaidResponse:
    """Change a response's draft (its text, status or reason)."""
    _apply(response, data)
    db.session.flush()
    audit.record("yousaid.response.edit", response, actor=actor, detail=f"{data.status} {data.responder}")
    return response


# Publishing ----------------------------------------------------------------------------------------


def headline_figures(period: Period) -> Figures:
    """Sessions delivered and responses over the whole period, taken from the protected report.

    Only the report's own output is read: the figures have passed the disclosure control, cover
    the period across every district, and say nothing about any one session.
    """
    totals = reports.build(report_queries.ReportFilter(period)).totals
    shown = {row.key: (row.total if row.total is not None else row.cells[0]).display for row in totals.rows}
    return Figures(sessions=shown.get("sessions", ""), responses=shown.get("responses", ""))


def publish(row: YouSaidPeriod | None, *, actor: User | None, actor_label: str = "") -> list[GroupNotice]:
    """Make every draft of the period public; on its first publication, return the groups to tell."""
    if row is None or not row.findings:
        raise DomainError("Write at least one finding before publishing.")
    for finding in row.findings:
        finding.public_text = finding.text
        for r in finding.responses:
            r.public_responder, r.public_text = r.responder, r.text
            r.public_status, r.public_reason = r.status, r.reason
    figures = headline_figures(periods.parse(row.period_code))
    row.sessions_figure, row.responses_figure = figures.sessions, figures.responses
    first_time = row.first_published_at is None
    row.published_at = utcnow()
    row.first_published_at = row.first_published_at or row.published_at
    groups = hosting_groups(periods.parse(row.period_code)) if first_time else []
    db.session.flush()
    detail = f"{row.period_code}, {len(groups)} groups to tell" if first_time else f"{row.period_code}, update"
    audit.record("yousaid.publish", row, actor=actor, actor_label=actor_label, detail=detail)
    return groups


def hosting_groups(period: Period) -> list[GroupNotice]:
    """Each group that hosted a delivered session in the period, once, unless its contact was purged
    (or it never agreed to be contacted, as a request typed in by staff might not have)."""
    assert period.start is not None and period.end is not None  # noqa: S101
    query = (
        sa.select(BookingRequest.email, BookingRequest.organisation)
        .join(RoadshowSession, RoadshowSession.request_id == BookingRequest.id)
        .where(
            RoadshowSession.status == SessionStatus.DELIVERED,
            RoadshowSession.starts_at >= london_to_utc(period.start, time(0)),
            RoadshowSession.starts_at < london_to_utc(period.end, time(0)),
            BookingRequest.contact_purged_at.is_(None),
            BookingRequest.consent_to_contact.is_(True),
            BookingRequest.email != "",
        )
        .order_by(BookingRequest.id)
    )
    seen: dict[str, GroupNotice] = {}
    for email, organisation in db.session.execute(query):
        seen.setdefault(email.lower(), GroupNotice(email, organisation))
    return list(seen.values())


def page_url(code: str = "") -> str:
    """The public page's absolute address (at the period's section when given)."""
    return absolute_url("yousaid.public_page", _anchor=f"period-{code}" if code else "")


def tell_groups(row: YouSaidPeriod, groups: list[GroupNotice]) -> None:
    """Email each hosting group the link; call after commit (failures wait for `flask retry-mail`)."""
    label = plain_label(periods.parse(row.period_code))
    for group in groups:
        mail.send_template(
            group.email,
            "You said, we did: what changed after your roadshow session",
            "yousaid_published",
            group=group,
            period_label=label,
            link=page_url(row.period_code),
        )


# Reading -------------------------------------------------------------------------------------------


def published_periods() -> list[tuple[Period, YouSaidPeriod]]:
    """Every published period, newest period first, each with its (eagerly loaded) findings."""
    rows = db.session.scalars(sa.select(YouSaidPeriod).where(YouSaidPeriod.published_at.is_not(None))).all()
    pairs = [(periods.parse(row.period_code), row) for row in rows]
    return sorted(pairs, key=lambda pair: _newest_first(pair[0]))


def latest_published() -> tuple[Period, YouSaidPeriod] | None:
    """The period published most recently: what a facilitator opens the next session with."""
    row = db.session.scalar(
        sa.select(YouSaidPeriod)
        .where(YouSaidPeriod.published_at.is_not(None))
        .order_by(YouSaidPeriod.published_at.desc(), YouSaidPeriod.id.desc())
        .limit(1)
    )
    return (periods.parse(row.period_code), row) if row is not None else None


def plain_figure(display: str) -> str:
    """A protected figure in words: '45' stays, '<10' is 'fewer than 10', anything withheld is ''."""
    if display.replace(",", "").isdigit():
        return display
    if display.startswith("<") and display[1:].isdigit():
        return f"fewer than {display[1:]}"
    return ""
