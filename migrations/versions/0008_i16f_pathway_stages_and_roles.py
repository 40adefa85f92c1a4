"""The pathway as data: when a record moved to its stage, plan reviews and closure with
its reason on cases; the part each seat in a training session plays

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 11:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stage_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('plan_reviewed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('closed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('closure_reason', sa.String(length=20), nullable=True))
    with op.batch_alter_table('seats', schema=None) as batch_op:
        batch_op.add_column(sa.Column('case_role', sa.String(length=30), nullable=True))


def downgrade():
    with op.batch_alter_table('seats', schema=None) as batch_op:
        batch_op.drop_column('case_role')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('closure_reason')
        batch_op.drop_column('closed_on')
        batch_op.drop_column('plan_reviewed_on')
        batch_op.drop_column('stage_on')
