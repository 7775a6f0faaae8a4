"""random feedback ids: responses, answers and comments numbered with UUIDs, not a counter

A counter numbers submissions in the order they arrive, which is the time link we promise not to
keep. Existing rows get random UUIDs (answers follow their response, safeguarding records their
comment); on SQLite the three tables
are rebuilt WITHOUT ROWID, so they are stored in id order; on PostgreSQL they are rewritten in id
order (CLUSTER). The report rollup keeps its sums and counts per session and month instead of
reading up to the newest id, and keeps no time of its last refresh; it is derived data, so it is
emptied and rebuilds itself on its next refresh.

The tables are altered in place (batch mode copies every column on SQLite), so columns other
branches add to these tables are kept.

Revision ID: 0011
Revises: 0015
Create Date: 2026-12-04 23:45:00

"""

import uuid

import sqlalchemy as sa
from alembic import op

import roadshow.models.types

revision = "0011"
down_revision = "0015"
branch_labels = None
depends_on = None

ROWLESS, ROWID = {"sqlite_with_rowid": False}, {"sqlite_with_rowid": True}
ANSWERS_FK = "fk_feedback_answers_response_id_feedback_responses"
ACTIONS_FK = "fk_safeguarding_actions_comment_id_feedback_comments"
ACTIONS_IX = "ix_safeguarding_actions_comment_id"


def _number(table: str, old_type: sa.types.TypeEngine, new_type: sa.types.TypeEngine, values) -> None:
    """Give every row of `table` a value in new_id: `values(ids)` maps each current id to its new one."""
    conn = op.get_bind()
    t = sa.table(table, sa.column("id", old_type), sa.column("new_id", new_type))
    ids = list(conn.scalars(sa.select(t.c.id)))
    if ids:
        new = values(ids)
        update = sa.update(t).where(t.c.id == sa.bindparam("b_id")).values(new_id=sa.bindparam("b_value"))
        conn.execute(update, [{"b_id": old, "b_value": new[old]} for old in ids])


def _random(ids: list) -> dict:
    return {old: uuid.uuid4() for old in ids}


def _counted(ids: list) -> dict:
    """Numbered in id order, which is random: the counter gets back no submission order."""
    return {old: n for n, old in enumerate(sorted(ids, key=str), start=1)}


FIRST = {
    "feedback_responses": ("id", "session_id"),
    "feedback_answers": ("id", "response_id", "question_key"),
    "feedback_comments": ("id", "session_id"),
}


def _switch_ids(table: str, id_type: sa.types.TypeEngine, extra=()) -> None:
    """Replace `id` (and the `extra` columns) with the filled-in new_<name> columns, keeping the primary key."""
    with op.batch_alter_table(table, table_kwargs=ROWID) as batch_op:  # a table without a key for a moment
        batch_op.drop_constraint(f"pk_{table}", type_="primary")
        for name in ("id", *extra):
            batch_op.drop_column(name)
            batch_op.alter_column(f"new_{name}", new_column_name=name, existing_type=id_type, nullable=False)
    # A second step: on SQLite a new primary key cannot name a column renamed in the same batch. The ids
    # go first again: SQLite 3.40's quick_check misreads WITHOUT ROWID tables whose key is not first.
    rows = ROWLESS if isinstance(id_type, sa.Uuid) else ROWID
    with op.batch_alter_table(table, table_kwargs=rows, partial_reordering=[FIRST[table]]) as batch_op:
        batch_op.create_primary_key(f"pk_{table}", ["id"])


def _cluster(*tables: str) -> None:
    """PostgreSQL: rewrite each table in primary-key order, so the order on disk is random too."""
    if op.get_bind().dialect.name == "postgresql":
        for table in tables:
            op.execute(f"CLUSTER {table} USING pk_{table}")


