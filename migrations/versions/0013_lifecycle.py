"""lifecycle: offer deadlines and reminders on sessions, manage links that can be rebuilt and replaced

Revision ID: 0013
Revises: 0011
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
    # ALTER TABLE … DROP COLUMN in place (SQLite 3.35+): a batch copy of `sessions` would drop the table
    # and cascade-delete every feedback response that refers to it.
    with op.batch_alter_table("sessions", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("reminder_sent_at")
        batch_op.drop_column("offer_reminded_at")
        batch_op.drop_column("offer_expires_at")
    with op.batch_alter_table("booking_requests", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("link_salt")
    with op.batch_alter_table("booking_replaced_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_replaced_links_request_id"))
    op.drop_table("booking_replaced_links")
