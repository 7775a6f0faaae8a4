"""The public feedback form: finding a session, the window, the age gate, conditional questions."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from roadshow import questionnaire
from roadshow.extensions import db
from roadshow.models import Comment, FeedbackAnswer, FeedbackResponse, SubmissionToken
from roadshow.models.scheduling import SessionStatus
from tests.feedback.factories import (
    STEP1,
    STEP2,
    STEP3,
    any_checked,
    checked,
    complete,
    make_session,
    post_page,
    state_of,
)


@pytest.fixture(autouse=True)
def _version_1(monkeypatch):
    """These tests walk version 1's three pages: forms started under it still finish on it."""
    monkeypatch.setattr(questionnaire, "CURRENT_VERSION", 1)


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _nothing_stored() -> bool:
    return all(_count(m) == 0 for m in (FeedbackResponse, FeedbackAnswer, Comment, SubmissionToken))


def _post(client, code, page, answers):
    return post_page(client, f"/feedback/{code}", {**answers, "state": state_of(page.get_data(as_text=True))})


# Finding the session ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["KMP234", "kmp234", " k m p 2 3 4 ", "kmp-234"])
def test_code_is_found_whatever_the_case_and_spaces(client, typed):
    make_session("KMP234")
    response = client.post("/feedback/", data={"code": typed})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/feedback/KMP234")


def test_lowercase_code_in_the_address_redirects_to_the_form(client):
    make_session("KMP234")
    response = client.get("/feedback/kmp234")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/feedback/KMP234")


def test_unknown_code_says_only_that_it_cannot_be_found(client):
    make_session("KMP234")
    response = client.post("/feedback/", data={"code": "KMP235"})
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "We can&#39;t find that code" in page
    assert "KMP234" not in page
    assert client.get("/feedback/NOPE99").status_code == 404


def test_empty_code_asks_for_one(client):
    response = client.post("/feedback/", data={"code": ""})
    assert response.status_code == 200
    assert "Enter the code your session leader gave you" in response.get_data(as_text=True)


# The window -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "offset,is_open",
    [
        (timedelta(seconds=-1), False),  # a second before the session starts
        (timedelta(0), True),  # the moment it starts
        (timedelta(days=7) - timedelta(seconds=1), True),  # the last second of the window
        (timedelta(days=7), False),  # the moment it closes
    ],
)
def test_form_is_open_only_inside_the_window(client, monkeypatch, offset, is_open):
    session = make_session("WIN234")
    monkeypatch.setattr("roadshow.services.feedback.intake.utcnow", lambda: session.feedback_opens_at + offset)
    page = client.get("/feedback/WIN234").get_data(as_text=True)
    assert ("How old are you?" in page) is is_open
    assert ("feedback is closed" in page or "feedback is not open yet" in page) is not is_open


def test_cancelled_session_is_closed(client):
    make_session("CAN234", status=SessionStatus.CANCELLED)
    assert "feedback is closed" in client.get("/feedback/CAN234").get_data(as_text=True)


def test_answers_posted_after_the_window_closes_are_not_stored(client, monkeypatch):
    session = make_session("WIN234")
    page = client.get("/feedback/WIN234")
    monkeypatch.setattr("roadshow.services.feedback.intake.utcnow", lambda: session.feedback_closes_at)
    response = _post(client, "WIN234", page, STEP1)
    assert "feedback is closed" in response.get_data(as_text=True)
    assert _nothing_stored()


# The age gate -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "age,says",
    [
        pytest.param(
            "12",
            ("Thank you for wanting to help", "we have not kept any of your answers", "0800 1111"),
            id="under-13-gets-a-kind-message",
        ),
        pytest.param("19", ("<h1>Thank you</h1>", "we have not kept your answers"), id="over-18-is-thanked"),
    ],
)
def test_an_age_outside_13_to_18_is_answered_kindly_and_nothing_is_stored(client, age, says):
    make_session("AGE234")
    response = _post(client, "AGE234", client.get("/feedback/AGE234"), {**STEP1, "age": age})
    page = response.get_data(as_text=True)
    assert all(words in page for words in says), [words for words in says if words not in page]
    assert _nothing_stored()


@pytest.mark.parametrize("age,band", [("13", "13-15"), ("15", "13-15"), ("16", "16-17"), ("17", "16-17"), ("18", "18")])
def test_ages_13_to_18_go_on_and_store_their_band(client, age, band):
    make_session("AGE234")
    response = complete(client, "AGE234", step1={**STEP1, "age": age})
    assert response.status_code == 303
    assert db.session.scalar(sa.select(FeedbackResponse.age_band)) == band


