"""CI runs the suite on the database it promised, and never silently on SQLite instead."""

from __future__ import annotations

import os

from roadshow.extensions import db


def test_suite_runs_on_the_expected_database(app):
    expected = os.environ.get("ROADSHOW_EXPECT_DB") or ("postgresql" if os.environ.get("DATABASE_URL") else "sqlite")
    assert db.engine.dialect.name == expected
