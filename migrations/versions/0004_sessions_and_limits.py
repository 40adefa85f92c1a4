"""Sessions kept on the server (sign_in_sessions) and attempt limits (limit_counters);
users.session_token goes (ending a session is now a row's ended_at)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 07:48:56.717424

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('limit_counters',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('window_end', sa.DateTime(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'key', 'window_end', name=op.f('pk_limit_counters'))
    )
    with op.batch_alter_table('limit_counters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_limit_counters_account'), ['account'], unique=False)
        batch_op.create_index(batch_op.f('ix_limit_counters_window_end'), ['window_end'], unique=False)

    op.create_table('sign_in_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('ended_why', sa.String(length=40), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('browser', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sign_in_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_sessions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_sign_in_sessions_token_hash'))
    )
    with op.batch_alter_table('sign_in_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_sessions_user_id'), ['user_id'], unique=False)

    # Everyone signed in before this version signs in again (their cookies name no session).
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_token')


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.String(length=64), nullable=False,
                                      server_default='ended'))

    with op.batch_alter_table('sign_in_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_sessions_user_id'))
    op.drop_table('sign_in_sessions')

    with op.batch_alter_table('limit_counters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_limit_counters_window_end'))
        batch_op.drop_index(batch_op.f('ix_limit_counters_account'))
    op.drop_table('limit_counters')
