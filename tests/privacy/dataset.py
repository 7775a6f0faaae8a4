"""A seeded dataset full of small cells across nested periods, districts and sessions, with its true counts.

The truth is worked out here from the generated answers, not read back from the app, so the attack
can check that the real figures satisfy every constraint it draws from the published ones.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from roadshow import questionnaire
from roadshow.services.reports.periods import quarter_of
from tests.reports.factories import make_response, make_session

# Three districts, five quarters (two financial years), one or two sessions each: 15 to 20 sessions.
DISTRICTS = ("cambridge", "fenland", "peterborough")
SESSION_DAYS = (date(2026, 2, 10), date(2026, 5, 12), date(2026, 8, 11), date(2026, 11, 10), date(2027, 2, 9))
SIZES = (3, 4, 5, 7, 9, 12, 16, 21, 24, 28)
MULTI_COLUMN = "Respondents who ticked it"
GROUPED = {
    "gowisely": ("told_grounds", "told_object", "gave_identity", "told_record"),
    "confidence": ("confidence_before", "confidence_after"),
}
BREAKDOWN_COLUMNS = {"never": "Never", "once": "Once or more", "more_than_once": "Once or more"}
BREAKDOWN_COLUMNS["prefer_not"] = "Rather not say"
AGE_LABELS = {"13-15": "13 to 15", "16-17": "16 to 17", "18": "18"}
NOT_ANSWERED = "Not answered"

Cell = tuple[str, str, str]  # (table key, row label, column label)


@dataclass
class Dataset:
    """Sessions (id -> district and quarter label) and the true count of every (session, cell)."""

    sessions: dict[int, tuple[str, str]] = field(default_factory=dict)
    days: dict[int, date] = field(default_factory=dict)
    responses: Counter[int] = field(default_factory=Counter)
    truth: Counter[tuple[int, Cell]] = field(default_factory=Counter)


def _question(key: str) -> questionnaire.Question:
    """The question as the report labels it: from the newest version that asks it."""
    newest = max(v for v, q in questionnaire.QUESTIONNAIRES.items() if q.has_question(key))
    return questionnaire.get(newest).question(key)


def _label(key: str, value: str) -> str:
    return _question(key).option_label(value)


def _text(key: str) -> str:
    return _question(key).text


def cells_of(answers: dict[str, str | list[str]], about: dict[str, str | None], age_band: str) -> list[Cell]:
    """Every table cell one response is counted in, labelled as the report labels it."""
    out: list[Cell] = []
    grouped = {key: name for name, keys in GROUPED.items() for key in keys}
    for key, value in answers.items():
        if isinstance(value, list):
            out += [(f"question:{key}", _label(key, v), MULTI_COLUMN) for v in value]
        elif key in grouped:
            out.append((grouped[key], _text(key), _label(GROUPED[grouped[key]][0], value)))
        else:
            out.append((f"question:{key}", "Respondents", _label(key, value)))
    stopped = answers.get("stopped")
    if isinstance(stopped, str):
        column = BREAKDOWN_COLUMNS[stopped]
        out.append(("breakdown:age_band", AGE_LABELS[age_band], column))
        for dim in ("gender", "ethnicity", "district"):
            value = about[dim]
            out.append((f"breakdown:{dim}", _label(dim, value) if value else NOT_ANSWERED, column))
    return out


def _answers(rnd: random.Random) -> dict[str, str | list[str]]:
    stopped = rnd.choices(("never", "once", "more_than_once", "prefer_not"), weights=(10, 3, 2, 1))[0]
    answers: dict[str, str | list[str]] = {"stopped": stopped}
    if stopped in ("once", "more_than_once"):
        for key in GROUPED["gowisely"]:
            answers[key] = rnd.choices(("yes", "no", "not_sure"), weights=(5, 3, 1))[0]
        answers["respect"] = rnd.choice("12345")
    answers["confidence_before"] = rnd.choices("12345", weights=(1, 2, 4, 3, 1))[0]
    answers["confidence_after"] = rnd.choices("12345", weights=(1, 1, 3, 4, 3))[0]
    answers["useful"] = rnd.choices("12345", weights=(1, 1, 2, 5, 5))[0]
    answers["force"] = rnd.choice((["none"], ["none"], ["handcuffs"], ["handcuffs", "restraint"], ["taser"]))
    return answers


def generate(seed: int = 22) -> Dataset:
    """Sessions in three districts over five quarters, most of them small; commits nothing."""
    rnd = random.Random(seed)
    keys = random.Random(seed + 1999)  # record keys from a fixed seed too, so every run is the same
    data = Dataset()
    for day in SESSION_DAYS:
        for district in DISTRICTS:
            for _ in range(rnd.choice((1, 1, 2))):
                starts = datetime.combine(day, datetime.min.time(), UTC).replace(hour=14)
                session = make_session(district=district, starts=starts)
                data.sessions[session.id] = (district, quarter_of(day).label)
                data.days[session.id] = day
                for _ in range(rnd.choice(SIZES)):
                    answers = _answers(rnd)
                    about = {
                        "gender": rnd.choices(("girl", "boy", "non_binary", None), weights=(8, 8, 1, 1))[0],
                        "ethnicity": rnd.choices(("white", "asian", "black", "mixed", None), weights=(9, 3, 3, 2, 1))[
                            0
                        ],
                        "district": rnd.choice((district, district, district, "elsewhere")),
                    }
                    age_band = rnd.choice(("13-15", "16-17", "18"))
                    key = keys.randrange(256)
                    make_response(session, on=day, age_band=age_band, answers=answers, record_key=key, **about)
                    data.responses[session.id] += 1
                    for cell in cells_of(answers, about, age_band):
                        data.truth[(session.id, cell)] += 1
    return data
