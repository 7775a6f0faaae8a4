from flask import Blueprint

bp = Blueprint("scheduling", __name__)

from roadshow.scheduling import offers, views  # noqa: E402,F401
