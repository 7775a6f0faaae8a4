"""The rules of 'you said, we did': drafts stay private, every change is audited, the right groups are told."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import AuditEntry
from roadshow.services import DomainError
from roadshow.services.reports import build as reports
from roadshow.services.reports import queries as report_queries
from roadshow.services.yousaid import findings as yousaid
from roadshow.services.yousaid.findings import ResponseInput
from tests.yousaid.factories import finding_with_response, hosted_session, last_quarter


def test_every_change_is_audited_with_who_did_it(app, users):
    code = last_quarter().code
    finding = yousaid.add_finding(code, "You said officers rushed.", actor=users["panel"])
    yousaid.edit_finding(finding, "You said officers were in a rush.", actor=users["panel"])
    response = yousaid.add_response(finding, ResponseInput("force", "Slower stops.", "planned"), actor=users["admin"])
    yousaid.edit_response(response, ResponseInput("force", "Slower stops.", "done"), actor=users["coordinator"])
    yousaid.publish(yousaid.find_period(code), actor=users["coordinator"])
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action.startswith("yousaid.")).order_by(AuditEntry.id)
    ).all()
    assert [(e.action, e.actor_id) for e in entries] == [
        ("yousaid.finding.create", users["panel"].id),
        ("yousaid.finding.edit", users["panel"].id),
        ("yousaid.response.create", users["admin"].id),
        ("yousaid.response.edit", users["coordinator"].id),
        ("yousaid.publish", users["coordinator"].id),
    ]
    assert all("rush" not in e.detail and "Slower" not in e.detail for e in entries), "no free text in the log"


def test_not_taken_forward_needs_a_reason(app, users):
    finding = yousaid.add_finding(last_quarter().code, "You said hats off.", actor=users["panel"])
    with pytest.raises(DomainError, match="reason"):
        yousaid.add_response(finding, ResponseInput("force", "No.", "not_taken_forward", "  "), actor=users["admin"])
    response = yousaid.add_response(
        finding, ResponseInput("force", "No.", "not_taken_forward", "Safety."), actor=users["admin"]
    )
    assert response.reason == "Safety."
    yousaid.edit_response(response, ResponseInput("force", "Yes after all.", "done", "Safety."), actor=users["admin"])
    assert response.reason == "", "a reason belongs only to a response not taken forward"


@pytest.mark.parametrize("text", ["", "   ", "x" * (yousaid.FINDING_MAX + 1)])
def test_a_finding_must_have_words_and_fit(app, users, text):
    with pytest.raises(DomainError):
        yousaid.add_finding(last_quarter().code, text, actor=users["panel"])


def test_publishing_an_empty_period_is_refused(app, users):
    with pytest.raises(DomainError, match="at least one finding"):
        yousaid.publish(yousaid.find_period(last_quarter().code), actor=users["coordinator"])


def test_edits_after_publishing_wait_for_the_next_publish(app, users):
    code = last_quarter().code
    finding = finding_with_response(code, users["panel"], users["coordinator"], "Old words.", "Old answer.")
    yousaid.publish(finding.period, actor=users["coordinator"])
    yousaid.edit_finding(finding, "New words.", actor=users["panel"])
    yousaid.edit_response(finding.responses[0], ResponseInput("office", "New answer.", "planned"), actor=users["admin"])
    assert (finding.public_text, finding.responses[0].public_text) == ("Old words.", "Old answer.")
    assert finding.period.has_unpublished_changes
    yousaid.publish(finding.period, actor=users["coordinator"])
    assert (finding.public_text, finding.responses[0].public_text) == ("New words.", "New answer.")
    assert finding.responses[0].public_status == "planned"
    assert not finding.period.has_unpublished_changes


def test_hosting_groups_are_each_delivered_session_s_group_once_unless_purged_or_not_consenting(app, users):
    period = last_quarter()
    hosted_session(period, "club@example.org", offset=5)
    hosted_session(period, "CLUB@example.org", offset=20)  # the same group again: one email
    hosted_session(period, "school@example.org", offset=30)
    hosted_session(period, "gone@example.org", purged=True)
    hosted_session(period, "no-consent@example.org", consent=False)
    hosted_session(period, "cancelled@example.org", status="cancelled")
    hosted_session(period, "later@example.org", offset=100)  # the next quarter
    db.session.commit()
    assert sorted(g.email.lower() for g in yousaid.hosting_groups(period)) == [
        "club@example.org",
        "school@example.org",
    ]


def test_only_the_first_publication_returns_groups_to_tell(app, users):
    period = last_quarter()
    hosted_session(period, "club@example.org")
    finding = finding_with_response(period.code, users["panel"], users["coordinator"], "Words.", "Answer.")
    assert [g.email for g in yousaid.publish(finding.period, actor=users["coordinator"])] == ["club@example.org"]
    assert yousaid.publish(finding.period, actor=users["coordinator"]) == []


def test_published_figures_are_exactly_what_the_protected_report_prints(app, users):
    period = last_quarter()
    hosted_session(period, "a@example.org", responses=14)
    hosted_session(period, "b@example.org", responses=13, offset=40)
    finding = finding_with_response(period.code, users["panel"], users["coordinator"], "Words.", "Answer.")
    yousaid.publish(finding.period, actor=users["coordinator"])
    printed = {row.key: row.total.display for row in reports.build(report_queries.ReportFilter(period)).totals.rows}
    assert (finding.period.sessions_figure, finding.period.responses_figure) == (
        printed["sessions"],
        printed["responses"],
    )


def test_a_small_number_of_responses_is_never_published_as_it_is(app, client, users):
    period = last_quarter()
    hosted_session(period, "a@example.org", responses=3)
    finding = finding_with_response(period.code, users["panel"], users["coordinator"], "Words.", "Answer.")
    yousaid.publish(finding.period, actor=users["coordinator"])
    db.session.commit()
    assert finding.period.responses_figure != "3"
    page = client.get("/you-said-we-did").get_data(as_text=True)
    figures = page[page.index('<h2 id="heading-') : page.index("You said</h3>")]
    assert "<dd>3</dd>" not in figures


def test_a_figure_the_report_withholds_is_not_put_into_words():
    assert yousaid.plain_figure("[c]") == ""
    assert yousaid.plain_figure("1,204") == "1,204"


def test_periods_are_plain_and_newest_first(app):
    choices = yousaid.period_choices(yousaid.periods.parse("q-2026-3").start)  # type: ignore[arg-type]
    assert [p.code for p in choices[:4]] == ["q-2026-3", "q-2026-2", "q-2026-1", "fy-2026"]
    assert yousaid.plain_label(yousaid.periods.parse("q-2026-4")) == "January to March 2027"
    assert yousaid.plain_label(yousaid.periods.parse("fy-2026")) == "April 2026 to March 2027"
