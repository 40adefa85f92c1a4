"""Cases: the day of the young person's latest pathway plan, from which its review and
(for an eligible young person without one) the plan itself are due

Revision ID: 0024_pathway_plan_on
Revises: 0023_legal_status_on
Create Date: 2026-12-02 17:35:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0024_pathway_plan_on'
down_revision = '0023_legal_status_on'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases') as batch_op:
        batch_op.add_column(sa.Column('pathway_plan_on', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('cases') as batch_op:
        batch_op.drop_column('pathway_plan_on')
