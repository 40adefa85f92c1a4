"""The plan a child was on when a strategy discussion was called, so that an outcome
finding no new cause for action goes back to it

Revision ID: 0009_practice
Revises: 0009_room
Create Date: 2026-12-01 14:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_practice'
down_revision = '0009_room'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('strategy_from', sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('strategy_from')
