"""Commands that belong to one feature are added here, one line each."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from roadshow.news.commands import send_edition
    from roadshow.ops.commands import COMMANDS as ops_commands
    from roadshow.reports.commands import report_rollup_command
    from roadshow.scheduling.cli import schedule_session, send_reminders

    for command in (send_edition, report_rollup_command, schedule_session, send_reminders, *ops_commands):
        app.cli.add_command(command)
