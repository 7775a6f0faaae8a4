from flask import Blueprint

bp = Blueprint("bookings", __name__)

from roadshow.bookings import staff, views  # noqa: E402,F401
