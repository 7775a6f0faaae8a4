"""Believable answers for `flask bench-seed`: weighted draws that follow the questionnaire's keys and show-if rules."""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import accumulate

from roadshow import questionnaire


class Weighted:
    """Values with weights, drawn quickly with a shared random generator."""

    def __init__(self, pairs: Sequence[tuple[str, float]]) -> None:
        self.values = [v for v, _ in pairs]
        self.cum = list(accumulate(w for _, w in pairs))

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.values, cum_weights=self.cum)[0]


AGE_BAND = Weighted([("13-15", 45), ("16-17", 40), ("18", 15)])
GENDER = Weighted([("boy", 46), ("girl", 44), ("non_binary", 3), ("other", 2), ("prefer_not", 5)])
ETHNICITY = Weighted([("white", 78), ("asian", 8), ("mixed", 5), ("black", 4), ("other", 2), ("prefer_not", 3)])
STOPPED = Weighted([("never", 62), ("once", 18), ("more_than_once", 14), ("prefer_not", 6)])
YES_NO = Weighted([("yes", 55), ("no", 30), ("not_sure", 15)])
CAMERA = Weighted([("yes", 45), ("no", 20), ("not_sure", 25), ("no_camera", 10)])
SCALE_LOW = Weighted([("1", 18), ("2", 27), ("3", 30), ("4", 17), ("5", 8)])
SCALE_MID = Weighted([("1", 8), ("2", 17), ("3", 35), ("4", 27), ("5", 13)])
SCALE_HIGH = Weighted([("1", 3), ("2", 7), ("3", 20), ("4", 38), ("5", 32)])
FORCE_ANY = Weighted(
    [
        ("handcuffs", 40),
        ("restraint", 25),
        ("irritant_spray", 8),
        ("taser", 10),
        ("baton", 4),
        ("dog", 6),
        ("limb_restraints", 3),
        ("other", 4),
    ]
)
FORCE_WHO = Weighted([("saw", 70), ("to_me", 15), ("both", 10), ("prefer_not", 5)])
HOME = ("session", 72), ("other", 20), ("elsewhere", 3), ("prefer_not", 5)
HOME_CHOICE = Weighted(HOME)
DISTRICT_WEIGHTS = Weighted(
    [
        ("cambridge", 22),
        ("east_cambridgeshire", 10),
        ("fenland", 13),
        ("huntingdonshire", 20),
        ("south_cambridgeshire", 16),
        ("peterborough", 19),
    ]
)


# The yes/no questions asked of those who were stopped, in the questionnaire's order.
YES_NO_AFTER_STOP = (
    "told_grounds",
    "told_object",
    "told_power",
    "told_detained",
    "gave_name",
    "gave_station",
    "told_record",
)


def check_questionnaire() -> None:
    """Fail loudly if the questionnaire changed under this generator."""
    keys = {q.key for q in questionnaire.current().questions}
    needed = {
        "stopped",
        *YES_NO_AFTER_STOP,
        "respect",
        "camera",
        "force",
        "force_who",
        "confidence_before",
        "confidence_after",
        "useful",
    }
    missing = needed - keys
    if missing:
        raise RuntimeError(
            f"bench-seed needs questionnaire keys {sorted(missing)}; update roadshow/ops/bench_answers.py"
        )


def answers_for(rng: random.Random) -> list[tuple[str, str]]:
    """One young person's answers (question key, value), following the show-if rules."""
    out: list[tuple[str, str]] = []
    stopped = STOPPED.draw(rng)
    out.append(("stopped", stopped))
    if stopped in questionnaire.STOPPED.values:
        for key in YES_NO_AFTER_STOP:
            out.append((key, YES_NO.draw(rng)))
        out.append(("respect", SCALE_MID.draw(rng)))
        out.append(("camera", CAMERA.draw(rng)))
    roll = rng.random()
    if roll < 0.55:
        out.append(("force", "none"))
    elif roll < 0.60:
        out.append(("force", "prefer_not"))
    else:
        seen = {FORCE_ANY.draw(rng) for _ in range(1 + (rng.random() < 0.3))}
        out.extend(("force", v) for v in sorted(seen))
        out.append(("force_who", FORCE_WHO.draw(rng)))
    before = SCALE_LOW.draw(rng)
    out.append(("confidence_before", before))
    after = min(5, int(before) + rng.choices((0, 1, 2), (45, 40, 15))[0])
    out.append(("confidence_after", str(after)))
    out.append(("useful", SCALE_HIGH.draw(rng)))
    return out
