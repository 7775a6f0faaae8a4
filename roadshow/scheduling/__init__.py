from flask import Blueprint

bp = Blueprint("scheduling", __name__)

from roadshow.scheduling import held, languages, offers, views  # noqa: E402,F401
