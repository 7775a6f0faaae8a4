"""newsletter subscribers and sends

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 08:56:19.326501

"""
from alembic import op
import sqlalchemy as sa
import roadshow.models.types


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('news_subscribers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email_hash', sa.String(length=64), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('first_name', sa.String(length=60), nullable=False),
    sa.Column('status', sa.String(length=14), nullable=False),
    sa.Column('created_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.Column('confirmed_at', roadshow.models.types.UTCDateTime(), nullable=True),
    sa.Column('unsubscribed_at', roadshow.models.types.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_subscribers')),
    sa.UniqueConstraint('email_hash', name=op.f('uq_news_subscribers_email_hash'))
    )
    with op.batch_alter_table('news_subscribers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_news_subscribers_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_news_subscribers_status'), ['status'], unique=False)

    op.create_table('news_edition_sends',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('started_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.Column('started_by_id', sa.Integer(), nullable=True),
    sa.Column('finished_at', roadshow.models.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['edition_id'], ['news_editions.id'], name=op.f('fk_news_edition_sends_edition_id_news_editions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['started_by_id'], ['users.id'], name=op.f('fk_news_edition_sends_started_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_edition_sends')),
    sa.UniqueConstraint('edition_id', name=op.f('uq_news_edition_sends_edition_id'))
    )
    op.create_table('news_send_recipients',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('send_id', sa.Integer(), nullable=False),
    sa.Column('subscriber_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('sent_at', roadshow.models.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['send_id'], ['news_edition_sends.id'], name=op.f('fk_news_send_recipients_send_id_news_edition_sends'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subscriber_id'], ['news_subscribers.id'], name=op.f('fk_news_send_recipients_subscriber_id_news_subscribers'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_send_recipients')),
    sa.UniqueConstraint('send_id', 'subscriber_id', name='uq_news_send_recipients_send_subscriber')
    )
    with op.batch_alter_table('news_send_recipients', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_news_send_recipients_send_id'), ['send_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_news_send_recipients_state'), ['state'], unique=False)



def downgrade():
    with op.batch_alter_table('news_send_recipients', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_send_recipients_state'))
        batch_op.drop_index(batch_op.f('ix_news_send_recipients_send_id'))

    op.drop_table('news_send_recipients')
    op.drop_table('news_edition_sends')
    with op.batch_alter_table('news_subscribers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_subscribers_status'))
        batch_op.drop_index(batch_op.f('ix_news_subscribers_created_at'))

    op.drop_table('news_subscribers')
