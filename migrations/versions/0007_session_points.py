"""Session points stand for a step of the scenario; a run outlives its tenant

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 11:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'session_points',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('snapshot_id', sa.Integer(), nullable=False),
        sa.Column('label', sa.String(length=60), nullable=False),
        sa.Column('step_index', sa.Integer(), nullable=True),
        sa.Column('case_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'],
                                name=op.f('fk_session_points_session_id_training_sessions'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['snapshot_id'], ['snapshots.id'],
                                name=op.f('fk_session_points_snapshot_id_snapshots'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_session_points')),
        sa.UniqueConstraint('snapshot_id', name=op.f('uq_session_points_snapshot_id')))
    with op.batch_alter_table('session_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_points_session_id'), ['session_id'],
                              unique=False)
    with op.batch_alter_table('scenario_runs', schema=None) as batch_op:
        batch_op.alter_column('tenant_id', existing_type=sa.Integer(), nullable=True)
        batch_op.drop_constraint('fk_scenario_runs_tenant_id_tenants', type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_scenario_runs_tenant_id_tenants'),
                                    'tenants', ['tenant_id'], ['id'], ondelete='SET NULL')


def downgrade():
    op.execute("DELETE FROM scenario_runs WHERE tenant_id IS NULL")
    with op.batch_alter_table('scenario_runs', schema=None) as batch_op:
        batch_op.drop_constraint('fk_scenario_runs_tenant_id_tenants', type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_scenario_runs_tenant_id_tenants'),
                                    'tenants', ['tenant_id'], ['id'], ondelete='CASCADE')
        batch_op.alter_column('tenant_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('session_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_points_session_id'))
    op.drop_table('session_points')
