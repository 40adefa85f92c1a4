"""A saved snapshot marked as a room's start: the session is set up for later, its seats
prepared from the snapshot in the background as for any session set up for later, and
trainees join once the trainer starts it."""

import re

from sqlalchemy import select

from sandbox.core.extensions import db
from sandbox.scenarios import sessions
from sandbox.scenarios.models import TrainingSession
from sandbox.tenants import integrity, service, transfer
from tests.pages import Web

HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')


def test_a_snapshot_marked_as_a_rooms_start_prepares_its_seats(app, web, make):
    make.tenant("room-1", seed=5, families=2, must_have={"stage": "cp_plan"})
    web.sign_in(make.user("trainer"))
    web.post("/tenants/room-1/snapshot", {"label": "day two"})
    snapshot = service.get_snapshot("day two")
    listed = web.get("/tenants/").get_data(as_text=True)
    assert f'href="/sessions/new?snapshot={snapshot.id}"' in listed
    assert "Start a room from it" in listed
    form = web.get(f"/sessions/new?snapshot={snapshot.id}").get_data(as_text=True)
    assert "This room starts from the snapshot <strong>day two</strong>" in form
    assert "Change the families" not in form
    hidden = dict(HIDDEN.findall(form))  # what the page sends besides what is typed
    assert hidden["snapshot"] == str(snapshot.id) and hidden["later"] == "y"
    made = web.post("/sessions/new", {**hidden, "name": "Thursday",
                                      "scenario": "navigation-basics", "seats": "2"})
    session = db.session.scalars(select(TrainingSession)).one()
    assert made.location == f"/sessions/{session.id}"
    room = web.get(made.location).get_data(as_text=True)
    assert "set up for later" in room and "All 2 seats are ready" in room
    assert session.started_at is None
    kept = transfer.unpack(snapshot.data)
    for seat in sessions.seats_of(session):
        assert transfer.dump_tables(seat.tenant_id) == kept  # each seat is the snapshot
    assert integrity.stray_links() == []
    trainee = Web(app).sign_in(make.user("trainee", username="ann"))
    trainee.post("/join", {"code": session.join_code}, status=400)  # not started yet
    web.post(f"/sessions/{session.id}/start")
    trainee.post("/join", {"code": session.join_code})
    db.session.expire_all()
    assert [s.user_id is not None for s in sessions.seats_of(session)] == [True, True, False]


def test_a_snapshot_that_is_not_there_is_not_found(web, make):
    web.sign_in(make.user("trainer"))
    web.get("/sessions/new?snapshot=999", status=404)
    web.get("/sessions/new?snapshot=abc", status=404)
    web.post("/sessions/new", {"name": "Thursday", "scenario": "navigation-basics",
                               "seats": "2", "snapshot": "999"}, status=404)
