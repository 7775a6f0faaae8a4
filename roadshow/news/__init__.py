from flask import Blueprint

bp = Blueprint("news", __name__)

from roadshow.news import staff_views, views  # noqa: E402,F401
