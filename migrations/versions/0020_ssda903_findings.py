"""Return findings: the census findings also hold the SSDA903 return's, told apart by the
return they come from, for the working group's hotspots of each

Revision ID: 0019_ssda903_findings
Revises: 0019_looked_after (the lead re-chains the 0019s)
Create Date: 2026-12-01 21:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019_ssda903_findings'
down_revision = '0019_looked_after'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('census_findings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('collection', sa.String(length=10), nullable=False,
                                      server_default='CIN'))


def downgrade():
    with op.batch_alter_table('census_findings', schema=None) as batch_op:
        batch_op.drop_column('collection')
