"""`make run PORT=5101` gives the app a public base URL on port 5101, so emailed and QR links work."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, **env: str) -> list[str]:
    """Run `make run` with a stand-in flask that only prints the base URL it was given."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    flask = venv / "bin" / "flask"
    flask.write_text('#!/bin/sh\necho "$PUBLIC_BASE_URL"\n')
    flask.chmod(0o755)
    (venv / ".installed").touch()
    clean = {k: v for k, v in os.environ.items() if k != "PUBLIC_BASE_URL"}
    result = subprocess.run(
        [shutil.which("make") or "make", "-s", "run", f"VENV={venv}", *[f"{k}={v}" for k, v in env.items()]],
        cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return result.stdout.split()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_sets_the_public_base_url_from_port(tmp_path):
    assert set(_run(tmp_path, PORT="5101")) == {"http://127.0.0.1:5101"}


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_a_public_base_url_given_by_hand_wins(tmp_path):
    assert set(_run(tmp_path, PORT="5101", PUBLIC_BASE_URL="https://roadshow.example.org")) == {
        "https://roadshow.example.org"
    }
