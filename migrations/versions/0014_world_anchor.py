"""A tenant's world placed at its anchor date: the day its data stands at, on the tenant
and on each snapshot (tenants made before this stand at the generator's reference date)

Revision ID: 0013_world
Revises: 0013_tours
Create Date: 2026-12-01 17:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_world'
down_revision = '0013_tours'
branch_labels = None
depends_on = None

# seed.REFERENCE_DATE: what every tenant generated before anchors stands at.
REFERENCE = '2026-11-02'


def upgrade():
    with op.batch_alter_table('tenants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anchor_on', sa.Date(), nullable=True))
    with op.batch_alter_table('snapshots', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anchor_on', sa.Date(), nullable=True))
    # Generated ones only: an import or a snapshot of trainees' work may stand elsewhere.
    op.execute(f"UPDATE snapshots SET anchor_on = '{REFERENCE}' WHERE kind = 'baseline' "
               "AND seed IS NOT NULL")
    op.execute("UPDATE tenants SET anchor_on = (SELECT anchor_on FROM snapshots "
               "WHERE snapshots.id = tenants.baseline_id)")


def downgrade():
    with op.batch_alter_table('snapshots', schema=None) as batch_op:
        batch_op.drop_column('anchor_on')
    with op.batch_alter_table('tenants', schema=None) as batch_op:
        batch_op.drop_column('anchor_on')
