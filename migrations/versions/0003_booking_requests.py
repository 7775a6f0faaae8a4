"""booking requests: requests, their history and preferred dates, the reference counter;
sessions.request_id now points at booking_requests

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 08:48:04.900341

"""
from alembic import op
import sqlalchemy as sa
import roadshow.models.types


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('booking_reference_counters',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_booking_reference_counters'))
    )
    op.create_table('booking_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=12), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('group_type', sa.String(length=30), nullable=False),
    sa.Column('contact_name', sa.String(length=120), nullable=False),
    sa.Column('contact_role', sa.String(length=120), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('district', sa.String(length=40), nullable=False),
    sa.Column('venue_address', sa.String(length=500), nullable=False),
    sa.Column('postcode', sa.String(length=10), nullable=False),
    sa.Column('group_size', sa.Integer(), nullable=False),
    sa.Column('age_min', sa.Integer(), nullable=False),
    sa.Column('age_max', sa.Integer(), nullable=False),
    sa.Column('topics', sa.String(length=20), nullable=False),
    sa.Column('access_needs', sa.Text(), nullable=False),
    sa.Column('responsible_adult', sa.Boolean(), nullable=False),
    sa.Column('consent_to_contact', sa.Boolean(), nullable=False),
    sa.Column('decline_reason', sa.String(length=1000), nullable=False),
    sa.Column('cancel_reason', sa.String(length=1000), nullable=False),
    sa.Column('cancelled_by', sa.String(length=60), nullable=False),
    sa.Column('created_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.Column('contact_purged_at', roadshow.models.types.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_requests')),
    sa.UniqueConstraint('reference', name=op.f('uq_booking_requests_reference')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_booking_requests_token_hash'))
    )
    with op.batch_alter_table('booking_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_booking_requests_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_booking_requests_district'), ['district'], unique=False)
        batch_op.create_index(batch_op.f('ix_booking_requests_organisation'), ['organisation'], unique=False)
        batch_op.create_index(batch_op.f('ix_booking_requests_status'), ['status'], unique=False)

    op.create_table('booking_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=True),
    sa.Column('to_status', sa.String(length=16), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_label', sa.String(length=60), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('visible_to_group', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_booking_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['request_id'], ['booking_requests.id'], name=op.f('fk_booking_events_request_id_booking_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_events'))
    )
    with op.batch_alter_table('booking_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_booking_events_request_id'), ['request_id'], unique=False)

    op.create_table('booking_preferred_dates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('part_of_day', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['booking_requests.id'], name=op.f('fk_booking_preferred_dates_request_id_booking_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_preferred_dates'))
    )
    with op.batch_alter_table('booking_preferred_dates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_booking_preferred_dates_request_id'), ['request_id'], unique=False)

    # Batch mode: SQLite can only add a foreign key by rebuilding the table.
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_sessions_request_id_booking_requests'), 'booking_requests', ['request_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_sessions_request_id_booking_requests'), type_='foreignkey')

    with op.batch_alter_table('booking_preferred_dates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_booking_preferred_dates_request_id'))

    op.drop_table('booking_preferred_dates')
    with op.batch_alter_table('booking_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_booking_events_request_id'))

    op.drop_table('booking_events')
    with op.batch_alter_table('booking_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_booking_requests_status'))
        batch_op.drop_index(batch_op.f('ix_booking_requests_organisation'))
        batch_op.drop_index(batch_op.f('ix_booking_requests_district'))
        batch_op.drop_index(batch_op.f('ix_booking_requests_created_at'))

    op.drop_table('booking_requests')
    op.drop_table('booking_reference_counters')
