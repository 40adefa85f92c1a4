"""Amending a submitted form: the child's record as it was before the form changed it;
which answers were filled in when a form was started, and from where

Revision ID: 0009_panel
Revises: 0009_wg
Create Date: 2026-12-01 14:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_panel'
down_revision = '0009_wg'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('form_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('case_before_json', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('prefilled_json', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('form_records', schema=None) as batch_op:
        batch_op.drop_column('prefilled_json')
        batch_op.drop_column('case_before_json')