def _rollup(upgrade: bool) -> None:
    for table in ("report_rollup_answers", "report_rollup_people", "report_rollup_state"):
        op.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names); derived data, rebuilt on the next refresh
    for table in ("report_rollup_answers", "report_rollup_people"):
        with op.batch_alter_table(table, recreate="always") as batch_op:  # empty: a new NOT NULL column is fine
            if upgrade:
                batch_op.add_column(sa.Column("session_id", sa.Integer(), nullable=False))
            else:
                batch_op.drop_column("session_id")
    with op.batch_alter_table("report_rollup_state") as batch_op:
        if upgrade:
            batch_op.drop_column("last_response_id")
            batch_op.drop_column("checked_at")
        else:
            batch_op.add_column(sa.Column("last_response_id", sa.Integer(), nullable=False, server_default="0"))
            batch_op.add_column(sa.Column("checked_at", roadshow.models.types.UTCDateTime(), nullable=True))
    if upgrade:
        op.create_table(
            "report_rollup_counts",
            sa.Column("month", sa.Date(), nullable=False),
            sa.Column("session_id", sa.Integer(), autoincrement=False, nullable=False),
            sa.Column("counted", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("month", "session_id", name=op.f("pk_report_rollup_counts")),
        )
    else:
        op.drop_table("report_rollup_counts")


def _renumber_references(id_type: sa.types.TypeEngine) -> None:
    """Point answers and safeguarding records at the new ids, and drop their keys until the ids are switched."""
    with op.batch_alter_table("feedback_answers") as batch_op:
        batch_op.add_column(sa.Column("new_response_id", id_type, nullable=True))
    with op.batch_alter_table("safeguarding_actions") as batch_op:
        batch_op.add_column(sa.Column("new_comment_id", id_type, nullable=True))
    op.execute(
        "UPDATE feedback_answers SET new_response_id ="
        " (SELECT r.new_id FROM feedback_responses r WHERE r.id = feedback_answers.response_id)"
    )
    op.execute(
        "UPDATE safeguarding_actions SET new_comment_id ="
        " (SELECT c.new_id FROM feedback_comments c WHERE c.id = safeguarding_actions.comment_id)"
    )
    with op.batch_alter_table("feedback_answers") as batch_op:
        batch_op.drop_index("ix_feedback_answers_response_id")
        batch_op.drop_constraint(ANSWERS_FK, type_="foreignkey")
    with op.batch_alter_table("safeguarding_actions") as batch_op:
        batch_op.drop_index(ACTIONS_IX)
        batch_op.drop_constraint(ACTIONS_FK, type_="foreignkey")
        batch_op.drop_column("comment_id")
        batch_op.alter_column("new_comment_id", new_column_name="comment_id", existing_type=id_type, nullable=False)


def _restore_references() -> None:
    with op.batch_alter_table("feedback_answers") as batch_op:
        batch_op.create_foreign_key(ANSWERS_FK, "feedback_responses", ["response_id"], ["id"], ondelete="CASCADE")
        batch_op.create_index("ix_feedback_answers_response_id", ["response_id"], unique=False)
    with op.batch_alter_table("safeguarding_actions") as batch_op:
        batch_op.create_foreign_key(ACTIONS_FK, "feedback_comments", ["comment_id"], ["id"], ondelete="CASCADE")
        batch_op.create_index(ACTIONS_IX, ["comment_id"], unique=False)


def upgrade():
    with op.batch_alter_table("feedback_responses") as batch_op:
        batch_op.add_column(sa.Column("new_id", sa.Uuid(), nullable=True))
    with op.batch_alter_table("feedback_answers") as batch_op:
        batch_op.add_column(sa.Column("new_id", sa.Uuid(), nullable=True))
    with op.batch_alter_table("feedback_comments") as batch_op:
        batch_op.add_column(sa.Column("new_id", sa.Uuid(), nullable=True))
    for table in ("feedback_responses", "feedback_answers", "feedback_comments"):
        _number(table, sa.Integer(), sa.Uuid(), _random)
    _renumber_references(sa.Uuid())
    _switch_ids("feedback_responses", sa.Uuid())
    _switch_ids("feedback_answers", sa.Uuid(), extra=("response_id",))
    _switch_ids("feedback_comments", sa.Uuid())
    _restore_references()
    _cluster("feedback_responses", "feedback_answers", "feedback_comments")
    _rollup(upgrade=True)


def _serial(table: str) -> None:
    """PostgreSQL: number new rows of `table` from a sequence again, as the integer ids did."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE SEQUENCE {table}_id_seq OWNED BY {table}.id")
    op.execute(f"SELECT setval('{table}_id_seq', COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)")  # noqa: S608
    op.execute(f"ALTER TABLE {table} ALTER COLUMN id SET DEFAULT nextval('{table}_id_seq')")


def downgrade():
    _rollup(upgrade=False)
    with op.batch_alter_table("feedback_responses") as batch_op:
        batch_op.add_column(sa.Column("new_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("feedback_answers") as batch_op:
        batch_op.add_column(sa.Column("new_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("feedback_comments") as batch_op:
        batch_op.add_column(sa.Column("new_id", sa.Integer(), nullable=True))
    for table in ("feedback_responses", "feedback_answers", "feedback_comments"):
        _number(table, sa.Uuid(), sa.Integer(), _counted)
    _renumber_references(sa.Integer())
    _switch_ids("feedback_responses", sa.Integer())
    _switch_ids("feedback_answers", sa.Integer(), extra=("response_id",))
    _switch_ids("feedback_comments", sa.Integer())
    _restore_references()
    for table in ("feedback_responses", "feedback_answers", "feedback_comments"):
        _serial(table)
