"""The report rollup: the same counts as the responses, kept in step as responses come and go."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from freezegun import freeze_time

from roadshow.extensions import db
from roadshow.models import FeedbackAnswer, FeedbackResponse, RoadshowSession
from roadshow.services.reports import rollup as report_rollup
from roadshow.services.reports.periods import parse
from roadshow.services.reports.queries import ReportFilter, answer_counts, breakdown_counts
from tests.reports.demo_data import populate
from tests.reports.factories import make_responses, make_session


def _raw_answers() -> dict[tuple, int]:
    a, r = FeedbackAnswer, FeedbackResponse
    query = (
        sa.select(a.question_key, r.questionnaire_version, a.value, sa.func.count(), sa.func.sum(r.record_key))
        .join(r, r.id == a.response_id)
        .group_by(a.question_key, r.questionnaire_version, a.value)
    )
    return {(k, v, val): (n, key % 256) for k, v, val, n, key in db.session.execute(query)}


def _rolled_answers(f: ReportFilter) -> dict[tuple, tuple[int, int]]:
    """Counts and cell keys from the rollup: the keys must match the responses' own, or perturbation drifts."""
    return {(k, v, val): (n, key % 256) for k, v, val, n, key in answer_counts(f)}


def test_rollup_counts_match_the_responses(app):
    populate(quarters=2)
    report_rollup.refresh()
    assert _rolled_answers(ReportFilter(parse("all"))) == _raw_answers()


def test_new_responses_are_added_without_counting_old_ones_twice(app):
    session = make_session()
    make_responses(session, 12, answers={"stopped": "never"})
    db.session.commit()
    report_rollup.refresh()
    make_responses(session, 15, answers={"stopped": "once"})
    db.session.commit()
    report_rollup.refresh()
    report_rollup.refresh()
    assert _rolled_answers(ReportFilter(parse("all"))) == _raw_answers()
    counts = _rolled_answers(ReportFilter(parse("all")))
    assert counts[("stopped", 1, "never")][0] == 12 and counts[("stopped", 1, "once")][0] == 15


def _delete_session(session: RoadshowSession) -> None:
    db.session.execute(sa.delete(FeedbackResponse).where(FeedbackResponse.session_id == session.id))
    db.session.execute(sa.delete(RoadshowSession).where(RoadshowSession.id == session.id))
    db.session.commit()


def test_deleting_the_newest_responses_rebuilds_the_rollup_at_once(app):
    kept, dropped = make_session(district="cambridge"), make_session(district="fenland")
    make_responses(kept, 11)
    make_responses(dropped, 13)
    db.session.commit()
    report_rollup.refresh()
    _delete_session(dropped)
    report_rollup.refresh()
    assert {k: n for k, (n, _) in _rolled_answers(ReportFilter(parse("all"))).items()} == {("stopped", 1, "never"): 11}


def test_deleting_older_responses_shows_within_minutes(app):
    with freeze_time("2026-06-01 10:00:00") as clock:
        dropped, kept = make_session(district="fenland"), make_session(district="cambridge")
        make_responses(dropped, 13)
        make_responses(kept, 11)
        db.session.commit()
        report_rollup.refresh()
        _delete_session(dropped)
        clock.tick(timedelta(minutes=6))
        report_rollup.refresh()
        assert {k: n for k, (n, _) in _rolled_answers(ReportFilter(parse("all"))).items()} == {
            ("stopped", 1, "never"): 11
        }


def test_district_filter_reads_the_sessions_district(app):
    make_responses(make_session(district="cambridge"), 11, district="fenland")
    make_responses(make_session(district="fenland"), 13, district="fenland")
    db.session.commit()
    report_rollup.refresh()
    rows = breakdown_counts(ReportFilter(parse("all"), district="fenland"))
    assert [n for d, c, st, n, _k in rows if (d, c, st) == ("district", "fenland", "never")] == [13]


def test_the_command_builds_the_rollup(app):
    make_responses(make_session(), 14)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["report-rollup"])
    assert "holds 14 responses" in result.output
