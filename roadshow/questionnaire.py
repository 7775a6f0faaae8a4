"""The feedback questionnaire, defined as data and versioned.

A response records the version it answered. Never edit a published version:
add a new one, so reports can still label every old answer.
Wording aims at a reading age of about 11.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from roadshow.constants import DISTRICTS, YOUTH_AGES, YOUTH_MAX_AGE, YOUTH_MIN_AGE

SINGLE = "single"
MULTI = "multi"
SCALE = "scale"  # five points, 1 to 5
TEXT = "text"


def N_(text: str) -> str:
    """Mark a message for translation (pybabel extracts it); the page translates it where it is shown.

    The questionnaire itself stays in English: staff pages, reports and the paper form read it as is.
    """
    return text


PREFER_NOT = ("prefer_not", N_("I'd rather not say"))
YES_NO_UNSURE = (("yes", N_("Yes")), ("no", N_("No")), ("not_sure", N_("Not sure")))
# In a "tick all that apply" list these answers cannot be ticked together with anything else.
EXCLUSIVE = ("none", "prefer_not")

Answers = dict[str, "str | list[str]"]


@dataclass(frozen=True)
class Condition:
    """Show a question only when another question's answer is one of `values`."""

    question: str
    values: tuple[str, ...]

    def met(self, answers: Answers) -> bool:
        given = answers.get(self.question)
        chosen = given if isinstance(given, list) else [given]
        return any(value in self.values for value in chosen)


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    kind: str
    options: tuple[tuple[str, str], ...] = ()
    hint: str = ""
    step: int = 1
    show_if: Condition | None = None
    max_length: int = 0  # free text only
    about_you: bool = False  # reported as a breakdown, stored on the response row

    def option_label(self, value: str) -> str:
        return dict(self.options).get(value, value)

    def shown(self, answers: Answers) -> bool:
        """Whether this question applies, given the answers so far."""
        return self.show_if is None or self.show_if.met(answers)

    def clean(self, value: object) -> str | list[str] | None:
        """The value as this question allows it, or None: what the server stores, whatever was sent.

        A single choice or scale point is one known option; a multiple choice is a set of known
        options in the questionnaire's order (copies collapse, so never more values than options, and
        "none" or "prefer not to say" stand alone); free text is trimmed and capped.
        """
        if self.kind == TEXT:
            text = value.strip()[: self.max_length or None] if isinstance(value, str) else ""
            return text or None
        known = [option for option, _label in self.options]
        if self.kind != MULTI:
            return value if isinstance(value, str) and value in known else None
        items = [value] if isinstance(value, str) else list(value) if isinstance(value, list | tuple) else []
        if not items or not all(isinstance(item, str) and item in known for item in items):
            return None
        given = set(items)
        if given & set(EXCLUSIVE) and len(given) > 1:
            return None
        return [option for option in known if option in given]


@dataclass(frozen=True)
class Questionnaire:
    version: int
    questions: tuple[Question, ...]
    # Every condition points at a question on an earlier step, so moving to the next step is
    # the server round trip that shows or hides conditional questions without JavaScript.
    steps: tuple[str, ...] = field(default=("Before we start", "What you think", "About you"))
    intros: tuple[str, ...] = ()  # a line under each page's heading, giving the context of its questions

    def question(self, key: str) -> Question:
        return next(q for q in self.questions if q.key == key)

    def for_step(self, step: int) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.step == step)

    def shown_on(self, step: int, answers: Answers) -> tuple[Question, ...]:
        """The questions of a step that apply, given the answers so far."""
        return tuple(q for q in self.for_step(step) if q.shown(answers))

    def has_question(self, key: str) -> bool:
        return any(q.key == key for q in self.questions)

    def clean(self, answers: Answers) -> Answers:
        """Only this version's questions, each with a value it allows; anything else is left out."""
        kept: Answers = {}
        for question in self.questions:
            value = question.clean(answers.get(question.key))
            if value is not None:
                kept[question.key] = value
        return kept


