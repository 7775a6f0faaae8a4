"""The baseline for `make bench`: Flask's own ceiling on this machine, one route, no database.

Served by gunicorn with the same settings as the app (gunicorn.conf.py, 2 sync workers).
"""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello() -> str:
    return "Hello, World!"
