"""volunteers: applications, notes, status history and the anonymous counts kept after a purge

Revision ID: 0006
Revises: 0003
Create Date: 2026-11-28 08:48:20.113259

"""
from alembic import op
import sqlalchemy as sa
import roadshow.models.types


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('volunteer_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=16), nullable=False),
    sa.Column('group', sa.String(length=12), nullable=False),
    sa.Column('first_name', sa.String(length=60), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('contact_by', sa.String(length=12), nullable=False),
    sa.Column('age', sa.Integer(), nullable=False),
    sa.Column('district', sa.String(length=40), nullable=False),
    sa.Column('access_needs', sa.Text(), nullable=False),
    sa.Column('why_join', sa.Text(), nullable=False),
    sa.Column('guardian_name', sa.String(length=120), nullable=False),
    sa.Column('guardian_email', sa.String(length=254), nullable=False),
    sa.Column('guardian_phone', sa.String(length=20), nullable=False),
    sa.Column('guardian_agreed', sa.Boolean(), nullable=False),
    sa.Column('consented_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('not_proceeding_reason', sa.String(length=40), nullable=False),
    sa.Column('created_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.Column('status_changed_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer_applications')),
    sa.UniqueConstraint('reference', name=op.f('uq_volunteer_applications_reference'))
    )
    with op.batch_alter_table('volunteer_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_volunteer_applications_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_volunteer_applications_district'), ['district'], unique=False)
        batch_op.create_index(batch_op.f('ix_volunteer_applications_group'), ['group'], unique=False)
        batch_op.create_index('ix_volunteer_applications_status_changed', ['status', 'status_changed_at'], unique=False)

    op.create_table('volunteer_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.String(length=7), nullable=False),
    sa.Column('group', sa.String(length=12), nullable=False),
    sa.Column('district', sa.String(length=40), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer_counts')),
    sa.UniqueConstraint('quarter', 'group', 'district', 'outcome', name='uq_volunteer_counts_key')
    )
    op.create_table('volunteer_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['volunteer_applications.id'], name=op.f('fk_volunteer_notes_application_id_volunteer_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_volunteer_notes_author_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer_notes'))
    )
    with op.batch_alter_table('volunteer_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_volunteer_notes_application_id'), ['application_id'], unique=False)

    op.create_table('volunteer_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('from_status', sa.String(length=16), nullable=False),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_volunteer_status_changes_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['application_id'], ['volunteer_applications.id'], name=op.f('fk_volunteer_status_changes_application_id_volunteer_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer_status_changes'))
    )
    with op.batch_alter_table('volunteer_status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_volunteer_status_changes_application_id'), ['application_id'], unique=False)



def downgrade():
    with op.batch_alter_table('volunteer_status_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_volunteer_status_changes_application_id'))

    op.drop_table('volunteer_status_changes')
    with op.batch_alter_table('volunteer_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_volunteer_notes_application_id'))

    op.drop_table('volunteer_notes')
    op.drop_table('volunteer_counts')
    with op.batch_alter_table('volunteer_applications', schema=None) as batch_op:
        batch_op.drop_index('ix_volunteer_applications_status_changed')
        batch_op.drop_index(batch_op.f('ix_volunteer_applications_group'))
        batch_op.drop_index(batch_op.f('ix_volunteer_applications_district'))
        batch_op.drop_index(batch_op.f('ix_volunteer_applications_created_at'))

    op.drop_table('volunteer_applications')
