from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/staff")

from roadshow.auth import account_views, views  # noqa: E402,F401
