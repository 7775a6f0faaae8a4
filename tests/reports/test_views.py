"""The report page and its export: who may read them, what they show and what they never show."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest

from roadshow.extensions import db
from roadshow.models import AuditEntry, Comment
from tests.reports.factories import make_comment, make_response, make_responses, make_session

Q1 = "q-2026-1"  # April to June 2026


def _csv(client, query: str = "") -> list[dict[str, str]]:
    response = client.get(f"/reports/export.csv{query}", buffered=True)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


@pytest.fixture
def fenland_quarter(app):
    """A quarter with 30 White and 25 Black respondents at one Fenland session, and 3 Asian respondents."""
    session = make_session(district="fenland")
    make_responses(session, 30, answers={"stopped": "once", "useful": "5"})
    make_responses(session, 25, ethnicity="black", answers={"stopped": "more_than_once", "useful": "4"})
    make_responses(session, 3, ethnicity="asian", answers={"stopped": "never"})
    db.session.commit()
    return session


@pytest.mark.parametrize("path", ["/reports/", f"/reports/export.csv?period={Q1}", "/reports/print.css"])
def test_anonymous_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code in (302, 303)
    assert "/staff/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["panel", "coordinator", "admin"])
def test_readers_can_open_the_report_and_export_it(client, users, login, role, fenland_quarter):
    login(users[role])
    assert client.get(f"/reports/?period={Q1}").status_code == 200
    assert _csv(client, f"?period={Q1}")


def test_panel_members_cannot_tag_themes(client, users, login, fenland_quarter):
    comment = make_comment(fenland_quarter, "Explain why")
    db.session.commit()
    login(users["panel"])
    response = client.post(f"/reports/comments/{comment.id}/theme", data={"theme": "respect"})
    assert response.status_code == 403
    assert db.session.get(Comment, comment.id).theme is None


def test_a_coordinator_tags_a_comment_and_it_is_audited(client, users, login, fenland_quarter):
    comment = make_comment(fenland_quarter, "Explain why you stop people")
    db.session.commit()
    login(users["coordinator"])
    response = client.post(
        f"/reports/comments/{comment.id}/theme", data={"theme": "Explaining", "return_query": f"period={Q1}"}
    )
    assert response.status_code == 303
    assert f"period={Q1}" in response.headers["Location"]
    assert db.session.get(Comment, comment.id).theme == "Explaining"
    assert db.session.query(AuditEntry).filter_by(action="comment.theme").count() == 1
    page = client.get(f"/reports/?period={Q1}").get_data(as_text=True)
    assert "<h4>Explaining</h4>" in page


def test_only_approved_comments_ever_appear(client, users, login, fenland_quarter):
    make_comment(fenland_quarter, "Approved words")
    make_comment(fenland_quarter, "Pending words", status="pending")
    make_comment(fenland_quarter, "Escalated words", status="escalated")
    make_comment(fenland_quarter, "Rejected words", status="rejected")
    db.session.commit()
    login(users["panel"])
    page = client.get(f"/reports/?period={Q1}").get_data(as_text=True)
    export = client.get(f"/reports/export.csv?period={Q1}", buffered=True).get_data(as_text=True)
    assert "Approved words" in page
    for hidden in ("Pending words", "Escalated words", "Rejected words"):
        assert hidden not in page and hidden not in export


def test_coordinators_cannot_theme_a_pending_comment(client, users, login, fenland_quarter):
    comment = make_comment(fenland_quarter, "Not yet", status="pending")
    db.session.commit()
    login(users["coordinator"])
    client.post(f"/reports/comments/{comment.id}/theme", data={"theme": "x"})
    assert db.session.get(Comment, comment.id).theme is None


def test_small_groups_show_as_under_ten_on_the_page_and_in_the_export(client, users, login, fenland_quarter):
    login(users["panel"])
    page = client.get(f"/reports/?period={Q1}").get_data(as_text=True)
    rows = _csv(client, f"?period={Q1}")
    asian_total = next(r for r in rows if r["dimension"] == "breakdown:ethnicity" and r["category"].startswith("Asian"))
    assert asian_total["value"] in ("<10", "[c]")
    assert "&lt;10" in page
    for row in rows:
        if row["measure"] == "count" and row["value"].replace(",", "").isdigit():
            assert not 0 < int(row["value"].replace(",", "")) < 10, row


def test_disproportionality_ratio_is_printed_with_caveats(client, users, login, fenland_quarter):
    login(users["panel"])
    page = client.get(f"/reports/?period={Q1}").get_data(as_text=True)
    assert "not rates for the population" in page
    rows = _csv(client, f"?period={Q1}")
    ratio = [r for r in rows if r["measure"] == "ratio to White"]
    assert {r["category"] for r in ratio} >= {"White"}


def test_district_filter_counts_only_sessions_in_that_district(client, users, login, fenland_quarter):
    elsewhere = make_session(district="cambridge")
    make_responses(elsewhere, 40, answers={"stopped": "never"})
    db.session.commit()
    login(users["panel"])
    rows = _csv(client, f"?period={Q1}&district=fenland")
    responses = next(r for r in rows if r["dimension"] == "totals" and r["category"] == "Responses | Total")
    assert responses["value"] == "58"
    everywhere = _csv(client, f"?period={Q1}")
    assert next(r for r in everywhere if r["category"] == "Responses | Total")["value"] == "98"


def test_responses_outside_the_period_are_left_out(client, users, login, fenland_quarter):
    make_responses(fenland_quarter, 20, on=date(2026, 7, 1))
    db.session.commit()
    login(users["panel"])
    rows = _csv(client, f"?period={Q1}")
    assert next(r for r in rows if r["category"] == "Responses | Total")["value"] == "58"
    year = _csv(client, "?period=fy-2026")
    assert next(r for r in year if r["category"] == "Responses | Total")["value"] == "78"


def test_a_made_up_period_is_not_found(client, users, login):
    login(users["panel"])
    assert client.get("/reports/?period=2026-01-01..2026-02-01").status_code == 404


def test_an_empty_report_says_so(client, users, login):
    login(users["panel"])
    page = client.get("/reports/").get_data(as_text=True)
    assert "No approved comments" in page
    assert "No answers to this question" in page


def test_answers_are_labelled_with_their_questionnaire_wording(client, users, login, fenland_quarter):
    login(users["panel"])
    rows = _csv(client, f"?period={Q1}")
    useful = [r for r in rows if r["dimension"] == "question:useful" and r["measure"] == "count"]
    assert {"Respondents | 5 – Very useful", "Respondents | 4"} <= {r["category"] for r in useful}


def test_print_stylesheet_names_the_period_and_scope(client, users, login, fenland_quarter):
    login(users["panel"])
    css = client.get(f"/reports/print.css?period={Q1}&district=fenland").get_data(as_text=True)
    assert "Q1 2026/27" in css and "Fenland" in css


def test_one_session_report(client, users, login, fenland_quarter):
    other = make_session(district="fenland", starts=datetime(2026, 6, 1, 10, tzinfo=UTC))
    make_response(other, answers={"stopped": "never"})
    db.session.commit()
    login(users["panel"])
    rows = _csv(client, f"?period={Q1}&session={fenland_quarter.id}")
    assert next(r for r in rows if r["category"] == "Responses | Total")["value"] == "58"
