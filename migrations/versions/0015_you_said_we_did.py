"""you said, we did: the panel's findings per reporting period and the responses to them

Each text has a draft column and a public_* copy that only publishing fills, so a new
table needs no data migration.

Revision ID: 0015
Revises: 0012
Create Date: 2026-12-04 23:33:30.615298

"""
from alembic import op
import sqlalchemy as sa
import roadshow.models.types


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('yousaid_periods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_code', sa.String(length=16), nullable=False),
    sa.Column('first_published_at', roadshow.models.types.UTCDateTime(), nullable=True),
    sa.Column('published_at', roadshow.models.types.UTCDateTime(), nullable=True),
    sa.Column('sessions_figure', sa.String(length=20), nullable=False),
    sa.Column('responses_figure', sa.String(length=20), nullable=False),
    sa.Column('created_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_yousaid_periods')),
    sa.UniqueConstraint('period_code', name=op.f('uq_yousaid_periods_period_code'))
    )
    op.create_table('yousaid_findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('public_text', sa.Text(), nullable=True),
    sa.Column('created_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['period_id'], ['yousaid_periods.id'], name=op.f('fk_yousaid_findings_period_id_yousaid_periods'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_yousaid_findings'))
    )
    with op.batch_alter_table('yousaid_findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_yousaid_findings_period_id'), ['period_id'], unique=False)

    op.create_table('yousaid_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('finding_id', sa.Integer(), nullable=False),
    sa.Column('responder', sa.String(length=10), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('public_responder', sa.String(length=10), nullable=True),
    sa.Column('public_text', sa.Text(), nullable=True),
    sa.Column('public_status', sa.String(length=20), nullable=True),
    sa.Column('public_reason', sa.Text(), nullable=True),
    sa.Column('created_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['finding_id'], ['yousaid_findings.id'], name=op.f('fk_yousaid_responses_finding_id_yousaid_findings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_yousaid_responses'))
    )
    with op.batch_alter_table('yousaid_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_yousaid_responses_finding_id'), ['finding_id'], unique=False)



def downgrade():
    with op.batch_alter_table('yousaid_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_yousaid_responses_finding_id'))

    op.drop_table('yousaid_responses')
    with op.batch_alter_table('yousaid_findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_yousaid_findings_period_id'))

    op.drop_table('yousaid_findings')
    op.drop_table('yousaid_periods')
