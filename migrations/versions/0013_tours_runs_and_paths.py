"""Tours (each person's runs through them) and learning paths (who is on which, at what
pace)

Revision ID: 0013_tours
Revises: 0009_panel
Create Date: 2026-12-01 17:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_tours'
down_revision = '0009_panel'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'tour_runs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('tour_key', sa.String(length=80), nullable=False),
        sa.Column('tenant_name', sa.String(length=64), nullable=False),
        sa.Column('step', sa.Integer(), nullable=False),
        sa.Column('furthest', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('how', sa.String(length=12), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('ended_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_tour_runs_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_tour_runs')),
    )
    op.create_index('ix_tour_runs_user_status', 'tour_runs', ['user_id', 'status'])
    op.create_index('ix_tour_runs_tour', 'tour_runs', ['tour_key'])
    op.create_index('uq_tour_runs_one_running', 'tour_runs', ['user_id'], unique=True,
                    sqlite_where=sa.text("status = 'running'"),
                    postgresql_where=sa.text("status = 'running'"))
    op.create_table(
        'path_places',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('path_key', sa.String(length=80), nullable=False),
        sa.Column('pace', sa.String(length=12), nullable=False),
        sa.Column('set_by', sa.String(length=120), nullable=False),
        sa.Column('set_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_path_places_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_path_places')),
    )


def downgrade():
    op.drop_table('path_places')
    op.drop_index('uq_tour_runs_one_running', table_name='tour_runs')
    op.drop_index('ix_tour_runs_tour', table_name='tour_runs')
    op.drop_index('ix_tour_runs_user_status', table_name='tour_runs')
    op.drop_table('tour_runs')
