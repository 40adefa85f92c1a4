"""Rooms prepared before the trainer asks: when a session started, and when a worker last
claimed the preparing of its seats

Revision ID: 0013_speed
Revises: 0016_upn
Create Date: 2026-12-01 18:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_speed'
down_revision = '0016_upn'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('started_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('seats_claimed_at', sa.DateTime(), nullable=True))
    # Every session made before this began at once.
    op.execute("UPDATE training_sessions SET started_at = created_at")


def downgrade():
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.drop_column('seats_claimed_at')
        batch_op.drop_column('started_at')
