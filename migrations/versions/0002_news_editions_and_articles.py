"""news: editions and their articles (Markdown stored with its sanitised HTML)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 08:48:47.932223

"""
from alembic import op
import sqlalchemy as sa
import roadshow.models.types


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('news_editions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=80), nullable=False),
    sa.Column('slug', sa.String(length=100), nullable=False),
    sa.Column('welcome', sa.Text(), nullable=False),
    sa.Column('welcome_html', sa.Text(), nullable=False),
    sa.Column('published_at', roadshow.models.types.UTCDateTime(), nullable=True),
    sa.Column('created_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_editions')),
    sa.UniqueConstraint('slug', name=op.f('uq_news_editions_slug'))
    )
    with op.batch_alter_table('news_editions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_news_editions_published_at'), ['published_at'], unique=False)

    op.create_table('news_articles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('slug', sa.String(length=180), nullable=False),
    sa.Column('summary', sa.String(length=600), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('read_more_url', sa.String(length=300), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('published_at', roadshow.models.types.UTCDateTime(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', roadshow.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_news_articles_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['edition_id'], ['news_editions.id'], name=op.f('fk_news_articles_edition_id_news_editions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_articles')),
    sa.UniqueConstraint('slug', name=op.f('uq_news_articles_slug'))
    )
    with op.batch_alter_table('news_articles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_news_articles_edition_id'), ['edition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_news_articles_published_at'), ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_news_articles_status'), ['status'], unique=False)



def downgrade():
    with op.batch_alter_table('news_articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_articles_status'))
        batch_op.drop_index(batch_op.f('ix_news_articles_published_at'))
        batch_op.drop_index(batch_op.f('ix_news_articles_edition_id'))

    op.drop_table('news_articles')
    with op.batch_alter_table('news_editions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_editions_published_at'))

    op.drop_table('news_editions')
