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