def scale(low: str, high: str) -> tuple[tuple[str, str], ...]:
    """A five-point scale with words at both ends."""
    return (("1", f"1 – {low}"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", f"5 – {high}"))


def about_you(key: str, text: str, *options: tuple[str, str]) -> Question:
    """A single choice on the "About you" page, always with "I'd rather not say" last; reported as a breakdown."""
    return Question(key, text, SINGLE, (*options, PREFER_NOT), step=3, about_you=True)


def if_stopped(
    key: str, text: str, kind: str = SINGLE, options: tuple[tuple[str, str], ...] = YES_NO_UNSURE
) -> Question:
    """A page-two question about a stop and search, asked only of those who said they were stopped."""
    return Question(key, text, kind, options, step=2, show_if=STOPPED)


SURE = scale(N_("Not sure at all"), N_("Very sure"))
STOPPED = Condition("stopped", ("once", "more_than_once"))
FORCE_SEEN = Condition(
    "force", ("handcuffs", "restraint", "limb_restraints", "irritant_spray", "taser", "baton", "dog", "other")
)

# Ages offered by the first question. Outside YOUTH_AGES nothing is stored.
AGE_OPTIONS: tuple[tuple[str, str], ...] = (
    (str(YOUTH_MIN_AGE - 1), N_("12 or younger")),
    *((str(a), str(a)) for a in YOUTH_AGES),
    (str(YOUTH_MAX_AGE + 1), N_("19 or older")),
)

V1 = Questionnaire(
    version=1,
    questions=(
        Question(
            "stopped",
            N_("Have police ever stopped and searched you?"),
            SINGLE,
            (
                ("never", N_("No, never")),
                ("once", N_("Yes, once")),
                ("more_than_once", N_("Yes, more than once")),
                PREFER_NOT,
            ),
        ),
        if_stopped("told_grounds", "Did the officer tell you why they stopped you?"),
        if_stopped("told_object", N_("Did they tell you what they were looking for?")),
        if_stopped("gave_identity", "Did they tell you their name or number, and which police station they work at?"),
        if_stopped("told_record", "Did they tell you that you could get a record of the search?"),
        if_stopped(
            "respect", N_("Did the officer treat you with respect?"), SCALE, scale(N_("Not at all"), N_("Completely"))
        ),
        if_stopped(
            "camera",
            N_("Was the officer's body-worn camera switched on?"),
            SINGLE,
            (*YES_NO_UNSURE, ("no_camera", N_("They did not have one"))),
        ),
        Question(
            "force",
            N_("Have you seen police use force, or had it used on you?"),
            MULTI,
            (
                ("handcuffs", N_("Handcuffs")),
                ("restraint", N_("Holding someone down or restraining them")),
                ("limb_restraints", N_("Leg or body restraints")),
                ("irritant_spray", N_("Irritant spray (like PAVA or CS spray)")),
                ("taser", N_("Taser")),
                ("baton", N_("Baton")),
                ("dog", N_("Police dog")),
                ("other", N_("Something else")),
                ("none", N_("None of these")),
                PREFER_NOT,
            ),
            hint=N_("Tick all that apply."),
            step=1,
        ),
        Question(
            "force_who",
            "Did you see it happen, or did it happen to you?",
            SINGLE,
            (("saw", N_("I saw it")), ("to_me", N_("It happened to me")), ("both", N_("Both")), PREFER_NOT),
            step=2,
            show_if=FORCE_SEEN,
        ),
        Question(
            "confidence_before",
            N_("Before today, how sure were you that police use stop and search fairly?"),
            SCALE,
            SURE,
            step=2,
        ),
        Question("confidence_after", "And now, after the session?", SCALE, SURE, step=2),
        Question(
            "useful", N_("Was today's session useful?"), SCALE, scale(N_("Not useful"), N_("Very useful")), step=2
        ),
        Question(
            "differently",
            N_("What should police do differently?"),
            TEXT,
            hint=N_("Please don't write anyone's name."),
            step=2,
            max_length=1000,
        ),
        about_you(
            "gender",
            N_("What is your gender?"),
            ("girl", N_("Girl or young woman")),
            ("boy", N_("Boy or young man")),
            ("non_binary", N_("Non-binary")),
            ("other", N_("I describe myself another way")),
        ),
        about_you(
            "ethnicity",
            N_("What is your ethnic group?"),
            ("asian", N_("Asian or Asian British")),
            ("black", N_("Black, Black British, Caribbean or African")),
            ("mixed", N_("Mixed or multiple ethnic groups")),
            ("white", N_("White")),
            ("other", N_("Another ethnic group")),
        ),
        about_you("district", N_("Where do you live?"), *DISTRICTS, ("elsewhere", "Somewhere else")),
    ),
)

from roadshow.questionnaire_v2 import V2  # noqa: E402 (version 2 is built from version 1's questions)

QUESTIONNAIRES: dict[int, Questionnaire] = {1: V1, 2: V2}
CURRENT_VERSION = 2


def current() -> Questionnaire:
    return QUESTIONNAIRES[CURRENT_VERSION]


def get(version: int) -> Questionnaire:
    return QUESTIONNAIRES[version]
