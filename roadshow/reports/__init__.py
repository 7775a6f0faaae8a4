from flask import Blueprint

bp = Blueprint("reports", __name__)


@bp.context_processor
def _helpers() -> dict[str, object]:
    return {"zip": zip}


from roadshow.reports import views  # noqa: E402,F401
