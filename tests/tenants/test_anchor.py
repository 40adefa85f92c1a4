"""A training copy's world placed at its anchor date (seed.anchor), through the pages: a
new copy stands at the day it is made; an older one is moved to today on reset, by a
choice on the reset form or on a session's "reset every seat?" page; exports record the
anchor and read the same relative to it."""

import io
import json
from datetime import date

import seed
from sandbox.core.extensions import db
from sandbox.scenarios import sessions
from sandbox.tenants import service, transfer
from sandbox.tenants.models import Tenant
from sandbox.web.filters import format_date
from tests.scenarios.test_sessions import create_session

# A training day across Easter 2026 (Good Friday 3 April, Easter Monday 6 April).
EARLIER = date(2026, 4, 8)


def exported(web, name: str) -> dict:
    return json.loads(web.get(f"/tenants/{name}/export").get_data(as_text=True))


def relative(doc: dict) -> str:
    """The tables with every date read relative to the export's anchor."""
    anchor = date.fromisoformat(doc["tenant"]["anchor"])
    return json.dumps(seed.anchor.relative(doc["tables"], anchor, transfer.date_columns()),
                      sort_keys=True)


def latest_contact(doc: dict) -> date:
    return max(date.fromisoformat(c["contact_on"]) for c in doc["tables"]["cases"])


def test_a_copy_stands_at_its_day_and_moves_to_today_on_reset(app, web, make):
    today = service.today()
    web.sign_in(make.user("trainer"))
    web.post("/tenants/new", {"name": "room-1", "source": "generate", "seed": "5",
                              "families": "3", "form_version": "streamlined"})
    page = web.get("/tenants/room-1").get_data(as_text=True)
    assert "Dates stand at" in page and format_date(today) in page
    # A copy made on an earlier training day, from the same seed.
    make.tenant("old-1", seed=5, families=3, anchor=EARLIER)
    new, old = exported(web, "room-1"), exported(web, "old-1")
    assert (new["tenant"]["anchor"], old["tenant"]["anchor"]) == (today.isoformat(),
                                                                  EARLIER.isoformat())
    assert new["tables"] != old["tables"]
    assert latest_contact(new) <= today and latest_contact(old) <= EARLIER
    assert (today - latest_contact(new)).days < 60  # the stories are recent on the day
    # Read relative to their anchors, the two are the same: the seed's world as it stands
    # at the generator's reference date.
    make.tenant("ref-1", seed=5, families=3, anchor=seed.REFERENCE_DATE)
    assert relative(new) == relative(old) == json.dumps(exported(web, "ref-1")["tables"],
                                                        sort_keys=True)

    # The reset form offers to move the older copy's dates to today.
    page = web.get("/tenants/old-1").get_data(as_text=True)
    assert f"Move the dates to today, {format_date(today)}" in page
    assert f"the records stand at {format_date(EARLIER)}" in page
    told = web.get(web.post("/tenants/old-1/reset", {"dates": "today"}).location)
    assert "its dates moved to today" in told.get_data(as_text=True)
    assert exported(web, "old-1")["tables"] == new["tables"]
    # Later resets keep it there, with or without the choice sent.
    web.post("/tenants/old-1/reset", {"dates": "keep"})
    web.post("/tenants/old-1/reset", {})
    assert exported(web, "old-1")["tables"] == new["tables"]
    assert format_date(today) in web.get("/tenants/old-1").get_data(as_text=True)
    web.post("/tenants/old-1/reset", {"dates": "tomorrow"}, status=400)


def test_a_session_reset_can_move_every_seat_to_today(app, web, make):
    web.sign_in(make.user("trainer"))
    session = create_session(web, seats="2", families="3")
    seats = [db.session.get(Tenant, s.tenant_id) for s in sessions.seats_of(session)]
    for tenant in seats:  # as if the session had been set up on an earlier day
        tenant.anchor_on = EARLIER
        service.restore(tenant, tenant.baseline)
    assert latest_contact(exported(web, seats[0].name)) <= EARLIER
    page = web.post(f"/sessions/{session.id}/reset-all", {}, status=200).get_data(as_text=True)
    assert "Reset every seat?" in page and "Move the dates to today" in page
    web.post(f"/sessions/{session.id}/reset-all", {"confirmed": "yes", "dates": "today"})
    db.session.expire_all()
    for seat in sessions.seats_of(session):
        tenant = db.session.get(Tenant, seat.tenant_id)
        assert tenant.anchor_on == service.today()
        assert latest_contact(exported(web, tenant.name)) > EARLIER


def test_an_import_keeps_the_anchor_it_records_and_refuses_a_bad_one(app, web, make):
    make.tenant("room-2", seed=5, families=3, anchor=EARLIER)
    web.sign_in(make.user("trainer"))
    doc = exported(web, "room-2")

    def upload(doc, name, status):
        return web.post("/tenants/import", {"name": name, "file": (
            io.BytesIO(json.dumps(doc).encode()), "room.json")}, status=status)

    upload(doc, "room-3", 302)
    assert exported(web, "room-3")["tenant"]["anchor"] == EARLIER.isoformat()
    doc["tenant"]["anchor"] = "8 April"
    page = upload(doc, "room-4", 400).get_data(as_text=True)
    assert "must be a date like 2026-12-01" in page

