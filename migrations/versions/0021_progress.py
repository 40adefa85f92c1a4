"""Long work shown as it goes: how far a training copy being made, or a census check,
has got, and what it made (sandbox.core.progress)

Revision ID: 0019_progress
Revises: 0013_speed
Create Date: 2026-12-01 21:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019_progress'
down_revision = '0019_ssda903_findings'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'long_work',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('subject', sa.String(length=300), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('done', sa.Integer(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.Column('problem', sa.Text(), nullable=True),
        sa.Column('result_json', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_long_work_user_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_long_work')),
    )
    with op.batch_alter_table('long_work', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_long_work_subject'), ['subject'], unique=False)


def downgrade():
    with op.batch_alter_table('long_work', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_long_work_subject'))
    op.drop_table('long_work')
