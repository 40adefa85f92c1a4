import csv
import io
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sandbox.auth.models import User
from sandbox.core.extensions import db
from sandbox.recording import service as recording
from sandbox.recording.models import FormRecord
from sandbox.scenarios import runner, sessions
from sandbox.scenarios.models import Reflection, ScenarioRun, TrainingSession
from sandbox.tenants import service
from sandbox.tenants.models import Snapshot, Tenant
from tests.pages import Web, classes
from tests.tenants.test_service import row_count


def create_session(web, **extra):
    data = {"name": "New starters", "scenario": "contact-to-assessment",
            "form_version": "streamlined", "seats": "3", "seed": "5", "families": "30",
            **extra}
    response = web.post("/sessions/new", data)
    return db.session.get(TrainingSession, int(response.location.rsplit("/", 1)[1]))


@pytest.fixture
def trainer(web, make):
    web.sign_in(make.user("trainer"))
    return web


def test_a_session_gives_each_seat_the_same_start(trainer):
    session = create_session(trainer)
    seats = sessions.seats_of(session)
    assert [s.number for s in seats] == [0, 1, 2, 3]
    exports = {service.export(db.session.get(Tenant, s.tenant_id))["tables"]["cases"].__repr__()
               for s in seats}
    assert len(exports) == 1
    page = trainer.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert session.join_code in page and "Front of the room" in page


def test_trainees_join_with_the_code_and_the_room_shows_progress(app, trainer, make):
    session = create_session(trainer)
    ann = make.user("trainee", username="ann")
    web = Web(app).sign_in(ann)
    web.post("/join", {"code": session.join_code.lower()})
    db.session.expire_all()
    ann = db.session.get(User, ann.id)
    seat = next(s for s in sessions.seats_of(session) if s.user_id == ann.id)
    assert ann.tenant_id == seat.tenant_id and seat.number == 1
    tenant = db.session.get(Tenant, seat.tenant_id)
    home = web.get(f"/t/{tenant.name}/").get_data(as_text=True)
    assert 'id="scenario-panel"' in home
    web.post(f"/t/{tenant.name}/scenarios/check", {"next": f"/t/{tenant.name}/"})
    room = trainer.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "Test trainee" in room or ann.full_name in room
    assert "Read what we know about" in room
    assert "time" in room  # the failed check is counted
    web.post("/join", {"code": session.join_code})  # joining twice keeps the same seat
    assert db.session.scalar(select(func.count()).select_from(ScenarioRun).where(
        ScenarioRun.user_id == ann.id, ScenarioRun.active.is_(True))) == 1


def test_bad_codes_and_full_rooms(app, trainer, make):
    session = create_session(trainer, seats="1")
    first, second = make.user("trainee", username="first"), make.user("trainee", username="x2")
    Web(app).sign_in(first).post("/join", {"code": session.join_code})
    web = Web(app).sign_in(second)
    page = web.post("/join", {"code": "ZZZZZZ"}, status=400).get_data(as_text=True)
    assert "No running session has that code" in page
    page = web.post("/join", {"code": session.join_code}, status=400).get_data(as_text=True)
    assert "Every seat in this session is taken" in page


def test_reset_a_seat_and_end_the_session(app, trainer, make):
    session = create_session(trainer)
    ann = make.user("trainee", username="ann")
    Web(app).sign_in(ann).post("/join", {"code": session.join_code})
    seat = next(s for s in sessions.seats_of(session) if s.user_id == ann.id)
    from sandbox.cases.models import Case
    from sandbox.core import tenancy

    with tenancy.scoped_to(seat.tenant_id):
        before = db.session.scalar(select(func.count(FormRecord.id)))
        case = db.session.scalars(select(Case)).first()
        recording.start(case, "streamlined", "case_note", "Ann")
    trainer.post(f"/sessions/{session.id}/seats/{seat.number}/reset")
    with tenancy.scoped_to(seat.tenant_id):
        assert db.session.scalar(select(func.count(FormRecord.id))) == before
    trainer.post(f"/sessions/{session.id}/reset-all", {"confirmed": "yes"})
    trainer.post(f"/sessions/{session.id}/end", {"confirmed": "yes"})
    db.session.expire_all()
    assert db.session.get(TrainingSession, session.id).keep_until is not None
    trainer.post(f"/sessions/{session.id}/seats/99/reset", status=404)
    page = Web(app).sign_in(make.user("trainee", username="late")).post(
        "/join", {"code": session.join_code}, status=400).get_data(as_text=True)
    assert "No running session" in page


