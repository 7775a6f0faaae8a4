"""Commands that belong to one feature are added here, one line each."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from roadshow.news.commands import send_edition

    app.cli.add_command(send_edition)

    from roadshow.scheduling.cli import schedule_session

    app.cli.add_command(schedule_session)
