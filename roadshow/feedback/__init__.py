from flask import Blueprint

bp = Blueprint("feedback", __name__)

from roadshow.feedback import views  # noqa: E402,F401