@pytest.mark.parametrize("data, message", [
    ({"seats": "0"}, "1 to 40 seats"), ({"seats": "41"}, "1 to 40 seats"),
    ({"scenario": "nope"}, "Not a valid choice"), ({"families": "-1"}, "1 to 100 families"),
    ({"name": ""}, "Enter a name"),
])
def test_bad_session_details_are_a_clear_400(trainer, data, message):
    data = {"name": "Room", "scenario": "navigation-basics", "form_version": "streamlined",
            "seats": "2", "seed": "1", "families": "3", **data}
    page = trainer.post("/sessions/new", data, status=400).get_data(as_text=True)
    assert message in page
    assert db.session.scalar(select(func.count(Tenant.id))) == 0


def test_proficiency_results_and_reflections(app, trainer, make):
    session = create_session(trainer, proficiency="y", scenario="navigation-basics")
    ann = make.user("trainee", username="ann")
    web = Web(app).sign_in(ann)
    web.post("/join", {"code": session.join_code})
    tenant = db.session.get(Tenant, next(s.tenant_id for s in sessions.seats_of(session)
                                         if s.user_id == ann.id))
    home = web.get(f"/t/{tenant.name}/").get_data(as_text=True)
    assert "proficiency check: no hints" in home and "Show a hint" not in home
    run = db.session.scalar(select(ScenarioRun).where(ScenarioRun.user_id == ann.id))
    from sandbox.scenarios import runner

    for page in ("cases.family", "cases.child", "cases.chronology_entry", "cases.case_note",
                 "cases.form_history", "guides.show"):
        runner.note_page(run, page)
        runner.advance(run)
    web.get(f"/t/{tenant.name}/scenarios/reflection")
    web.post(f"/t/{tenant.name}/scenarios/reflection", {
        "serves_purpose": "partly", "repeated": "Address asked three times"})
    assert db.session.scalar(select(Reflection.repeated)) == "Address asked three times"
    rows = list(csv.DictReader(io.StringIO(
        trainer.get(f"/sessions/{session.id}/results.csv").get_data(as_text=True))))
    assert rows[0]["username"] == "ann" and rows[0]["completed"] == "yes"
    assert rows[0]["passed_first_time"] == "6"
    assert "Address asked three times" in trainer.get(
        f"/sessions/{session.id}").get_data(as_text=True)


def test_trainer_gives_a_seat_saves_a_point_and_resets_to_it(app, trainer, make):
    session = create_session(trainer)
    bob = make.user("trainee", username="bob")
    trainer.post(f"/sessions/{session.id}/seats/2/assign", {"user": str(bob.id)})
    db.session.expire_all()
    assert db.session.get(User, bob.id).tenant_id == sessions.seats_of(session)[2].tenant_id
    page = trainer.post(f"/sessions/{session.id}/seats/3/assign", {"user": str(bob.id)})
    assert "already has seat 2" in trainer.get(page.location).get_data(as_text=True)
    front = db.session.get(Tenant, sessions.seats_of(session)[0].tenant_id)
    from sandbox.cases.models import Case
    from sandbox.core import tenancy

    with tenancy.scoped_to(front.id):
        case = db.session.scalars(select(Case)).first()
        recording.start(case, "streamlined", "case_note", "Trainer")
        front_forms = db.session.scalar(select(func.count(FormRecord.id)))
    trainer.post(f"/sessions/{session.id}/points", {"label": "after the contact"})
    point = sessions.points(session)[-1]
    assert point.label.endswith("after the contact")
    room = trainer.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "after the contact" in room and "Full screen" in room
    trainer.post(f"/sessions/{session.id}/seats/2/reset", {"point": str(point.id)})
    seat = sessions.seats_of(session)[2]
    with tenancy.scoped_to(seat.tenant_id):
        assert db.session.scalar(select(func.count(FormRecord.id))) == front_forms
    trainer.post(f"/sessions/{session.id}/seats/2/reset", {"point": "99999"})
    present = trainer.get(f"/t/{front.name}/?present=1").get_data(as_text=True)
    assert "app-present" in classes(present, "body")


def test_a_session_that_fails_halfway_leaves_nothing_behind(trainer, monkeypatch):
    """Creating a session is one transaction: a failure between its steps (here, as the
    hidden start the seats are copied from is made, after the front of the room and its
    start) leaves no tenant, snapshot, data or session behind."""
    def stopped(*_args, **_kwargs):
        raise RuntimeError("the worker was stopped here")

    monkeypatch.setattr(service, "create_source", stopped)
    trainer.post("/sessions/new", {"name": "Room", "scenario": "navigation-basics",
                                   "form_version": "streamlined", "seats": "2", "seed": "1",
                                   "families": "2"}, status=500)
    assert db.session.scalar(select(func.count(Tenant.id))) == 0
    assert db.session.scalar(select(func.count(Snapshot.id))) == 0
    assert db.session.scalar(select(func.count(TrainingSession.id))) == 0
    assert row_count() == 0


