"""'You said, we did': the public page and feed, and the staff pages where findings and responses are written."""

from __future__ import annotations

from flask import Blueprint

from roadshow.models.yousaid import Responder, ResponseStatus, YouSaidPeriod
from roadshow.security import READERS, roles_required
from roadshow.services.reports.periods import Period
from roadshow.services.yousaid import findings as service

bp = Blueprint("yousaid", __name__)

# The panel's one write permission: findings. Responses and publishing stay with coordinators and admins.
finding_writers_required = roles_required(*READERS)


@bp.app_template_global()
def latest_you_said_we_did() -> tuple[Period, YouSaidPeriod] | None:
    """The most recently published period, for the session page's opening reminder."""
    return service.latest_published()


@bp.app_template_filter("plain_period")
def plain_period(period: Period) -> str:
    """'July to September 2026' for a reporting period."""
    return service.plain_label(period)


@bp.app_template_filter("plain_figure")
def plain_figure(display: str) -> str:
    """A protected figure in words ('fewer than 10'); '' when it is withheld."""
    return service.plain_figure(display)


@bp.app_template_filter("yousaid_status")
def status_words(status: str | None) -> str:
    """Where a response stands, in the public page's words."""
    return ResponseStatus.PLAIN.get(status or "", "")


@bp.app_template_filter("yousaid_responder")
def responder_words(responder: str | None) -> str:
    """Who responded, in the public page's words."""
    return Responder.PLAIN.get(responder or "", "")


from roadshow.yousaid import staff, views  # noqa: E402,F401
