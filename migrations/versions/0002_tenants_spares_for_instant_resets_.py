"""Tenants: spares for instant resets, resetting by themselves

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 13:33:30.480233

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not batch mode: on SQLite, batch mode copies and drops the table,
# and dropping `tenants` would cascade to every tenant's data.

def upgrade():
    op.add_column('tenants', sa.Column('state', sa.String(length=10), server_default='live',
                                       nullable=False))
    if op.get_bind().dialect.name == "sqlite":  # SQLite adds a reference only this way
        op.execute("ALTER TABLE tenants ADD COLUMN spare_for_id INTEGER CONSTRAINT "
                   "fk_tenants_spare_for_id_tenants REFERENCES tenants (id) "
                   "ON DELETE SET NULL")
    else:
        op.add_column('tenants', sa.Column(
            'spare_for_id', sa.Integer(),
            sa.ForeignKey('tenants.id', ondelete='SET NULL',
                          name='fk_tenants_spare_for_id_tenants'), nullable=True))
    op.add_column('tenants', sa.Column('reset_every', sa.String(length=10), server_default='',
                                       nullable=False))
    op.add_column('tenants', sa.Column('next_reset_at', sa.DateTime(), nullable=True))
    op.create_index('ix_tenants_spare_for_id', 'tenants', ['spare_for_id'], unique=False)
    op.create_index('ix_tenants_state', 'tenants', ['state'], unique=False)


def downgrade():
    op.drop_index('ix_tenants_state', table_name='tenants')
    op.drop_index('ix_tenants_spare_for_id', table_name='tenants')
    with op.batch_alter_table('tenants', schema=None) as batch_op:
        batch_op.drop_column('next_reset_at')
        batch_op.drop_column('reset_every')
        batch_op.drop_column('spare_for_id')
        batch_op.drop_column('state')
