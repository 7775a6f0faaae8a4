from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from roadshow.staff import views  # noqa: E402,F401
from roadshow.staff import mail_views  # noqa: E402,F401
