"""Cases: whether the child's family and friends carers are approved as foster carers only
for now (CPR10 regulation 24), which sets weekly visits and when the approval ends

Revision ID: 0025_temporary_approval
Revises: 0024_pathway_plan_on
Create Date: 2026-12-03 14:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0025_temporary_approval'
down_revision = '0024_pathway_plan_on'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases') as batch_op:
        batch_op.add_column(sa.Column('temporary_approval', sa.String(3), nullable=True))


def downgrade():
    with op.batch_alter_table('cases') as batch_op:
        batch_op.drop_column('temporary_approval')
