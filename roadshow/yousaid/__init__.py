"""'You said, we did': the public page and feed, and the staff pages where findings and responses are written."""

from flask import Blueprint

from roadshow.models.yousaid import Responder, ResponseStatus
from roadshow.security import READERS, roles_required

bp = Blueprint("yousaid", __name__)

# The panel's one write permission: findings. Responses and publishing stay with coordinators and admins.
finding_writers_required = roles_required(*READERS)


@bp.app_template_global()
def latest_you_said_we_did() -> object:
    """The most recently published period, for the session page's opening reminder."""
    from roadshow.services import yousaid

    return yousaid.latest_published()


@bp.app_template_filter("plain_period")
def plain_period(period: object) -> str:
    """'July to September 2026' for a reporting period."""
    from roadshow.services import yousaid

    return yousaid.plain_label(period)  # type: ignore[arg-type]


@bp.app_template_filter("plain_figure")
def plain_figure(display: str) -> str:
    """A protected figure in words ('fewer than 10'); '' when it is withheld."""
    from roadshow.services import yousaid

    return yousaid.plain_figure(display)


@bp.app_template_filter("yousaid_status")
def status_words(status: str | None) -> str:
    """Where a response stands, in the public page's words."""
    return ResponseStatus.PLAIN.get(status or "", "")


@bp.app_template_filter("yousaid_responder")
def responder_words(responder: str | None) -> str:
    """Who responded, in the public page's words."""
    return Responder.PLAIN.get(responder or "", "")


from roadshow.yousaid import staff, views  # noqa: E402,F401
