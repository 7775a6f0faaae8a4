"""Commands that belong to one feature are added here, one line each."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    # features add: app.cli.add_command(<their command>)
    from roadshow.reports.commands import report_rollup_command

    app.cli.add_command(report_rollup_command)
