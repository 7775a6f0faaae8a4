"""The questionnaire is versioned data: a new version never breaks old answers."""

from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa

from roadshow import questionnaire
from roadshow.extensions import db
from roadshow.models import FeedbackResponse
from roadshow.questionnaire import SINGLE, Question, Questionnaire
from roadshow.services.feedback import review
from tests.feedback.factories import STEP1, STEP2, STEP3, complete, make_session, post_page, state_of


@pytest.fixture(autouse=True)
def _version_1(monkeypatch):
    """These tests walk version 1's three pages: forms started under it still finish on it."""
    monkeypatch.setattr(questionnaire, "CURRENT_VERSION", 1)


@pytest.mark.parametrize("version", list(questionnaire.QUESTIONNAIRES.values()))
def test_every_condition_points_at_an_earlier_step(version):
    """So moving to the next step shows or hides conditional questions without JavaScript."""
    for question in version.questions:
        if question.show_if:
            assert version.question(question.show_if.question).step < question.step, question.key


@pytest.mark.parametrize("version", list(questionnaire.QUESTIONNAIRES.values()))
def test_every_choice_question_offers_prefer_not_to_say_in_about_you(version):
    for question in version.questions:
        if question.about_you:
            assert ("prefer_not", "I'd rather not say") in question.options


def _version_2() -> Questionnaire:
    v1 = questionnaire.get(1)
    reworded = tuple(
        dataclasses.replace(q, text="How fair was the officer?") if q.key == "respect" else q for q in v1.questions
    )
    extra = Question(
        "heard_of_panel", "Had you heard of the scrutiny panel?", SINGLE, (("yes", "Yes"), ("no", "No")), step=2
    )
    return Questionnaire(version=2, questions=(*reworded, extra))


@pytest.fixture
def version_2(monkeypatch):
    v2 = _version_2()
    monkeypatch.setitem(questionnaire.QUESTIONNAIRES, 2, v2)
    monkeypatch.setattr(questionnaire, "CURRENT_VERSION", 2)
    return v2


def test_old_responses_keep_their_version_and_labels_after_a_new_version(client, monkeypatch):
    make_session("VER234")
    complete(client, "VER234")  # answered under version 1
    v2 = _version_2()
    monkeypatch.setitem(questionnaire.QUESTIONNAIRES, 2, v2)
    monkeypatch.setattr(questionnaire, "CURRENT_VERSION", 2)
    complete(client, "VER234", step2={**STEP2, "heard_of_panel": "no"})
    old, new = db.session.scalars(sa.select(FeedbackResponse).order_by(FeedbackResponse.questionnaire_version)).all()
    assert (old.questionnaire_version, new.questionnaire_version) == (1, 2)
    old_rows = {row.question: row.answers for row in review.labelled(old)}
    new_rows = {row.question: row.answers for row in review.labelled(new)}
    assert old_rows["Did the officer treat you with respect?"] == ("2",)
    assert "How fair was the officer?" not in old_rows
    assert new_rows["How fair was the officer?"] == ("2",)
    assert new_rows["Had you heard of the scrutiny panel?"] == ("No",)
    assert old_rows["Have you seen police use force, or had it used on you?"] == ("Handcuffs",)
    assert old_rows["What is your gender?"] == ("Girl or young woman",)


def test_a_form_started_before_a_new_version_finishes_on_its_own_version(client, monkeypatch):
    make_session("VER234")
    url = "/feedback/VER234"
    page = client.get(url)
    page = post_page(client, url, {**STEP1, "state": state_of(page.get_data(as_text=True))})
    monkeypatch.setitem(questionnaire.QUESTIONNAIRES, 2, _version_2())
    monkeypatch.setattr(questionnaire, "CURRENT_VERSION", 2)
    page = post_page(client, url, {**STEP2, "state": state_of(page.get_data(as_text=True))})
    assert "heard_of_panel" not in page.get_data(as_text=True)
    page = post_page(client, url, {**STEP3, "state": state_of(page.get_data(as_text=True))})
    client.post(url, data={"state": state_of(page.get_data(as_text=True))})
    assert db.session.scalar(sa.select(FeedbackResponse.questionnaire_version)) == 1


def test_the_new_version_is_shown_to_new_visitors(client, version_2):
    make_session("VER234")
    page = client.get("/feedback/VER234")
    step2 = post_page(client, "/feedback/VER234", {**STEP1, "state": state_of(page.get_data(as_text=True))})
    html = step2.get_data(as_text=True)
    assert "How fair was the officer?" in html and 'name="heard_of_panel"' in html
