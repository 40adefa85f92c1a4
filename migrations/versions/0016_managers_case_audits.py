"""Case file audits and their findings (managers' training)

Revision ID: 0013_managers
Revises: 0013_census
Create Date: 2026-12-01 18:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_managers'
down_revision = '0013_census'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_audits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=True),
    sa.Column('tenant_name', sa.String(length=64), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('child_name', sa.String(length=130), nullable=False),
    sa.Column('tool_key', sa.String(length=60), nullable=False),
    sa.Column('auditor_id', sa.Integer(), nullable=True),
    sa.Column('auditor_name', sa.String(length=120), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('grade', sa.String(length=30), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('round_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['round_id'], ['review_rounds.id'], name=op.f('fk_case_audits_round_id_review_rounds'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['auditor_id'], ['users.id'], name=op.f('fk_case_audits_auditor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_case_audits_tenant_id_tenants'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_audits'))
    )
    with op.batch_alter_table('case_audits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_audits_auditor_id'), ['auditor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_audits_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('uq_case_audit_draft', ['tenant_id', 'case_id', 'tool_key', 'auditor_id'], unique=True, sqlite_where=sa.text("status = 'draft'"), postgresql_where=sa.text("status = 'draft'"))

    op.create_table('audit_findings',
    sa.Column('audit_id', sa.Integer(), nullable=False),
    sa.Column('question_key', sa.String(length=60), nullable=False),
    sa.Column('answer', sa.String(length=20), nullable=True),
    sa.Column('finding', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['case_audits.id'], name=op.f('fk_audit_findings_audit_id_case_audits'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('audit_id', 'question_key', name=op.f('pk_audit_findings'))
    )

    op.create_table('audit_answer_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('gaps_json', sa.Text(), nullable=False),
    sa.Column('planted_by', sa.String(length=120), nullable=False),
    sa.Column('planted_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_audit_answer_keys_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_answer_keys'))
    )
    with op.batch_alter_table('audit_answer_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_answer_keys_tenant_id'), ['tenant_id'], unique=False)


def downgrade():
    op.drop_table('audit_answer_keys')
    op.drop_table('audit_findings')
    with op.batch_alter_table('case_audits', schema=None) as batch_op:
        batch_op.drop_index('uq_case_audit_draft')
        batch_op.drop_index(batch_op.f('ix_case_audits_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_case_audits_auditor_id'))
    op.drop_table('case_audits')