def _confirmation(html: str) -> tuple[str, dict]:
    """The form on an "are you sure?" page and the fields its button sends."""
    form = html.split('<input type="hidden" name="confirmed"', 1)[0].rsplit("<form", 1)[1]
    action = form.split('action="', 1)[1].split('"', 1)[0]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    return action, {**fields, "confirmed": "yes"}


def test_resetting_every_seat_and_ending_ask_first(app, trainer, make):
    session = create_session(trainer)
    ann = make.user("trainee", username="ann")
    Web(app).sign_in(ann).post("/join", {"code": session.join_code})
    from sandbox.cases.models import Case
    from sandbox.core import tenancy

    def forms_in_anns_copy():
        db.session.expire_all()
        seat = next(s for s in sessions.seats_of(session) if s.user_id == ann.id)
        with tenancy.scoped_to(seat.tenant_id):
            return db.session.scalar(select(func.count(FormRecord.id)))

    before = forms_in_anns_copy()
    seat = next(s for s in sessions.seats_of(session) if s.user_id == ann.id)
    with tenancy.scoped_to(seat.tenant_id):
        recording.start(db.session.scalars(select(Case)).first(), "streamlined", "case_note",
                        "Ann")
    start = str(sessions.points(session)[0].id)
    page = trainer.post(f"/sessions/{session.id}/reset-all", {"point": start}, status=200)
    html = page.get_data(as_text=True)
    assert "Reset every seat?" in html and "No, go back" in html
    assert forms_in_anns_copy() == before + 1
    action, fields = _confirmation(html)
    assert fields["point"] == start  # what the first form chose goes with the yes
    trainer.post(action, fields)
    assert forms_in_anns_copy() == before

    html = trainer.post(f"/sessions/{session.id}/end", status=200).get_data(as_text=True)
    assert "Yes, end the session" in html
    db.session.expire_all()
    assert db.session.get(TrainingSession, session.id).ended_at is None
    trainer.post(*_confirmation(html))
    db.session.expire_all()
    assert db.session.get(TrainingSession, session.id).ended_at is not None


def _step_shown(web, tenant_name: str) -> str:
    html = web.get(f"/t/{tenant_name}/").get_data(as_text=True)
    return re.search(r"Step \d+ of \d+", html).group(0)


def test_a_reset_to_a_saved_point_carries_on_from_its_step_on_the_same_child(
        app, trainer, make):
    session = create_session(trainer)
    front = db.session.get(Tenant, sessions.seats_of(session)[0].tenant_id).name
    ann = Web(app).sign_in(make.user("trainee", username="ann"))
    ann.post("/join", {"code": session.join_code})
    seat = next(s for s in sessions.seats_of(session) if s.number == 1)
    seat_name = db.session.get(Tenant, seat.tenant_id).name

    # Ann reads the child's record (step 1) and presses "Check my work".
    ann_run = db.session.scalars(select(ScenarioRun).where(
        ScenarioRun.session_id == session.id, ScenarioRun.user_id != trainer_id(session)
    )).one()
    ann.get(f"/t/{seat_name}/children/{_child_of(ann_run)}")
    ann.post(f"/t/{seat_name}/scenarios/check", {"next": f"/t/{seat_name}/"})
    assert _step_shown(ann, seat_name) == "Step 2 of 5"

    # The trainer, at the front, does step 1 too, then saves the point.
    trainer.post(f"/t/{front}/scenarios/start", {"scenario": "contact-to-assessment"})
    front_run = db.session.scalars(select(ScenarioRun).where(
        ScenarioRun.user_id == trainer_id(session), ScenarioRun.active.is_(True))).one()
    assert front_run.session_id == session.id  # the room sees the trainer's own run
    trainer.get(f"/t/{front}/children/{_child_of(front_run)}")
    trainer.post(f"/t/{front}/scenarios/check", {"next": f"/t/{front}/"})
    trainer.post(f"/sessions/{session.id}/points", {"label": "after reading the record"})
    point = sessions.points(session)[-1]
    assert point.step_index == 1
    room = trainer.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "seats carry on from step 2 of 5" in room

    # Every seat back to the point: Ann carries on at step 2, on the same child.
    answer = trainer.post(f"/sessions/{session.id}/reset-all",
                          {"point": str(point.id), "confirmed": "yes"})
    told = trainer.get(answer.location).get_data(as_text=True)
    assert "Every seat is back at “after reading the record”" in told
    db.session.expire_all()
    runs = db.session.scalars(select(ScenarioRun).where(
        ScenarioRun.session_id == session.id, ScenarioRun.user_id == ann_run.user_id)
        .order_by(ScenarioRun.id)).all()
    assert len(runs) == 2 and runs[-1].active and runs[-1].case_id == ann_run.case_id
    assert _step_shown(ann, seat_name) == "Step 2 of 5"
    # Both attempts are in the results.
    rows = list(csv.DictReader(io.StringIO(trainer.get(
        f"/sessions/{session.id}/results.csv").get_data(as_text=True))))
    assert [row["attempt"] for row in rows if row["username"] == "ann"] == ["1", "2"]


