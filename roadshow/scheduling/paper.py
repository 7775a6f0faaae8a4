"""The blank paper questionnaire, laid out from the questionnaire's data so paper and screen never differ."""

from __future__ import annotations

from dataclasses import dataclass

from roadshow.questionnaire import AGE_OPTIONS, Question, Questionnaire


@dataclass(frozen=True)
class PrintedQuestion:
    """A question as printed: its number, and in words when it applies (its condition, if any)."""

    number: int
    question: Question
    only_if: str = ""


def _condition_words(question: Question, numbers: dict[str, int], questionnaire: Questionnaire) -> str:
    if question.show_if is None:
        return ""
    asked = questionnaire.question(question.show_if.question)
    answers = " or ".join(f"“{asked.option_label(v)}”" for v in question.show_if.values)
    return f"Only if you answered {answers} to question {numbers[asked.key]}."


def layout(questionnaire: Questionnaire) -> list[PrintedQuestion]:
    """Every question in the order a young person meets them on screen, step by step, numbered from 2 (1 is age)."""
    ordered = [q for step in range(1, len(questionnaire.steps) + 1) for q in questionnaire.for_step(step)]
    numbers = {q.key: n for n, q in enumerate(ordered, start=2)}
    return [PrintedQuestion(numbers[q.key], q, _condition_words(q, numbers, questionnaire)) for q in ordered]


# Ages 13 to 18 only are stored; the paper form lists just those (a younger or older person is not asked to fill it in).
PAPER_AGES = tuple(label for value, label in AGE_OPTIONS if value.isdigit() and 13 <= int(value) <= 18)
