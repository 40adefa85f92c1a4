"""Migration 0009 keeps what merged requests said: a request merged before it (declined,
"Merged into request N") now reads "Merged into #N" with its link, and a request declined
for another reason stays declined."""

from flask_migrate import upgrade
from sqlalchemy import text

from sandbox import create_app
from sandbox.core import schema
from sandbox.core.extensions import db
from tests import factories
from tests.core.test_schema import blank  # noqa: F401 - the fixture
from tests.pages import Web

NOW = "CURRENT_TIMESTAMP"


def test_merged_requests_come_through_the_upgrade(blank):  # noqa: F811
    app = create_app("test", SQLALCHEMY_DATABASE_URI=blank)
    with app.app_context():
        upgrade(revision="0008")
        with db.engine.begin() as connection:
            for status, reason in (("under_review", ""),
                                   ("declined", "Merged into request 1"),
                                   ("declined", "Merged into request 99"),
                                   ("declined", "Not a problem in practice")):
                connection.execute(text(
                    "INSERT INTO change_requests (target_kind, target, problem, proposal, "
                    "priority, status, decline_reason, created_by, created_at, updated_by, "
                    f"updated_at) VALUES ('page', '/x', 'Asks twice', '', 'medium', :status, "
                    f":reason, 'W', {NOW}, 'W', {NOW})"), {"status": status, "reason": reason})
            connection.execute(text(
                "INSERT INTO change_request_events (change_request_id, at, by, from_status, "
                f"to_status, note) VALUES (2, {NOW}, 'W', 'new', 'declined', 'Merged')"))
            connection.execute(text(
                "INSERT INTO feedback_items (kind, text, source, queue, author_role, created_at, "
                "page, place, tenant_name, form_key, form_version, field_key, scenario_key, "
                "resolved_on_spot, change_request_id) VALUES ('broken', 'Asks twice', 'page', "
                f"'system', 'trainee', {NOW}, '/x', '', '', '', '', '', '', false, 1)"))
        schema.bring_up_to_date()
        web = Web(app).sign_in(factories.user("working_group"))
        merged = web.get("/feedback/requests/2").get_data(as_text=True)
        assert 'href="/feedback/requests/1">Merged into #1</a>' in merged
        # A request it named that was never there, and one declined for a reason: declined.
        for request_id in (3, 4):
            page = web.get(f"/feedback/requests/{request_id}").get_data(as_text=True)
            assert "Merged into #" not in page and "Declined" in page
        assert "moved it from new to declined (Merged)" in merged  # its history is kept
        # Its notes are still its evidence.
        assert "1 note from" in web.get("/feedback/requests/1").get_data(as_text=True)
        db.session.remove()
        db.engine.dispose()
