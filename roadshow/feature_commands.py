"""Commands that belong to one feature are added here, one line each."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from roadshow.ops.commands import COMMANDS as ops_commands

    for command in ops_commands:
        app.cli.add_command(command)
