"""Questionnaire version 2: short pages with one theme each, for a phone.

Each page asks about one thing under a heading that gives its context; each question asks one
thing (version 1's "name, number and police station" is three questions here); the GOWISELY items
are complete. A question that means the same as in version 1 keeps its key, so the reports count
both versions' answers to it in one figure; version 1's `gave_identity` keeps its own row.
"""

from __future__ import annotations

from dataclasses import replace

from roadshow import questionnaire as q
from roadshow.constants import DISTRICT_TOWNS, DISTRICTS


def _districts_with_towns() -> tuple[tuple[str, str], ...]:
    """The districts, each with a few towns in it so a young person can place where they live."""
    return tuple(
        (code, f"{name}, like {DISTRICT_TOWNS[code]}" if code in DISTRICT_TOWNS else name) for code, name in DISTRICTS
    )


_V1 = {question.key: question for question in q.V1.questions}
_SEEN = q.FORCE_SEEN
_STOPPED = q.STOPPED


def _same(key: str, step: int, **changes: object) -> q.Question:
    """Version 1's question, moved to its version 2 page (and reworded where `changes` say)."""
    return replace(_V1[key], step=step, **changes)  # type: ignore[arg-type]


def _told(key: str, text: str, step: int, hint: str = "") -> q.Question:
    return q.Question(key, text, q.SINGLE, q.YES_NO_UNSURE, hint=hint, step=step, show_if=_STOPPED)


V2 = q.Questionnaire(
    version=2,
    steps=(
        q.N_("Before we start"),
        q.N_("Stop and search"),
        q.N_("When you were stopped and searched: what the officer told you"),
        q.N_("When you were stopped and searched: the officer and your record"),
        q.N_("When you were stopped and searched: how you were treated"),
        q.N_("Police use of force"),
        q.N_("The force you saw or had used on you"),
        q.N_("Today's session"),
        q.N_("What police should do differently"),
        q.N_("About you"),
    ),
    intros=(
        "",
        q.N_("Stop and search is when police stop you to look in your pockets, bag or clothes."),
        q.N_("If it happened more than once, think about the last time."),
        q.N_("If it happened more than once, think about the last time."),
        q.N_("If it happened more than once, think about the last time."),
        q.N_("Force is when police use their body or equipment to make someone do something."),
        q.N_("This is about what you ticked on the last page."),
        "",
        "",
        q.N_(
            "Why we ask: we want to check whether police treat some groups of young people differently. "
            "We can't tell who you are from these answers. You can skip any of them."
        ),
    ),
    questions=(
        _same("stopped", 2),
        _told("told_grounds", q.N_("Did the officer tell you why they wanted to search you?"), 3),
        _same("told_object", 3),
        _told(
            "told_power",
            q.N_("Did they tell you which law let them search you?"),
            3,
            q.N_("For example, “section 1 of PACE” or “the Misuse of Drugs Act”."),
        ),
        _told(
            "told_detained",
            q.N_("Did they tell you that you were being held (detained) for the search?"),
            3,
            q.N_("This means you could not leave until the search was over."),
        ),
        q.Question(
            "showed_warrant_card",
            q.N_("If the officer was not in uniform, did they show you their police ID card (warrant card)?"),
            q.SINGLE,
            (*q.YES_NO_UNSURE, ("uniform", q.N_("They were in uniform"))),
            step=4,
            show_if=_STOPPED,
        ),
        _told("gave_name", q.N_("Did they tell you their name or their police number?"), 4),
        _told("gave_station", q.N_("Did they tell you which police station they work at?"), 4),
        _same("told_record", 4, text=q.N_("Did they tell you that you could get a written record of the search?")),
        _same("respect", 5),
        _same("camera", 5),
        _same("force", 6),
        _same("force_who", 7, text=q.N_("Did you see it happen, or did it happen to you?"), show_if=_SEEN),
        _same("confidence_before", 8),
        _same("confidence_after", 8, text=q.N_("And now, after today's session, how sure are you?")),
        _same("useful", 8),
        _same("differently", 9),
        _same("gender", 10),
        _same("ethnicity", 10),
        _same(
            "district",
            10,
            hint=q.N_("If you are not sure, choose the nearest town."),
            options=(
                ("cambridge", q.N_("Cambridge")),
                ("east_cambridgeshire", q.N_("East Cambridgeshire, like Ely or Soham")),
                ("fenland", q.N_("Fenland, like March, Wisbech or Whittlesey")),
                ("huntingdonshire", q.N_("Huntingdonshire, like Huntingdon, St Ives or St Neots")),
                ("south_cambridgeshire", q.N_("South Cambridgeshire, like Cambourne or Sawston")),
                ("peterborough", q.N_("Peterborough")),
                ("elsewhere", q.N_("Somewhere else")),
                q.PREFER_NOT,
            ),
        ),
    ),
)
