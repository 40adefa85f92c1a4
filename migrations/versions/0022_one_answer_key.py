"""One answer key a child's record: an audit exercise's gaps are planted once, however
many trainees start its scenario at the same moment

Revision ID: 0022_one_answer_key
Revises: 0019_progress
Create Date: 2026-12-02 16:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022_one_answer_key'
down_revision = '0019_progress'
branch_labels = None
depends_on = None


def upgrade():
    # An earlier record planted twice keeps its latest key (the one that was read).
    op.execute(sa.text(
        "DELETE FROM audit_answer_keys WHERE id NOT IN (SELECT MAX(id) FROM audit_answer_keys "
        "GROUP BY tenant_id, case_id)"))
    with op.batch_alter_table('audit_answer_keys', schema=None) as batch_op:
        batch_op.create_index('uq_audit_answer_key', ['tenant_id', 'case_id'], unique=True)


def downgrade():
    with op.batch_alter_table('audit_answer_keys', schema=None) as batch_op:
        batch_op.drop_index('uq_audit_answer_key')
