"""Review rounds: who is asked, fixed when a round opens, and how it was revealed; form
drafts link their sandbox tenant by id

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 10:00:00

"""
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

TRY_FAMILIES = 8  # sandbox.drafts.service.TRY_FAMILIES when this was written


def upgrade():
    bind = op.get_bind()
    op.add_column('review_rounds', sa.Column('revealed_how', sa.String(length=20),
                                             server_default='', nullable=False))
    op.create_table('review_round_members',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['review_rounds.id'], name=op.f('fk_review_round_members_round_id_review_rounds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_review_round_members_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', 'user_id', name=op.f('pk_review_round_members'))
    )
    # Rounds already open ask today's working group, and anyone who has answered them.
    bind.execute(sa.text(
        "INSERT INTO review_round_members (round_id, user_id) "
        "SELECT r.id, u.id FROM review_rounds r, users u "
        "WHERE (u.role = 'working_group' AND u.active = :yes) "
        "OR EXISTS (SELECT 1 FROM review_views v WHERE v.round_id = r.id "
        "AND v.user_id = u.id)"), {"yes": True})
    # Until now only the chair closing a round recorded a reveal.
    bind.execute(sa.text("UPDATE review_rounds SET revealed_how = 'chair_closed' "
                         "WHERE revealed_at IS NOT NULL"))
    # A round everyone had answered showed its views: record that as its reveal.
    bind.execute(sa.text(
        "UPDATE review_rounds SET revealed_at = :now, revealed_how = 'everyone_answered' "
        "WHERE revealed_at IS NULL "
        "AND EXISTS (SELECT 1 FROM review_round_members m WHERE m.round_id = review_rounds.id) "
        "AND NOT EXISTS (SELECT 1 FROM review_round_members m "
        "JOIN review_round_requests q ON q.round_id = m.round_id "
        "WHERE m.round_id = review_rounds.id AND NOT EXISTS ("
        "SELECT 1 FROM review_views v WHERE v.round_id = m.round_id "
        "AND v.change_request_id = q.change_request_id AND v.user_id = m.user_id))"),
        {"now": datetime.now(UTC).replace(tzinfo=None)})

    # Nothing refers to form_drafts, so batch mode may copy it on SQLite.
    with op.batch_alter_table('form_drafts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tenant_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_form_drafts_tenant_id_tenants'), 'tenants',
                                    ['tenant_id'], ['id'], ondelete='SET NULL')
    # Link the tenant each draft made itself (seeded with the draft's number, of
    # TRY_FAMILIES families). A person's tenant that a draft took over only because of
    # its name is let go: the draft makes its own when next tried.
    bind.execute(sa.text(
        "UPDATE form_drafts SET tenant_id = (SELECT t.id FROM tenants t "
        "WHERE t.name = form_drafts.tenant_name AND t.seed = form_drafts.id "
        "AND t.families = :families)"), {"families": TRY_FAMILIES})
    with op.batch_alter_table('form_drafts', schema=None) as batch_op:
        batch_op.drop_column('tenant_name')


def downgrade():
    with op.batch_alter_table('form_drafts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tenant_name', sa.String(length=64), nullable=True))
    op.execute("UPDATE form_drafts SET tenant_name = (SELECT t.name FROM tenants t "
               "WHERE t.id = form_drafts.tenant_id)")
    with op.batch_alter_table('form_drafts', schema=None) as batch_op:
        batch_op.drop_constraint('fk_form_drafts_tenant_id_tenants', type_='foreignkey')
        batch_op.drop_column('tenant_id')
    op.drop_table('review_round_members')
    with op.batch_alter_table('review_rounds', schema=None) as batch_op:
        batch_op.drop_column('revealed_how')
