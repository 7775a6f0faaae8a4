from flask import Blueprint

bp = Blueprint("bookings", __name__)

from roadshow.bookings import views  # noqa: E402,F401
