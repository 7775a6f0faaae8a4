from flask import Blueprint

bp = Blueprint("main", __name__)

from roadshow.main import views  # noqa: E402,F401
