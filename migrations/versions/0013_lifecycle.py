"""lifecycle: offer deadlines and reminders on sessions, manage links that can be rebuilt and replaced

Revision ID: 0013
Revises: 0015
Create Date: 2026-12-04 23:31:02

"""

import sqlalchemy as sa
from alembic import op

from roadshow.models.types import UTCDateTime

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "booking_replaced_links",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("replaced_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["booking_requests.id"],
            name=op.f("fk_booking_replaced_links_request_id_booking_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_booking_replaced_links")),
    )
    with op.batch_alter_table("booking_replaced_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_booking_replaced_links_request_id"), ["request_id"], unique=False)
    # Requests made before this revision keep their random token; their emails point to the first one.
    with op.batch_alter_table("booking_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("link_salt", sa.String(length=64), nullable=False, server_default=""))
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("offer_expires_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("offer_reminded_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("reminder_sent_at", UTCDateTime(), nullable=True))


def downgrade():
    # Plain DROP COLUMN, never a batch copy: on SQLite, dropping the old copy of `sessions` would
    # cascade-delete every feedback response of every session (foreign keys are on).
    for column in ("reminder_sent_at", "offer_reminded_at", "offer_expires_at"):
        op.drop_column("sessions", column)
    op.drop_column("booking_requests", "link_salt")
    with op.batch_alter_table("booking_replaced_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_replaced_links_request_id"))
    op.drop_table("booking_replaced_links")
