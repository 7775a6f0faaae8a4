"""`flask schedule-session` obeys the same conflict rules as the staff form."""

from __future__ import annotations

from datetime import date, time

from roadshow.models.scheduling import RoadshowSession

ARGS = [
    "schedule-session", "--title", "Ramsey Youth Club", "--date", "2027-06-02", "--start", "18:00", "--end", "20:00",
    "--venue", "Ramsey Community Centre, Great Whyte, Ramsey", "--postcode", "PE26 1HB",
    "--district", "huntingdonshire",
]  # fmt: skip


def test_the_command_schedules_a_session(app, facilitator):
    result = app.test_cli_runner().invoke(args=[*ARGS, "--facilitator", facilitator.email])
    assert result.exit_code == 0, result.output
    assert "feedback code" in result.output
    assert RoadshowSession.query.one().title == "Ramsey Youth Club"


def test_the_command_refuses_a_clash_naming_it(app, facilitator, schedule):
    schedule(title="Wisbech Youth Club", day=date(2027, 6, 2), starts=time(20, 30), ends=time(21, 30))
    result = app.test_cli_runner().invoke(args=[*ARGS, "--facilitator", facilitator.email])
    assert result.exit_code != 0
    assert "Sam Facilitator is already facilitating “Wisbech Youth Club”" in result.output
