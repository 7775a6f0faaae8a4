from flask import Blueprint

bp = Blueprint("scheduling", __name__)

from roadshow.scheduling import calendar_views, held, languages, offers, views  # noqa: E402,F401
