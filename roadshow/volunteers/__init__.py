from flask import Blueprint

bp = Blueprint("volunteers", __name__)

from roadshow.volunteers import views  # noqa: E402,F401
