"""`flask purge` forgets applications that went nowhere and keeps only anonymous counts."""

from __future__ import annotations

import sqlalchemy as sa
from freezegun import freeze_time

from roadshow.extensions import db
from roadshow.models import AuditEntry
from roadshow.models.volunteer import VolunteerApplication, VolunteerCount, VolunteerNote, VolunteerStatusChange
from roadshow.services.volunteers import retention as volunteer_retention
from roadshow.services.volunteers import status as volunteer_status


def _references() -> set[str]:
    return set(db.session.scalars(sa.select(VolunteerApplication.reference)))


def _purge(app) -> str:
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    return result.output


def test_applications_that_did_not_proceed_go_after_six_months(app, make_application, users):
    coordinator = users["coordinator"]
    with freeze_time("2026-01-15 10:00") as clock:
        old = make_application(group="youth", age=17, district="fenland")
        volunteer_status.change_status(old, "not_proceeding", actor=coordinator, reason="withdrew")
        volunteer_status.add_note(old, "Moved away", actor=coordinator)
        db.session.commit()
        old_id = old.id

        clock.move_to("2026-05-01 10:00")
        recent = make_application()
        volunteer_status.change_status(recent, "not_proceeding", actor=coordinator, reason="no_reply")
        db.session.commit()
        kept = recent.reference

        clock.move_to("2026-07-15 09:59")
        assert "volunteer applications removed: 0" in _purge(app)  # one minute short of six months

        clock.move_to("2026-07-15 10:01")
        assert "volunteer applications removed: 1" in _purge(app)

    assert _references() == {kept}
    # Notes and history went with it.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(VolunteerNote)) == 0
    assert db.session.scalars(sa.select(VolunteerStatusChange.application_id)).all().count(old_id) == 0
    [count] = db.session.scalars(sa.select(VolunteerCount)).all()
    assert (count.quarter, count.group, count.district, count.outcome, count.count) == (
        "2026-Q1",
        "youth",
        "fenland",
        "not_proceeding",
        1,
    )


def test_applications_never_taken_forward_also_go(app, make_application, users):
    with freeze_time("2026-01-10") as clock:
        untouched = make_application()
        contacted = make_application()
        volunteer_status.change_status(contacted, "contacted", actor=users["coordinator"])
        db.session.commit()
        clock.move_to("2026-08-01")
        volunteer_retention.purge_stale()
        db.session.commit()
    assert untouched.reference not in _references() and contacted.reference not in _references()
    outcomes = {c.outcome: c.count for c in db.session.scalars(sa.select(VolunteerCount))}
    assert outcomes == {"new": 1, "contacted": 1}


def test_people_invited_or_who_joined_are_kept(app, make_application, users):
    coordinator = users["coordinator"]
    with freeze_time("2025-01-10") as clock:
        invited = make_application()
        joined = make_application()
        volunteer_status.change_status(invited, "invited", actor=coordinator)
        for step in ("contacted", "invited", "joined"):
            volunteer_status.change_status(joined, step, actor=coordinator)
        db.session.commit()
        clock.move_to("2026-06-01")
        assert volunteer_retention.purge_stale() == 0
    assert _references() == {invited.reference, joined.reference}


def test_the_clock_starts_again_when_an_application_moves_on(app, make_application, users):
    with freeze_time("2026-01-10") as clock:
        application = make_application()
        clock.move_to("2026-06-01")
        volunteer_status.change_status(application, "contacted", actor=users["coordinator"])
        db.session.commit()
        clock.move_to("2026-08-01")  # over six months since applying, two since the last change
        assert volunteer_retention.purge_stale() == 0


def test_retention_period_is_configurable(app, make_application):
    app.config["VOLUNTEER_RETENTION_MONTHS"] = 3
    with freeze_time("2026-01-10") as clock:
        make_application()
        clock.move_to("2026-04-11")
        assert volunteer_retention.purge_stale() == 1


def test_counts_add_up_across_purges_and_include_applications_still_held(app, make_application):
    with freeze_time("2026-02-01") as clock:
        make_application(group="panel", district="peterborough")
        make_application(group="panel", district="peterborough")
        clock.move_to("2026-09-01")
        volunteer_retention.purge_stale()
        make_application(group="panel", district="peterborough")
        db.session.commit()
        clock.move_to("2026-09-02")
        make_application(
            group="youth",
            age=14,
            district="cambridge",
            guardian_name="G",
            guardian_phone="07700900999",
            guardian_agreed=True,
        )
        clock.move_to("2027-04-01")
        volunteer_retention.purge_stale()
        db.session.commit()
    rows = {(r.quarter, r.group, r.district): r.count for r in db.session.scalars(sa.select(VolunteerCount))}
    assert rows == {
        ("2026-Q1", "panel", "peterborough"): 2,
        ("2026-Q3", "panel", "peterborough"): 1,
        ("2026-Q3", "youth", "cambridge"): 1,
    }
    totals = {
        (r.group, r.district): (r.current, r.deleted, r.total)
        for r in volunteer_retention.counts_by_group_and_district()
    }
    assert totals == {("panel", "peterborough"): (0, 3, 3), ("youth", "cambridge"): (0, 1, 1)}


def test_counts_hold_nothing_that_identifies_anyone(app, make_application):
    with freeze_time("2026-01-10") as clock:
        make_application(first_name="Zed", email="zed@example.com", phone="07700900321")
        clock.move_to("2026-08-01")
        volunteer_retention.purge_stale()
        db.session.commit()
    row = db.session.execute(sa.select(VolunteerCount.__table__)).one()
    assert not any(str(value) in ("Zed", "zed@example.com", "07700900321") for value in row)
    assert set(VolunteerCount.__table__.columns.keys()) == {"id", "quarter", "group", "district", "outcome", "count"}


def test_purge_is_audited_as_a_number(app, make_application):
    with freeze_time("2026-01-10") as clock:
        make_application()
        clock.move_to("2026-08-01")
        _purge(app)
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "volunteer.purged"))
    assert entry.detail == "rows=1" and entry.actor_label == "system"


def test_totals_table_on_the_staff_list(app, client, users, login, make_application):
    with freeze_time("2026-01-10") as clock:
        make_application(district="huntingdonshire")
        clock.move_to("2026-08-01")
        volunteer_retention.purge_stale()
        db.session.commit()
        make_application(district="huntingdonshire")
    login(users["coordinator"])
    page = client.get("/staff/volunteers").get_data(as_text=True)
    totals = page.split("Totals for reporting")[1]
    assert "Huntingdonshire" in totals
    assert '<td class="num">1</td>\n    <td class="num">1</td>\n    <td class="num">2</td>' in totals
