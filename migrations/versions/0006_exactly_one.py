"""Exactly one: a tenant's generation (resets and writes decide who wins on it) and one
seat per person in a training session

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 08:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('tenants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('generation', sa.Integer(), server_default='0',
                                      nullable=False))
    # Someone who joined twice at once before this version may hold two seats: they keep
    # the first, and the other is free again.
    op.execute(
        "UPDATE seats SET user_id = NULL WHERE user_id IS NOT NULL AND EXISTS ("
        "SELECT 1 FROM seats AS first WHERE first.session_id = seats.session_id "
        "AND first.user_id = seats.user_id AND first.number < seats.number)")
    with op.batch_alter_table('seats', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_seats_session_id'),
                                          ['session_id', 'user_id'])


def downgrade():
    with op.batch_alter_table('seats', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_seats_session_id'), type_='unique')
    with op.batch_alter_table('tenants', schema=None) as batch_op:
        batch_op.drop_column('generation')