def test_age_is_required_and_other_answers_are_kept(client):
    make_session("AGE234")
    response = _post(client, "AGE234", client.get("/feedback/AGE234"), {"stopped": "once", "force": ["taser"]})
    page = response.get_data(as_text=True)
    assert "There is a problem" in page
    assert "Choose your age" in page
    assert checked(page, "stopped", "once")
    assert checked(page, "force", "taser")
    assert "Page 1 of 4" in page


# Conditional questions --------------------------------------------------------------------------

STOP_FOLLOW_UPS = ("told_grounds", "told_object", "gave_identity", "told_record", "respect", "camera")


def _step2(client, code, step1):
    return _post(client, code, client.get(f"/feedback/{code}"), step1).get_data(as_text=True)


@pytest.mark.parametrize("stopped", ["once", "more_than_once"])
def test_stop_and_search_questions_follow_a_search(client, stopped):
    make_session("CON234")
    page = _step2(client, "CON234", {"age": "16", "stopped": stopped})
    for key in STOP_FOLLOW_UPS:
        assert f'name="{key}"' in page
    assert "Did the officer tell you why they stopped you?" in page


@pytest.mark.parametrize("stopped", [None, "never", "prefer_not"])
def test_stop_and_search_questions_are_skipped_without_a_search(client, stopped):
    make_session("CON234")
    page = _step2(client, "CON234", {"age": "16", **({"stopped": stopped} if stopped else {})})
    for key in STOP_FOLLOW_UPS:
        assert f'name="{key}"' not in page
    assert 'name="confidence_before"' in page


@pytest.mark.parametrize(
    "force,asked", [(["taser"], True), (["handcuffs", "dog"], True), (["none"], False), (["prefer_not"], False)]
)
def test_who_saw_force_is_asked_only_when_force_was_seen(client, force, asked):
    make_session("CON234")
    page = _step2(client, "CON234", {"age": "14", "force": force})
    assert ('name="force_who"' in page) is asked


def test_none_of_these_cannot_be_ticked_with_a_kind_of_force(client):
    make_session("CON234")
    page = _step2(client, "CON234", {"age": "14", "force": ["none", "taser"]})
    assert "There is a problem" in page
    assert "You ticked “None of these” and something else" in page
    assert checked(page, "age", "14")


def test_going_back_and_changing_an_answer_drops_questions_that_no_longer_apply(client):
    make_session("CON234")
    step2 = _post(client, "CON234", client.get("/feedback/CON234"), {"age": "16", "stopped": "once"})
    back = _post(client, "CON234", step2, {"told_grounds": "yes", "useful": "4", "back": "Back"})
    page = back.get_data(as_text=True)
    assert "Page 1 of 4" in page
    assert checked(page, "stopped", "once")  # the earlier answer is still there
    step2_again = _post(client, "CON234", back, {"age": "16", "stopped": "never"})
    assert 'name="told_grounds"' not in step2_again.get_data(as_text=True)
    assert checked(step2_again.get_data(as_text=True), "useful", "4")  # "useful" survived the trip
    step3 = _post(client, "CON234", step2_again, {"useful": "4"})
    check = _post(client, "CON234", step3, {})
    assert "Check your answers" in check.get_data(as_text=True)
    assert _post(client, "CON234", check, {}).status_code == 303
    keys = set(db.session.scalars(sa.select(FeedbackAnswer.question_key)))
    assert keys == {"stopped", "useful"}


# Storing ----------------------------------------------------------------------------------------


def test_a_full_response_is_stored_with_date_version_and_about_you(client):
    session = make_session("FUL234")
    assert complete(client, "FUL234").headers["Location"].endswith("/feedback/FUL234/thanks")
    response = db.session.scalar(sa.select(FeedbackResponse))
    assert (response.session_id, response.questionnaire_version, response.channel) == (session.id, 1, "online")
    assert (response.gender, response.ethnicity, response.district) == ("girl", "mixed", "fenland")
    assert not hasattr(response.submitted_on, "hour")  # a date, never a time of day
    answers = {(a.question_key, a.value) for a in response.answers}
    assert ("force", "handcuffs") in answers and ("respect", "2") in answers
    comment = db.session.scalar(sa.select(Comment))
    assert (comment.text, comment.status, comment.session_id) == ("Explain why they stop you.", "pending", session.id)


