"""Cases: the day the looked-after child's present legal status began, from which an
emergency power's end is counted (not from a later move of placement)

Revision ID: 0023_legal_status_on
Revises: 0022_one_answer_key
Create Date: 2026-12-02 17:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023_legal_status_on'
down_revision = '0022_one_answer_key'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases') as batch_op:
        batch_op.add_column(sa.Column('legal_status_on', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('cases') as batch_op:
        batch_op.drop_column('legal_status_on')
