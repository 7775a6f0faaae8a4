"""safeguarding: the lead flag on staff accounts, the record of what was done, and how long it is kept

Revision ID: 0012
Revises: 0004
Create Date: 2026-12-04 23:45:00

"""

from datetime import date

import sqlalchemy as sa
from alembic import op

from roadshow.models.types import UTCDateTime

revision = "0012"
down_revision = "0004"
branch_labels = None
depends_on = None

RETENTION_YEARS = 6  # config.SAFEGUARDING_RETENTION_YEARS when this was written


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("is_safeguarding_lead", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("feedback_comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("keep_until", sa.Date(), nullable=True))
    op.create_table(
        "safeguarding_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("action_taken", sa.Text(), nullable=False),
        sa.Column("referred_to", sa.String(length=200), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("closes_case", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["comment_id"],
            ["feedback_comments.id"],
            name=op.f("fk_safeguarding_actions_comment_id_feedback_comments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["users.id"],
            name=op.f("fk_safeguarding_actions_recorded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safeguarding_actions")),
    )
    with op.batch_alter_table("safeguarding_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_safeguarding_actions_comment_id"), ["comment_id"], unique=False)
    _keep_existing_escalations()


def _keep_existing_escalations():
    """Comments escalated before this revision are kept for the full period from the day they were written."""
    comments = sa.table(
        "feedback_comments", sa.column("id"), sa.column("status"), sa.column("submitted_on"), sa.column("keep_until")
    )
    conn = op.get_bind()
    rows = conn.execute(sa.select(comments.c.id, comments.c.submitted_on).where(comments.c.status == "escalated"))
    for comment_id, submitted_on in rows.all():
        day = submitted_on if isinstance(submitted_on, date) else date.fromisoformat(str(submitted_on))
        keep = day.replace(year=day.year + RETENTION_YEARS, day=min(day.day, 28))
        conn.execute(sa.update(comments).where(comments.c.id == comment_id).values(keep_until=keep))


def downgrade():
    with op.batch_alter_table("safeguarding_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safeguarding_actions_comment_id"))
    op.drop_table("safeguarding_actions")
    with op.batch_alter_table("feedback_comments", schema=None) as batch_op:
        batch_op.drop_column("keep_until")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("is_safeguarding_lead")
