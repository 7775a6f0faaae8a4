"""The benchmark's form filler submits what a person would, and leaves traps and tokens alone."""

from __future__ import annotations

import importlib.util
import sys
from urllib.parse import parse_qs

from config import ROOT

spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
bench_run = importlib.util.module_from_spec(spec)
sys.modules["bench_run"] = bench_run  # dataclasses look their module up there
spec.loader.exec_module(bench_run)

FORM = """
<form method="post" action="/feedback/ABCD1234">
  <input type="hidden" name="csrf_token" value="tok">
  <input type="hidden" name="submission_id" value="once">
  <input type="radio" name="age" value="12"><input type="radio" name="age" value="13">
  <input type="radio" name="age" value="14"><input type="radio" name="age" value="15">
  <input type="radio" name="stopped" value="never"><input type="radio" name="stopped" value="once">
  <input type="radio" name="stopped" value="prefer_not">
  <input type="checkbox" name="force" value="handcuffs"><input type="checkbox" name="force" value="none">
  <select name="district"><option value="">Choose</option><option value="fenland">Fenland</option></select>
  <textarea name="differently"></textarea>
  <div class="honeypot" aria-hidden="true"><input type="text" name="website" value=""></div>
  <button type="submit" name="send" value="yes">Send</button>
</form>
"""


def test_fill_answers_gives_a_complete_believable_submission():
    (form,) = bench_run.parse(FORM).forms
    body, hidden = bench_run.fill_answers(form)
    answers = parse_qs(body, keep_blank_values=True)
    assert hidden == ["csrf_token", "submission_id"]
    assert "csrf_token" not in answers and "submission_id" not in answers  # fresh per request in the Lua
    assert answers["age"] == ["14"] and answers["stopped"] == ["once"]
    assert answers["force"] == ["handcuffs"] and answers["district"] == ["fenland"]
    assert answers["differently"][0]
    assert answers["website"] == [""], "the honeypot must stay empty"
    assert answers["send"] == ["yes"]
    assert form["action"] == "/feedback/ABCD1234"


def test_the_bench_walker_sends_the_whole_real_form_and_one_response_is_stored(live_server):
    """`make bench` walks the form page by page; when the form changes, this says so before a bench run."""
    import sqlalchemy as sa

    from roadshow.extensions import db
    from roadshow.models import FeedbackResponse
    from tests.feedback.factories import make_session

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import scenarios
    finally:
        sys.path.remove(str(ROOT / "bench"))
    session = make_session("WALK0001")
    port = int(live_server.url.rsplit(":", 1)[1])

    walk = scenarios.walk_form(port, session.feedback_code)

    assert walk.ok, walk.error
    pages = {page for page, _method, _seconds in walk.timings}
    assert {"page-1", "check"} <= pages and len(pages) >= 4, pages
    assert walk.check_state and walk.answers
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) == 1
