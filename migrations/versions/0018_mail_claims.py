"""When each email was claimed for sending, so only a claim left by a dead sender is taken back

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 02:43:08.075128

"""

import sqlalchemy as sa
from alembic import op

import roadshow.models.types

# revision identifiers, used by Alembic.
revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN on every database (no table copy).
    with op.batch_alter_table("outbound_emails", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("claimed_at", roadshow.models.types.UTCDateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("outbound_emails", recreate="never") as batch_op:
        batch_op.drop_column("claimed_at")
