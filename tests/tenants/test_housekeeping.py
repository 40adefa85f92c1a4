"""`tenant prune`: ended sessions' tenants go, scheduled tenants reset themselves."""

import json
from datetime import datetime, timedelta

from sqlalchemy import func, select

from sandbox.extensions import db
from sandbox.scenarios.models import Seat, SessionPoint
from sandbox.tenants import housekeeping, service
from sandbox.tenants.models import Snapshot, Tenant
from sandbox.timeutil import utcnow
from tests import factories
from tests.tenants.test_service import change_something, tables_of


def test_next_reset_times():
    monday_noon = datetime(2026, 11, 23, 12, 0)
    assert housekeeping.next_reset("nightly", monday_noon) == datetime(2026, 11, 24, 2, 0)
    assert housekeeping.next_reset("nightly", datetime(2026, 11, 24, 1, 0)) == \
        datetime(2026, 11, 24, 2, 0)
    assert housekeeping.next_reset("weekly", monday_noon) == datetime(2026, 11, 30, 2, 0)
    assert housekeeping.next_reset("weekly", datetime(2026, 11, 30, 1, 59)) == \
        datetime(2026, 11, 30, 2, 0)
    assert housekeeping.next_reset("", monday_noon) is None


def test_ended_sessions_lose_their_tenants_after_the_keeping_time(make):
    kept, old = make.tenant("seat-kept", families=1), make.tenant("seat-old", families=1)
    point = service.save_snapshot(old, "room-old: after step 2")
    for tenant, slug, days_ago in ((kept, "room-kept", 3), (old, "room-old", 20)):
        session = factories.room_session(tenant, slug=slug)
        session.join_code = slug[-6:].upper()
        session.ended_at = utcnow() - timedelta(days=days_ago)
        session.keep_until = session.ended_at + timedelta(days=14)
    db.session.flush()
    db.session.add(SessionPoint(session_id=session.id, snapshot_id=point.id,
                                label="after step 2"))
    db.session.commit()
    done = housekeeping.prune()
    assert done["removed"] == ["seat-old"] and done["reset"] == []
    assert [t.name for t in db.session.scalars(select(Tenant))] == ["seat-kept"]
    assert db.session.get(Snapshot, point.id) is None
    assert db.session.scalar(select(func.count(Seat.id)).where(Seat.tenant_id.is_(None))) == 1
    assert housekeeping.prune()["removed"] == []  # nothing left to do


def test_scheduled_tenants_reset_when_due_and_not_before(make):
    due, later = make.tenant("starter-1", families=2), make.tenant("starter-2", families=2)
    baseline = tables_of(service.export(due))
    for tenant in (due, later):
        housekeeping.set_schedule(tenant, "nightly")
        change_something(tenant)
    due.next_reset_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    changed = tables_of(service.export(later))
    done = housekeeping.prune()
    assert done["reset"] == ["starter-1"]
    fresh = service.get_tenant("starter-1")
    assert tables_of(service.export(fresh)) == baseline
    assert fresh.next_reset_at > utcnow() and fresh.reset_every == "nightly"
    assert tables_of(service.export(service.get_tenant("starter-2"))) == changed


def test_the_commands(cli, app):
    cli("tenant", "create", "--name", "starter", "--families", "1", "--reset-every", "weekly")
    facts = json.loads(cli("tenant", "list", "--json"))[0]
    assert facts["reset_every"] == "weekly" and facts["next_reset_at"]
    assert "resets nightly" in cli("tenant", "schedule", "starter", "--every", "nightly")
    assert "never" in cli("tenant", "schedule", "starter", "--every", "never")
    assert json.loads(cli("tenant", "prune", "--json")) == {
        "removed": [], "reset": [], "leftover_copies_removed": 0}
    bad = app.test_cli_runner().invoke(args=["tenant", "schedule", "starter", "--every",
                                             "hourly"])
    assert bad.exit_code == 2 and "hourly" in bad.output
    missing = app.test_cli_runner().invoke(args=["tenant", "schedule", "nobody", "--every",
                                                 "nightly"])
    assert missing.exit_code == 1 and "No tenant called 'nobody'" in missing.output


def test_the_schedule_on_the_tenant_page_and_the_banner(web, make):
    make.tenant(families=1)
    web.sign_in(make.user("trainer"))
    web.post("/tenants/room-1/schedule", {"schedule-reset_every": "weekly"})
    assert "Every week" in web.get("/tenants/room-1").get_data(as_text=True)
    assert "It resets by itself every week: next at" in web.get("/t/room-1/").get_data(
        as_text=True)
    web.post("/tenants/room-1/schedule", {"schedule-reset_every": "hourly"}, status=400)
    web.post("/tenants/room-1/schedule", {"schedule-reset_every": ""})
    assert "It resets by itself" not in web.get("/t/room-1/").get_data(as_text=True)
