"""Believable, demo-sized report data: a dozen sessions a quarter across the six districts."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from roadshow.extensions import db
from tests.reports.factories import make_comment, make_response, make_session

DISTRICTS = ("cambridge", "east_cambridgeshire", "fenland", "huntingdonshire", "south_cambridgeshire", "peterborough")
# Roughly the county's young people, with more from the groups the roadshow seeks out.
ETHNICITY = (("white", 62), ("asian", 12), ("black", 9), ("mixed", 8), ("other", 4), ("prefer_not", 3), (None, 2))
STOP_RATE = {"white": 0.12, "asian": 0.17, "black": 0.30, "mixed": 0.2, "other": 0.15, "prefer_not": 0.2, None: 0.1}
COMMENTS = (
    ("Tell people why you are searching them before you start.", "Explaining the search"),
    ("Be calm and don't shout, we get scared.", "Respect"),
    ("Turn the camera on every time so there is proof.", "Body-worn video"),
    ("Come to our youth club when nothing is wrong, not just when something happens.", "Building trust"),
    ("Give the paper record without us having to ask.", "Explaining the search"),
    ("Don't judge us by what we wear.", "Respect"),
)


def _pick(rnd: random.Random, weighted: tuple) -> object:
    return rnd.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _answers(rnd: random.Random, ethnicity: str | None) -> dict[str, str | list[str]]:
    stopped = "never"
    if rnd.random() < STOP_RATE[ethnicity]:
        stopped = "more_than_once" if rnd.random() < 0.35 else "once"
    elif rnd.random() < 0.04:
        stopped = "prefer_not"
    before = rnd.choices("12345", weights=(2, 3, 4, 3, 1))[0]
    after = str(min(5, int(before) + rnd.choice((0, 0, 1, 1, 2))))
    answers: dict[str, str | list[str]] = {
        "stopped": stopped,
        "confidence_before": before,
        "confidence_after": after,
        "useful": rnd.choices("12345", weights=(1, 1, 3, 6, 6))[0],
        "force": rnd.choice((["none"], ["handcuffs"], ["handcuffs", "restraint"], ["none"], ["taser"], ["none"])),
    }
    if stopped in ("once", "more_than_once"):
        for key, yes in (("told_grounds", 0.7), ("told_object", 0.6), ("gave_identity", 0.35), ("told_record", 0.3)):
            answers[key] = "yes" if rnd.random() < yes else rnd.choice(("no", "not_sure"))
        answers["respect"] = rnd.choices("12345", weights=(2, 2, 3, 4, 3))[0]
        answers["camera"] = rnd.choice(("yes", "yes", "no", "not_sure"))
    return answers


def populate(seed: int = 7, first_quarter_start: date = date(2026, 4, 1), quarters: int = 3) -> None:
    """Sessions and responses from April 2026 onwards, with approved (and some unapproved) comments."""
    rnd = random.Random(seed)
    keys = random.Random(seed + 1)  # record keys of their own stream, so the reports' adjustments repeat too
    for q in range(quarters):
        start = first_quarter_start + timedelta(days=91 * q)
        for n in range(12):
            district = DISTRICTS[n % len(DISTRICTS)]
            when = datetime.combine(start + timedelta(days=7 * n + 3), datetime.min.time(), UTC) + timedelta(hours=14)
            session = make_session(district=district, starts=when, attendance=rnd.randint(18, 40))
            for _ in range(rnd.randint(18, 32)):
                ethnicity = _pick(rnd, ETHNICITY)
                make_response(
                    session,
                    on=when.date() + timedelta(days=rnd.choice((0, 0, 0, 1, 2))),
                    age_band=rnd.choice(("13-15", "13-15", "16-17", "16-17", "18")),
                    gender=_pick(rnd, (("girl", 45), ("boy", 45), ("non_binary", 3), ("prefer_not", 4), (None, 3))),
                    ethnicity=ethnicity,  # type: ignore[arg-type]
                    district=district if rnd.random() < 0.85 else rnd.choice(DISTRICTS),
                    answers=_answers(rnd, ethnicity),  # type: ignore[arg-type]
                    record_key=keys.randrange(256),
                )
            if n % 3 == 0:
                text, theme = COMMENTS[(n // 3 + q) % len(COMMENTS)]
                make_comment(session, text, theme=theme, on=when.date())
                make_comment(session, "Waiting for a coordinator to read this.", status="pending", on=when.date())
    db.session.commit()
