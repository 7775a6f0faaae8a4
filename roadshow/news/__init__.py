from flask import Blueprint

bp = Blueprint("news", __name__)

from roadshow.news import send_views, staff_views, subscribe_views, views  # noqa: E402,F401
