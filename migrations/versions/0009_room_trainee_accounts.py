"""Trainee accounts a trainer makes for a room: an email to tell people apart, and the
window a one-off seat login works in

Revision ID: 0009_room
Revises: 0008
Create Date: 2026-12-01 14:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_room'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('valid_from', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('valid_until', sa.DateTime(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_users_email'), ['email'])


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_email'), type_='unique')
        batch_op.drop_column('valid_until')
        batch_op.drop_column('valid_from')
        batch_op.drop_column('email')