def test_skipping_everything_but_age_stores_just_the_age_band(client):
    make_session("SKP234")
    assert complete(client, "SKP234", step1={"age": "17"}, step2={}, step3={}).status_code == 303
    response = db.session.scalar(sa.select(FeedbackResponse))
    assert response.age_band == "16-17" and response.answers == [] and response.gender is None
    assert _count(Comment) == 0


def test_prefer_not_to_say_is_stored_like_any_other_answer(client):
    make_session("PNS234")
    about = {"gender": "prefer_not", "ethnicity": "prefer_not", "district": "prefer_not"}
    complete(client, "PNS234", step3=about)
    response = db.session.scalar(sa.select(FeedbackResponse))
    assert (response.gender, response.ethnicity, response.district) == ("prefer_not",) * 3


def test_a_double_post_of_the_last_step_creates_one_response(client):
    make_session("DUP234")
    url = "/feedback/DUP234"
    page = client.get(url)
    for answers in (STEP1, STEP2, STEP3):
        page = _post(client, "DUP234", page, answers)
    final = {"state": state_of(page.get_data(as_text=True))}  # sent from "Check your answers"
    first, second = client.post(url, data=final), client.post(url, data=final)
    assert first.status_code == second.status_code == 303
    assert _count(FeedbackResponse) == 1 and _count(Comment) == 1 and _count(SubmissionToken) == 1


def test_an_altered_state_is_refused_and_nothing_is_stored(client):
    make_session("ALT234")
    page = client.get("/feedback/ALT234").get_data(as_text=True)
    forged = state_of(page)[:-3] + "abc"
    response = client.post("/feedback/ALT234", data={**STEP1, "state": forged})
    assert response.status_code == 400
    assert "please start again" in response.get_data(as_text=True)
    assert _nothing_stored()


def test_state_from_another_session_is_refused(client):
    make_session("ONE234")
    make_session("TWO234")
    state = state_of(client.get("/feedback/ONE234").get_data(as_text=True))
    assert client.post("/feedback/TWO234", data={**STEP1, "state": state}).status_code == 400


def test_free_text_has_a_length_cap(client):
    make_session("TXT234")
    step1 = client.get("/feedback/TXT234")
    step2 = _post(client, "TXT234", step1, {"age": "15"})
    assert 'maxlength="1000"' in step2.get_data(as_text=True)
    too_long = _post(client, "TXT234", step2, {"differently": "x" * 1001})
    assert "Please keep it under 1000 characters" in too_long.get_data(as_text=True)
    assert "Page 2 of 4" in too_long.get_data(as_text=True)


def test_signposting_sits_beside_the_free_text_and_on_the_thank_you_page(client):
    make_session("SIG234")
    step2 = _post(client, "SIG234", client.get("/feedback/SIG234"), {"age": "15"}).get_data(as_text=True)
    around_text = step2[step2.index('name="differently"') :]
    assert "Please don&#39;t write anyone&#39;s name." in step2
    assert "0800 1111" in around_text[:1500] and 'call <a href="tel:999">999</a>' in around_text[:1500]
    thanks = client.get("/feedback/SIG234/thanks").get_data(as_text=True)
    assert "0800 1111" in thanks and "999" in thanks


def test_the_first_step_explains_what_happens_before_any_question(client):
    make_session("INT234")
    page = client.get("/feedback/INT234").get_data(as_text=True)
    intro = page[: page.index("How old are you?")]
    for words in ("We don't ask your name", "Who sees your answers", "You can skip any question", "0800 1111"):
        assert words in intro
    assert "anonymous" not in page.lower()


def test_no_answer_is_chosen_before_the_young_person_chooses(client):
    make_session("PRE234")
    page = client.get("/feedback/PRE234").get_data(as_text=True)
    assert not any_checked(page)
    step2 = _post(client, "PRE234", client.get("/feedback/PRE234"), {"age": "15"}).get_data(as_text=True)
    assert not any_checked(step2)


def test_each_visitor_gets_their_own_submission_id_on_the_same_page(client):
    make_session("TOK234")
    first, second = (client.get("/feedback/TOK234").get_data(as_text=True) for _ in range(2))
    assert state_of(first) != state_of(second)
    assert first.replace(state_of(first), "") == second.replace(state_of(second), "")


def test_signed_in_staff_opening_the_form_still_see_their_own_header(client, users, login):
    make_session("STF234")
    client.get("/feedback/STF234")  # an anonymous visit first
    login(users["coordinator"])
    page = client.get("/feedback/STF234").get_data(as_text=True)
    assert "Sign out" in page and "How old are you?" in page
