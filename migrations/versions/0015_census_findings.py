"""Census findings: what the last census check of each training copy found, question by
question, for the working group's census hotspots

Revision ID: 0013_census
Revises: 0013_world
Create Date: 2026-12-01 17:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_census'
down_revision = '0013_world'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'census_findings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('tenant_name', sa.String(length=63), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('version_set', sa.String(length=30), nullable=True),
        sa.Column('form_key', sa.String(length=60), nullable=True),
        sa.Column('field_key', sa.String(length=60), nullable=True),
        sa.Column('question', sa.String(length=300), nullable=False),
        sa.Column('rule_code', sa.String(length=10), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('checked_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_census_findings')),
    )
    with op.batch_alter_table('census_findings', schema=None) as batch_op:
        batch_op.create_index('ix_census_findings_tenant_name', ['tenant_name'], unique=False)


def downgrade():
    with op.batch_alter_table('census_findings', schema=None) as batch_op:
        batch_op.drop_index('ix_census_findings_tenant_name')
    op.drop_table('census_findings')
