"""Every kind of copy keeps each link inside its tenant: a room's seats (copied with the
database's per-row check skipped where it may be), resets (in place, then a spare swapped
in), a restore to a saved point, and an import. The check itself must see a stray link."""

import io
import json

import pytest
from sqlalchemy import select, text

from sandbox.core.extensions import db
from sandbox.scenarios import sessions
from sandbox.scenarios.models import TrainingSession
from sandbox.tenants import integrity, service
from sandbox.tenants.models import LIVE, Tenant


def live_names():
    return db.session.scalars(select(Tenant.name).where(Tenant.state == LIVE)).all()


def test_no_link_leaves_its_tenant_after_any_kind_of_copy(web, make):
    web.sign_in(make.user("trainer"))
    made = web.post("/sessions/new", {"name": "Room", "scenario": "navigation-basics",
                                      "form_version": "streamlined", "seats": "3",
                                      "seed": "5", "families": "3"})
    session = db.session.get(TrainingSession, int(made.location.rsplit("/", 1)[1]))
    seats = sessions.seats_of(session)
    assert len(seats) == 4 and integrity.stray_links() == []
    copied = [service.export(db.session.get(Tenant, s.tenant_id))["tables"] for s in seats]
    assert all(tables == copied[0] for tables in copied) and copied[0]["cases"]
    web.post(f"/sessions/{session.id}/points", {"label": "a point"})
    point = sessions.points(session)[-1]
    web.post(f"/sessions/{session.id}/seats/2/reset", {"point": str(point.id)})  # restore
    web.post(f"/sessions/{session.id}/seats/1/reset", {})  # in place: no spare yet
    web.post(f"/sessions/{session.id}/seats/1/reset", {})  # the spare swapped in
    assert integrity.stray_links() == []
    name = db.session.get(Tenant, sessions.seats_of(session)[1].tenant_id).name
    export = web.get(f"/tenants/{name}/export").get_data()
    web.post("/tenants/import", {"file": (io.BytesIO(export), "t.json"), "name": "again"},
             content_type="multipart/form-data")
    assert "again" in live_names() and json.loads(export)["tables"]["cases"]
    assert integrity.stray_links() == []


@pytest.mark.parametrize("column", ["family_id", "tenant_id"])
def test_the_check_finds_a_link_to_another_tenant_or_to_nothing(app, make, column):
    one, other = make.tenant("one"), make.tenant("two", families=1)
    assert integrity.stray_links() == []
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        else:
            connection.execute(text("SET session_replication_role = replica"))
        # A case of tenant "two" pointing at family 3, which only tenant "one" has; or
        # a case moved to no tenant at all.
        change = {"family_id": "family_id = 3", "tenant_id": "tenant_id = 999999"}[column]
        connection.execute(text(f"UPDATE cases SET {change} WHERE tenant_id = :two"),
                           {"two": other.id})
        connection.commit()
        if connection.dialect.name != "sqlite":
            connection.execute(text("SET session_replication_role = origin"))
            connection.commit()
    found = integrity.stray_links()
    assert any(line.startswith(f"cases.{column}: ") for line in found), found
    assert integrity.stray_links([one.id]) == []
