"""Entry point for gunicorn and the `flask` command."""

from roadshow import create_app

app = create_app()
