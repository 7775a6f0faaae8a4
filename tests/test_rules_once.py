"""Each rule is written once: a second copy of one of these is how two features came to disagree."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = sorted((ROOT / "roadshow").rglob("*.py"))
ONCE = {"months_before", "normalise_code", "smtp_connection", "absolute_url", "safe_cell"}
# The youth age range as numbers: 13 and 18 together, or a bound compared with 13 or 18.
AGE_LITERAL = re.compile(r"\b13\s*,\s*18\b|range\(13\b|(MIN|MAX)_AGE\s*=\s*1[38]\b|(min|max)=\"1[38]\"")


def test_each_rule_function_is_defined_once():
    defined = Counter(
        node.name
        for path in CODE
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef) and node.name.lstrip("_") in ONCE
    )
    assert {name: n for name, n in defined.items() if n > 1 or name.startswith("_")} == {}
    assert set(defined) == ONCE


def test_the_youth_age_range_is_written_only_in_constants():
    files = [*CODE, *sorted((ROOT / "templates").rglob("*.html"))]
    found = [
        str(path.relative_to(ROOT))
        for path in files
        if path.name != "constants.py" and not path.name.endswith("demo.py") and AGE_LITERAL.search(path.read_text())
    ]
    assert found == []


def test_every_questionnaire_offers_the_districts_from_constants():
    """Versions keep their own (translatable) wording, but the districts they store are the same list."""
    from roadshow import questionnaire
    from roadshow.constants import DISTRICTS

    for version in questionnaire.QUESTIONNAIRES.values():
        district = next(q for q in version.questions if q.key == "district")
        codes = [value for value, _label in district.options if value not in ("elsewhere", "prefer_not")]
        assert codes == [code for code, _name in DISTRICTS]
