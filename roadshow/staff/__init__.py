from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from roadshow.staff import languages, mail_views, views  # noqa: E402,F401
