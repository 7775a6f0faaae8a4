"""record keys: a random key per feedback response and key sums in the report rollup (cell-key perturbation)

Revision ID: 0009
Revises: 0014
Create Date: 2026-12-05 00:05:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0014"
branch_labels = None
depends_on = None

RANDOM_KEY = {
    "postgresql": "UPDATE feedback_responses SET record_key = floor(random() * 256)::int",
    "sqlite": "UPDATE feedback_responses SET record_key = abs(random()) % 256",
}


# Every change is made in place (recreate="never"): a batch copy of feedback_responses would drop the
# table, and on SQLite that cascade-deletes every answer that points at it.


def upgrade():
    with op.batch_alter_table("feedback_responses", recreate="never") as batch:
        batch.add_column(sa.Column("record_key", sa.Integer(), nullable=False, server_default="0"))
    # Existing responses get random keys like new ones; a key of 0 for all would perturb nothing.
    op.execute(RANDOM_KEY[op.get_bind().dialect.name])
    for table in ("report_rollup_answers", "report_rollup_people"):
        with op.batch_alter_table(table, recreate="never") as batch:
            batch.add_column(sa.Column("key_sum", sa.Integer(), nullable=False, server_default="0"))
    # The rollup is derived data: emptied, it rebuilds itself with key sums on the next refresh.
    for table in ("report_rollup_answers", "report_rollup_people", "report_rollup_counts", "report_rollup_state"):
        op.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed table names)


def downgrade():
    for table in ("report_rollup_people", "report_rollup_answers"):
        with op.batch_alter_table(table, recreate="never") as batch:
            batch.drop_column("key_sum")
    with op.batch_alter_table("feedback_responses", recreate="never") as batch:
        batch.drop_column("record_key")
