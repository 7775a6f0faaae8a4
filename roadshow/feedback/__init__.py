from flask import Blueprint

bp = Blueprint("feedback", __name__)

from roadshow.feedback import privacy_logging, safeguarding_views, steps, views  # noqa: E402,F401

bp.record_once(lambda _state: privacy_logging.install())
