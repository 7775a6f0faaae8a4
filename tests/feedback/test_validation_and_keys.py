"""What the server accepts as an answer, and what the rate limiter keys a client by."""

from __future__ import annotations

from freezegun import freeze_time
from hypothesis import given
from hypothesis import strategies as st

from roadshow import questionnaire, ratelimit

V1 = questionnaire.current()
FORCE = V1.question("force")
KNOWN = [value for value, _label in FORCE.options]


@given(st.lists(st.sampled_from([*KNOWN, "laser", "", "TASER"]), max_size=60))
def test_a_multiple_choice_is_a_set_of_known_options_or_nothing(values):
    cleaned = FORCE.clean(values)
    if cleaned is None:
        return
    assert len(cleaned) == len(set(cleaned)) <= len(KNOWN)
    assert set(cleaned) == set(values) and set(cleaned) <= set(KNOWN)


def test_none_of_these_cannot_be_ticked_with_something_else():
    assert FORCE.clean(["none", "taser"]) is None
    assert FORCE.clean(["none", "none"]) == ["none"]


def test_single_choices_scales_and_text_keep_only_what_the_question_allows():
    assert V1.clean({"stopped": "once", "useful": "5", "differently": "  Be kind. "}) == {
        "stopped": "once",
        "useful": "5",
        "differently": "Be kind.",
    }
    assert V1.clean({"stopped": ["once"], "useful": "6", "differently": "x" * 5000, "hacked": "1"}) == {
        "differently": "x" * V1.question("differently").max_length
    }


def test_the_limiter_key_is_a_keyed_hash_of_the_address_that_changes_every_day(app):
    with app.test_request_context(environ_base={"REMOTE_ADDR": "198.51.100.7"}):
        with freeze_time("2030-05-14 23:59:00"):
            today = ratelimit.client_key()
        with freeze_time("2030-05-15 00:00:01"):
            tomorrow = ratelimit.client_key()
        app.config["SECRET_KEY"] = "another-secret-key-for-this-test-only"
        with freeze_time("2030-05-14 23:59:00"):
            other_secret = ratelimit.client_key()
    assert "198.51.100.7" not in today and len(today) == 32
    assert len({today, tomorrow, other_secret}) == 3
