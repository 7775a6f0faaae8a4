"""The operating contract: `flask create-user` and `flask seed-demo`."""

from __future__ import annotations

import sqlalchemy as sa

from roadshow.extensions import db
from roadshow.models import User
from roadshow.services.accounts import passwords


def test_create_user_reads_the_password_from_stdin(app):
    result = app.test_cli_runner().invoke(
        args=["create-user", "--email", "Script@Example.org", "--name", "Scripted", "--role", "coordinator"],
        input="a-long-scripted-password\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.email == "script@example.org"))
    assert passwords.verify(user.password_hash, "a-long-scripted-password")


def test_create_user_refuses_a_weak_password(app):
    result = app.test_cli_runner().invoke(
        args=["create-user", "--email", "w@example.org", "--name", "Weak", "--role", "panel"], input="password1234\n"
    )
    assert result.exit_code != 0
    assert "too common" in result.output


def test_create_user_can_generate_a_password(app):
    result = app.test_cli_runner().invoke(
        args=["create-user", "--email", "g@example.org", "--name", "Gen", "--role", "admin", "--generate"]
    )
    assert result.exit_code == 0
    password = result.output.strip().rsplit(" ", 1)[-1]
    user = db.session.scalar(sa.select(User).where(User.email == "g@example.org"))
    assert passwords.verify(user.password_hash, password) and user.must_change_password


def test_seed_demo_creates_one_account_per_role_and_only_once(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo", "--if-empty"])
    assert first.exit_code == 0, first.output
    roles = set(db.session.scalars(sa.select(User.role)))
    assert roles == {"admin", "coordinator", "panel"}
    second = runner.invoke(args=["seed-demo", "--if-empty"])
    assert "skipped" in second.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 3
