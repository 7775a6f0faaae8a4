"""feedback languages: a session's poster languages, and which translations a fluent speaker reviewed

A plain added column on `sessions` (never a batch copy: its feedback would cascade away).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 03:00:00

"""

import sqlalchemy as sa
from alembic import op

import roadshow.models.types

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "sessions", sa.Column("feedback_languages", sa.String(length=40), server_default="", nullable=False)
    )
    op.create_table(
        "language_reviews",
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("reviewed_at", roadshow.models.types.UTCDateTime(), nullable=False),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"],
            ["users.id"],
            name=op.f("fk_language_reviews_reviewed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_language_reviews")),
    )


def downgrade():
    op.drop_table("language_reviews")
    with op.batch_alter_table("sessions", recreate="never") as batch_op:
        batch_op.drop_column("feedback_languages")
