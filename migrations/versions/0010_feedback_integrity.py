"""feedback integrity: held responses, a session's expected number of young people, no duplicate answers

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 23:50:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN, never a batch copy: on SQLite, dropping the old copy of a table would
    # cascade-delete every row that points at it (answers, comments) with foreign keys on.
    op.add_column("feedback_responses", sa.Column("held", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("sessions", sa.Column("expected_young_people", sa.Integer(), nullable=True))
    # Until now the group's size was only the booking's: start from it, or from the places offered.
    op.execute(
        "UPDATE sessions SET expected_young_people = COALESCE("
        "(SELECT b.group_size FROM booking_requests b WHERE b.id = sessions.request_id), capacity)"
    )
    # A choice repeated on a step was stored once per copy: keep one row of each (response, question, value).
    # (Ids are random UUIDs: keep the lowest of each set, which both databases can compare.)
    op.execute(
        "DELETE FROM feedback_answers WHERE EXISTS (SELECT 1 FROM feedback_answers AS kept"
        " WHERE kept.response_id = feedback_answers.response_id AND kept.question_key = feedback_answers.question_key"
        " AND kept.value = feedback_answers.value AND kept.id < feedback_answers.id)"
    )
    # The report rollup counted those copies: empty it, and the next report rebuilds it from the answers.
    op.execute("DELETE FROM report_rollup_answers")
    op.execute("DELETE FROM report_rollup_people")
    op.execute("DELETE FROM report_rollup_counts")
    op.execute("DELETE FROM report_rollup_state")


def downgrade():
    op.drop_column("sessions", "expected_young_people")
    op.drop_column("feedback_responses", "held")
