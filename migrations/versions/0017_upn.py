"""People: a child's unique pupil number (UPN), for the Children in Need census

Revision ID: 0016_upn
Revises: 0013_managers
Create Date: 2026-12-01 18:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_upn'
down_revision = '0013_managers'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('people') as batch_op:
        batch_op.add_column(sa.Column('upn', sa.String(length=13), nullable=True))


def downgrade():
    with op.batch_alter_table('people') as batch_op:
        batch_op.drop_column('upn')
