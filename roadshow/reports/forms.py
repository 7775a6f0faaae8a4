"""The report filter (a GET form) and a coordinator's theme for a comment."""

from __future__ import annotations

from urllib.parse import parse_qsl

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from roadshow.constants import DISTRICTS
from roadshow.forms import choices


class ReportFilterForm(FlaskForm):
    """Fixed periods only; a district or one session narrows the report."""

    class Meta:
        csrf = False  # a read-only GET form; its values are in the address

    period = SelectField("Period", default="all")
    district = SelectField("District", description="Where the sessions took place.", validators=[Optional()])
    session = SelectField("Session", description="Choosing a session overrides the district.", validators=[Optional()])

    def fill_choices(self, periods: list[tuple[str, str]], sessions: list[tuple[str, str]]) -> None:
        self.period.choices = choices(periods)
        self.district.choices = choices([("", "All districts"), *DISTRICTS])
        self.session.choices = choices([("", "All sessions"), *sessions])


class ThemeForm(FlaskForm):
    theme = StringField(
        "Theme",
        validators=[DataRequired("Enter a theme, like “respect” or “explaining the search”."), Length(max=60)],
    )
    return_query = HiddenField()

    def return_args(self) -> dict[str, str]:
        """The report filters to go back to; only the filter names are kept."""
        pairs = parse_qsl(self.return_query.data or "")
        return {k: v for k, v in pairs if k in ("period", "district", "session") and len(v) <= 20}
