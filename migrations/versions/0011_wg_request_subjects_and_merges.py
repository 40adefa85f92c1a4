"""Change requests: which request one was merged into, and each edit of a request's
wording (subject, problem, agreed change, priority) kept with the words before and after

Revision ID: 0009_wg
Revises: 0009_practice
Create Date: 2026-12-01 14:30:00.000000

"""
import re

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_wg'
down_revision = '0009_practice'
branch_labels = None
depends_on = None

MERGED = re.compile(r"^Merged into request (\d+)$")


def upgrade():
    if op.get_bind().dialect.name == 'sqlite':
        # Never by copying the table: dropping the old change_requests would, with foreign
        # keys on, delete every request's history and round views and unlink its notes.
        # SQLite adds a column with a reference in place.
        op.execute("ALTER TABLE change_requests ADD COLUMN merged_into_id INTEGER "
                   "REFERENCES change_requests (id) ON DELETE SET NULL")
    else:
        with op.batch_alter_table('change_requests', schema=None) as batch_op:
            batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                batch_op.f('fk_change_requests_merged_into_id_change_requests'),
                'change_requests', ['merged_into_id'], ['id'], ondelete='SET NULL')
    # Added in place (ALTER TABLE) on both databases.
    op.add_column('change_request_events', sa.Column('field', sa.String(length=20),
                                                     server_default='', nullable=False))
    op.add_column('change_request_events', sa.Column('old_value', sa.Text(), server_default='',
                                                     nullable=False))
    op.add_column('change_request_events', sa.Column('new_value', sa.Text(), server_default='',
                                                     nullable=False))
    # Requests merged before: their reason named the request they went into.
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT id, decline_reason FROM change_requests WHERE status = 'declined'")).all()
    ids = {row[0] for row in connection.execute(sa.text("SELECT id FROM change_requests"))}
    for request_id, reason in rows:
        found = MERGED.match(reason or "")
        if found and int(found.group(1)) in ids and int(found.group(1)) != request_id:
            connection.execute(sa.text(
                "UPDATE change_requests SET merged_into_id = :into WHERE id = :id"),
                {"into": int(found.group(1)), "id": request_id})


def downgrade():
    with op.batch_alter_table('change_request_events', schema=None) as batch_op:
        batch_op.drop_column('new_value')
        batch_op.drop_column('old_value')
        batch_op.drop_column('field')
    if op.get_bind().dialect.name == 'sqlite':
        # Left in place: removing it means copying change_requests (see upgrade), and an
        # unused empty column harms nothing.
        op.execute("UPDATE change_requests SET merged_into_id = NULL")
        return
    with op.batch_alter_table('change_requests', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_change_requests_merged_into_id_change_requests'), type_='foreignkey')
        batch_op.drop_column('merged_into_id')
