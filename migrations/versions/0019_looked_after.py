"""Cases: a looked-after child's dates, from which the statutory timescales count

Revision ID: 0019_looked_after
Revises: 0013_speed
Create Date: 2026-12-01 21:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019_looked_after'
down_revision = '0013_speed'
branch_labels = None
depends_on = None

DATES = ('looked_after_on', 'placement_on', 'care_plan_on', 'placement_plan_on',
         'first_lac_review_on', 'last_lac_review_on', 'last_lac_visit_on',
         'health_assessment_on', 'pep_on')


def upgrade():
    with op.batch_alter_table('cases') as batch_op:
        for column in DATES:
            batch_op.add_column(sa.Column(column, sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('placement_long_term', sa.String(length=3),
                                      nullable=True))


def downgrade():
    with op.batch_alter_table('cases') as batch_op:
        batch_op.drop_column('placement_long_term')
        for column in reversed(DATES):
            batch_op.drop_column(column)