def trainer_id(session):
    return session.trainer_id


def _child_of(run):
    from sandbox.cases.models import Case
    from sandbox.core import tenancy

    with tenancy.scoped_to(run.tenant_id):
        return db.session.scalar(select(Case.child_id).where(Case.id == run.case_id))


@pytest.mark.parametrize("key", sorted(p.stem for p in
                                       Path("scenarios").glob("*.yaml")))
def test_every_scenario_starts_with_the_new_session_pages_defaults(trainer, key):
    """Whatever the families, the session makes the case its scenario starts from."""
    page = trainer.get("/sessions/new").get_data(as_text=True)
    defaults = {name: re.search(rf'name="{name}" type="text" value="(\d+)"', page).group(1)
                for name in ("seed", "families")}
    session = create_session(trainer, name=f"Defaults {key}", scenario=key, seats="1",
                             **defaults)
    scenario = runner.library().scenarios[key]
    front = sessions.seats_of(session)[0]
    from sandbox.core import tenancy

    with tenancy.scoped_to(front.tenant_id):
        assert runner.find_case(scenario) is not None


def test_a_seat_in_a_proficiency_check_runs_only_the_check(app, trainer, make):
    """Posting another scenario's start (or the same one again) from a seat cannot leave
    the proficiency check for a run with hints: the seat offers the session's scenario
    only, and a run started there belongs to the session."""
    session = create_session(trainer, proficiency="y", scenario="navigation-basics")
    ann = make.user("trainee", username="ann")
    web = Web(app).sign_in(ann)
    web.post("/join", {"code": session.join_code})
    seat = next(s for s in sessions.seats_of(session) if s.user_id == ann.id)
    tenant = db.session.get(Tenant, seat.tenant_id)
    page = web.get(f"/t/{tenant.name}/scenarios/").get_data(as_text=True)
    assert "offers that session's scenario only, as a proficiency check" in page
    assert 'value="contact-to-assessment"' not in page
    web.post(f"/t/{tenant.name}/scenarios/start", {"scenario": "contact-to-assessment"})
    assert "the scenario your trainer chose for the room" in web.get(
        f"/t/{tenant.name}/scenarios/").get_data(as_text=True)
    web.post(f"/t/{tenant.name}/scenarios/start", {"scenario": "navigation-basics"})
    runs = db.session.scalars(select(ScenarioRun).where(ScenarioRun.user_id == ann.id,
                                                        ScenarioRun.active.is_(True))).all()
    assert [(r.scenario_key, r.session_id) for r in runs] == [("navigation-basics", session.id)]
    home = web.get(f"/t/{tenant.name}/").get_data(as_text=True)
    assert "proficiency check: no hints" in home and "Show a hint" not in home


def test_a_long_session_name_and_point_name_are_kept_or_refused_plainly(trainer):
    long_name = "Children's services induction, north locality, cohort three of 2026"
    session = create_session(trainer, name=long_name)
    assert session.name == long_name
    assert db.session.get(Snapshot, session.start_snapshot_id).label.endswith(
        f"({session.slug}) start")
    page = trainer.post(f"/sessions/{session.id}/points", {"label": "x" * 70})
    assert "Keep the name of the point to" in trainer.get(page.location).get_data(as_text=True)
    trainer.post(f"/sessions/{session.id}/points", {"label": "After the strategy discussion"})
    assert len(sessions.points(session)) == 2


def test_saving_a_point_after_the_front_copy_was_deleted_says_so(trainer):
    session = create_session(trainer)
    front = db.session.get(Tenant, sessions.seats_of(session)[0].tenant_id)
    service.delete(front)  # as from the tenants page
    page = trainer.post(f"/sessions/{session.id}/points", {"label": "Later"})
    assert "has been deleted, so there is nothing to save" in trainer.get(
        page.location).get_data(as_text=True)


def test_a_trainer_runs_only_their_own_sessions(app, trainer, make):
    session = create_session(trainer)
    other = Web(app).sign_in(make.user("trainer", username="trainer2"))
    assert session.name not in other.get("/sessions/").get_data(as_text=True)
    other.get(f"/sessions/{session.id}", status=404)
    for action in ("reset-all", "end", "seats/1/reset", "points"):
        other.post(f"/sessions/{session.id}/{action}", {"confirmed": "yes", "label": "x"},
                   status=404)
    other.get(f"/sessions/{session.id}/results.csv", status=404)
    db.session.expire_all()
    assert db.session.get(TrainingSession, session.id).ended_at is None
    admin = Web(app).sign_in(make.user("administrator"))
    admin.get(f"/sessions/{session.id}")  # an administrator may run any
