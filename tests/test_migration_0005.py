"""Migration 0005 keeps what people saw: open rounds ask today's working group (and
whoever answered), a round everyone had answered stays shown, and each draft keeps the
tenant it made itself, but not a person's tenant it had taken over by name."""

from flask_migrate import upgrade
from sqlalchemy import select, text

from sandbox import create_app
from sandbox.core import schema
from sandbox.core.extensions import db
from sandbox.drafts.models import FormDraft
from sandbox.feedback.models import ReviewRound, ReviewRoundMember
from tests.core.test_schema import blank  # noqa: F401 - the fixture

NOW = "CURRENT_TIMESTAMP"


def _old_data(connection):
    def add(sql, **values):
        connection.execute(text(sql), values)

    for name, role, active in ([("amy", "working_group", True),
                                              ("ben", "working_group", True),
                                              ("gone", "working_group", False),
                                              ("tess", "trainer", True)]):
        add("INSERT INTO users (username, full_name, role, password_hash, active, "
            f"is_chair, created_at) VALUES (:name, :name, :role, 'x', :active, "
            f"false, {NOW})", name=name, role=role, active=active)
    add("INSERT INTO change_requests (target_kind, target, problem, proposal, priority, "
        "status, decline_reason, created_by, created_at, updated_by, updated_at) VALUES "
        f"('page', '/x', 'Asks twice', '', 'medium', 'under_review', '', 'W', {NOW}, 'W', {NOW})")
    for title, closed in (("answered", None), ("half", None), ("closed", "Chair")):
        add("INSERT INTO review_rounds (title, created_by, created_at, revealed_at, revealed_by) "
            f"VALUES (:title, 'Amy', {NOW}, " + (NOW if closed else "NULL") + ", :by)",
            title=title, by=closed or "")
    for round_id in (1, 2, 3):
        add("INSERT INTO review_round_requests (round_id, change_request_id) VALUES (:r, 1)",
            r=round_id)
    for round_id, user_id in ((1, 1), (1, 2), (2, 1)):
        add("INSERT INTO review_views (round_id, change_request_id, user_id, agree, priority, "
            f"comment, given_at) VALUES (:r, 1, :u, 'yes', 'high', '', {NOW})",
            r=round_id, u=user_id)
    add("INSERT INTO snapshots (label, kind, source_tenant, seed, families, form_version, "
        f"rows, data, created_at) VALUES ('b', 'baseline', 'x', 1, 8, 'streamlined', 0, :d, {NOW})",
        d=b"")
    # Draft 1 made try-draft-1 itself (seed 1, 8 families); draft 2 took over a trainer's
    # tenant that happened to be called try-draft-2.
    for name, seed, families in (("try-draft-1", 1, 8), ("try-draft-2", 40, 20)):
        add("INSERT INTO tenants (name, state, reset_every, seed, families, form_version, "
            f"baseline_id, created_at) VALUES (:name, 'live', '', :seed, :families, "
            f"'streamlined', 1, {NOW})", name=name, seed=seed, families=families)
    for n in (1, 2):
        add("INSERT INTO form_drafts (form_key, base_set, source, tenant_name, created_by, "
            f"created_at, updated_by, updated_at) VALUES ('visit', 'streamlined', 'x', "
            f":name, 'W', {NOW}, 'W', {NOW})", name=f"try-draft-{n}")


def test_rounds_and_drafts_come_through_the_upgrade(blank):  # noqa: F811
    app = create_app("test", SQLALCHEMY_DATABASE_URI=blank)
    with app.app_context():
        upgrade(revision="0004")
        with db.engine.begin() as connection:
            _old_data(connection)
        schema.bring_up_to_date()
        rounds = {r.title: r for r in db.session.scalars(select(ReviewRound))}
        asked = {(m.round_id, m.user_id) for m in db.session.scalars(select(ReviewRoundMember))}
        assert asked == {(r, u) for r in (1, 2, 3) for u in (1, 2)}
        assert rounds["answered"].revealed_at and rounds["answered"].revealed_how == \
            "everyone_answered"
        assert rounds["half"].revealed_at is None and rounds["half"].revealed_how == ""
        assert rounds["closed"].revealed_how == "chair_closed"
        drafts = {d.id: d.tenant_id for d in db.session.scalars(select(FormDraft))}
        assert drafts == {1: 1, 2: None}
        db.session.remove()
        db.engine.dispose()
