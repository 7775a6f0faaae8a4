"""The report page and its export: who may read them, what they show and what they never show."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import AuditEntry, Comment, FeedbackResponse
from roadshow.services.reports import disclosure
from tests.reports.factories import make_comment, make_response, make_responses, make_session

Q1 = "q-2026-1"  # April to June 2026


def _csv(client, query: str = "") -> list[dict[str, str]]:
    response = client.get(f"/reports/export.csv{query}", buffered=True)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


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


def _published(*where) -> str:
    """The responses figure the page must show for these responses: the true count, adjusted by its cell key."""
    n, keys = db.session.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(FeedbackResponse.record_key), 0)).where(*where)
    ).one()
    return str(disclosure.perturb(n, keys % disclosure.KEY_MODULUS))


def _responses_total(rows: list[dict[str, str]]) -> str:
    return next(r for r in rows if r["table"] == "totals" and r["row"] == "Responses" and r["column"] == "Total")[
        "value"
    ]


def test_small_groups_are_withheld_with_one_symbol_and_no_count_is_one_to_nine(client, users, login, fenland_quarter):
    login(users["panel"])
    page = client.get(f"/reports/?period={Q1}").get_data(as_text=True)
    rows = _csv(client, f"?period={Q1}")
    asian = [
        r
        for r in rows
        if r["table"] == "breakdown:ethnicity" and r["row"].startswith("Asian") and r["column"] != "Total"
    ]
    assert asian and all(r["withheld"] == "yes" and r["value"] == "" for r in asian)  # 3 people: never split
    assert "[c]" in page and "&lt;10" not in page
    for row in rows:
        if row["measure"] == "count" and row["withheld"] == "no" and row["table"] != "totals":
            assert not 0 < float(row["value"]) < 10, row


def test_disproportionality_ratio_is_printed_with_caveats(client, users, login, fenland_quarter):
    login(users["panel"])
    page = client.get(f"/reports/?period={Q1}").get_data(as_text=True)
    assert "not rates for the population" in page
    rows = _csv(client, f"?period={Q1}")
    assert {r["row"] for r in rows if r["measure"] == "ratio to White"} >= {"White"}


def test_district_filter_counts_only_sessions_in_that_district(client, users, login, fenland_quarter):
    elsewhere = make_session(district="cambridge")
    make_responses(elsewhere, 40, answers={"stopped": "never"})
    db.session.commit()
    login(users["panel"])
    fenland = _responses_total(_csv(client, f"?period={Q1}&district=fenland"))
    assert fenland == _published(FeedbackResponse.session_id == fenland_quarter.id)
    assert _responses_total(_csv(client, f"?period={Q1}")) == _published()
    assert abs(int(fenland) - 58) <= disclosure.MAX_ADJUSTMENT


def test_responses_outside_the_period_are_left_out(client, users, login, fenland_quarter):
    make_responses(fenland_quarter, 20, on=date(2026, 7, 1))
    db.session.commit()
    login(users["panel"])
    in_q1 = FeedbackResponse.submitted_on < date(2026, 7, 1)
    assert _responses_total(_csv(client, f"?period={Q1}")) == _published(in_q1)
    assert _responses_total(_csv(client, "?period=fy-2026")) == _published()


def test_a_made_up_period_is_not_found(client, users, login):
    login(users["panel"])
    assert client.get("/reports/?period=2026-01-01..2026-02-01").status_code == 404


def test_an_empty_report_says_so(client, users, login):
    login(users["panel"])
    page = client.get("/reports/").get_data(as_text=True)
    assert "No approved comments" in page
    assert "Fewer than 20 young people answered here" in page


def test_answers_are_labelled_with_their_questionnaire_wording(client, users, login, fenland_quarter):
    login(users["panel"])
    rows = _csv(client, f"?period={Q1}")
    useful = [r for r in rows if r["table"] == "question:useful" and r["measure"] == "count"]
    assert {"5 – Very useful", "4"} <= {r["column"] for r in useful}


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
    assert _responses_total(rows) == _published(FeedbackResponse.session_id == fenland_quarter.id)


def test_the_csv_opens_cleanly_in_a_spreadsheet(client, users, login, fenland_quarter):
    login(users["panel"])
    text = client.get(f"/reports/export.csv?period={Q1}", buffered=True).get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["period", "scope", "table", "row", "column", "measure", "value", "withheld"]
    for row in rows[1:]:
        value, withheld = row[6], row[7]
        assert withheld in ("yes", "no")
        assert (value == "") == (withheld == "yes")
        if value:
            float(value)  # a number, with no "%" or thousands comma
    assert any(r[5] == "percent" for r in rows[1:])


def test_comments_of_a_small_session_are_shown_by_district_and_quarter_never_by_name(client, users, login):
    small = make_session(district="fenland")
    make_responses(small, 4, answers={"stopped": "never"})
    big = make_session(district="fenland")
    make_responses(big, 25, answers={"stopped": "never"})
    make_comment(small, "Words from a small group")
    make_comment(big, "Words from a big group")
    db.session.commit()
    login(users["panel"])
    page = client.get(f"/reports/?period={Q1}").get_data(as_text=True)
    page = page[page.index('id="comments-title"') :]
    assert "Words from a small group" in page and small.title not in page
    assert "Sessions in Fenland with fewer than 20 young people" in page
    assert big.title in page
    own = client.get(f"/reports/?period={Q1}&session={small.id}").get_data(as_text=True)
    assert "Words from a small group" not in own
    assert "Fewer than 20 young people answered here" in own


def test_what_stands_out_compares_with_the_previous_quarter(client, users, login, fenland_quarter):
    make_responses(fenland_quarter, 30, on=date(2026, 8, 3), answers={"stopped": "never", "useful": "5"})
    db.session.commit()
    login(users["panel"])
    page = client.get("/reports/?period=q-2026-2").get_data(as_text=True)
    assert "What stands out" in page
    assert "on Q1 2026/27 (April to June 2026)" in page
    assert "Generated on" in page and "data-print" in page
