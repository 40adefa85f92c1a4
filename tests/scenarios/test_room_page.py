"""The trainer's room: one line on top, a row a seat, the trainees' time on forms and
their reflections, the results; the trainer's own run at the front tracks its steps and is
never counted as a trainee; full screen at the front stays on until turned off."""

import csv
import html
import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.scenarios import sessions
from sandbox.scenarios.models import ScenarioRun
from sandbox.tenants.models import Tenant
from sandbox.timing.models import FormSitting
from tests.pages import Web, classes
from tests.scenarios.test_sessions import create_session
from tests.timing.test_capture import NOTE


@pytest.fixture
def trainer(web, make):
    return web.sign_in(make.user("trainer", full_name="Tess Trainer"))


def _room(trainer, seats=4):
    return create_session(trainer, seats=str(seats), scenario="navigation-basics",
                          families="2")


def _copy_of(session, number) -> str:
    seat = next(s for s in sessions.seats_of(session) if s.number == number)
    return db.session.get(Tenant, seat.tenant_id).name


def _run_of(session, user_id) -> ScenarioRun:
    db.session.expire_all()
    return db.session.scalars(select(ScenarioRun).where(
        ScenarioRun.session_id == session.id, ScenarioRun.user_id == user_id)
        .order_by(ScenarioRun.id.desc())).first()


def _child(run) -> int:
    with tenancy.scoped_to(run.tenant_id):
        return db.session.scalar(select(Case.child_id).where(Case.id == run.case_id))


def play_navigation(web, copy: str, run, steps: int = 6) -> None:
    """Do what the navigation scenario's steps ask, through the pages, `steps` of them."""
    child = f"/t/{copy}/children/{_child(run)}"
    html = web.get(child).get_data(as_text=True)

    def link(kind):
        return re.search(rf'href="(/t/{copy}/{kind}/\d+)"', html).group(1)

    pages = [link("families"), child, link("chronology"), link("notes"),
             link("forms") + "/history", "/guides/signs-of-safety"]
    for page in pages[:steps]:
        web.get(page)
        web.post(f"/t/{copy}/scenarios/check", {"next": f"/t/{copy}/"})


def _summary(page: str) -> str:
    found = re.search(r'id="summary">(.*?)</p>', page, re.S).group(1)
    return re.sub(r"<[^>]+>", "", found).strip()


def _row(page: str, number: int) -> str:
    table = page[page.index('<tbody class="govuk-table__body">'):]
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S)
    row = next(r for r in rows if re.search(rf">{number}</td>", r))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(row))).strip()
    return re.sub(r" ([:,])", r"\1", text)


def test_the_room_in_one_line_and_a_row_a_seat(app, trainer, make):
    session = _room(trainer)
    people = {}
    for name in ("ann", "bob", "cat"):
        person = make.user("trainee", username=name, full_name=name.title() + " Smith")
        people[name] = Web(app).sign_in(person)
        people[name].post("/join", {"code": session.join_code})
        people[name].user_id = person.id
    trainer.post(f"/sessions/{session.id}/people", {"people": "Dan Jones"}, status=200)

    # Ann works the whole scenario and says what was easier; Bob has been on step 1 for
    # eight minutes while the room moves on.
    ann_copy = _copy_of(session, 1)
    play_navigation(people["ann"], ann_copy, _run_of(session, people["ann"].user_id))
    people["ann"].post(f"/t/{ann_copy}/scenarios/reflection", {
        "serves_purpose": "yes", "easier": "Finding the chronology took one click"})
    bob = _run_of(session, people["bob"].user_id)
    bob.step_started_at -= timedelta(minutes=8)
    db.session.commit()

    page = trainer.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert _summary(page) == "3 of 4 joined · 2 working · 1 may need help · 1 finished"
    assert _row(page, 1).startswith("1 Ann Smith All 6 steps done Just now Finished")
    assert _row(page, 2).startswith("2 Bob Smith Step 1 of 6: Open a family's household "
                                    "page Just now May need help")
    assert "Working" in _row(page, 3)
    assert _row(page, 4).startswith("4 Dan Jones Step 1 of 6 – Not signed in yet")
    assert "Front of the room, your own case: Step 1 of 6" in page
    assert "Finding the chronology took one click" in page  # what was easier
    # Each seat's controls are on its own page, not in the table.
    seat = trainer.get(f"/sessions/{session.id}/seats/2").get_data(as_text=True)
    assert "Bob Smith" in seat and "Reset seat 2" in seat and 'name="role"' in seat
    trainer.get(f"/sessions/{session.id}/seats/9", status=404)

    # The results: a row for each trainee's attempt, each step's state; not the front.
    rows = list(csv.DictReader(io.StringIO(trainer.get(
        f"/sessions/{session.id}/results.csv").get_data(as_text=True))))
    assert [r["name"] for r in rows] == ["Ann Smith", "Bob Smith", "Cat Smith", "Dan Jones"]
    assert rows[0]["completed"] == "yes" and rows[0]["steps_done"] == "6"
    assert rows[0]["step 1: Open a family's household page"] == "done"
    assert all(r["attempt"] == "1" for r in rows)


def test_the_trainers_own_run_at_the_front_tracks_its_steps_and_is_no_trainee(app, trainer,
                                                                             make):
    session = _room(trainer, seats=2)
    front = _copy_of(session, 0)
    front_run = _run_of(session, session.trainer_id)
    assert front_run is not None and front_run.tenant_id == sessions.seats_of(session)[
        0].tenant_id  # begun with the session: nothing for the trainer to start
    play_navigation(trainer, front, front_run, steps=2)
    page = trainer.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "Front of the room, your own case: Step 3 of 6" in page
    assert _summary(page) == "0 of 2 joined · 0 working · 0 may need help · 0 finished"
    assert "Tess Trainer" not in page[page.index("<tbody"):]
    results = trainer.get(f"/sessions/{session.id}/results.csv").get_data(as_text=True)
    assert "Tess Trainer" not in results and results.count("\n") == 1  # the headings only
    # A point saved now stands for the front's step.
    trainer.post(f"/sessions/{session.id}/points", {"label": "after the record"})
    assert sessions.points(session)[-1].step_index == 2


def test_full_screen_at_the_front_stays_on_until_turned_off(trainer):
    session = _room(trainer, seats=1)
    front = _copy_of(session, 0)
    run = _run_of(session, session.trainer_id)
    child = f"/t/{front}/children/{_child(run)}"

    def full_screen(url: str) -> bool:
        return "app-present" in classes(trainer.get(url).get_data(as_text=True), "body")

    assert full_screen(f"/t/{front}/?present=1")
    page = trainer.get(child).get_data(as_text=True)  # a click later: still full screen
    assert "app-present" in classes(page, "body") and "app-present-root" in classes(
        page, "html")
    assert f'href="/t/{front}/children/{_child(run)}?present=0">Leave full screen' in page
    # The trainer's own scenario goes on the screen too: its panel, in the wider page.
    assert "app-has-panel" in classes(page, "body") and 'id="scenario-panel"' in page
    # Another training copy is not shown full screen.
    seat = _copy_of(session, 1)
    assert not full_screen(f"/t/{seat}/")
    assert full_screen(f"/t/{front}/")
    off = trainer.get(f"{child}?present=0").get_data(as_text=True)
    assert "app-present" not in classes(off, "body") and not classes(off, "html") & {
        "app-present-root"}
    assert "app-has-panel" in classes(off, "body")  # the panel stays, full screen or not
    assert not full_screen(f"/t/{front}/")


def test_time_on_forms_is_the_trainees_and_shows_real_figures(app, trainer, make):
    session = _room(trainer, seats=2)
    ann = make.user("trainee", username="ann")
    ann_web = Web(app).sign_in(ann)
    ann_web.post("/join", {"code": session.join_code})
    for web, copy, seconds in ((ann_web, _copy_of(session, 1), 95),
                               (trainer, _copy_of(session, 0), 600)):
        tenant = db.session.scalar(select(Tenant).where(Tenant.name == copy))
        with tenancy.scoped_to(tenant.id):
            child = db.session.scalars(select(Case.child_id).order_by(Case.id)).first()
        started = web.post(f"/t/{copy}/children/{child}/forms", {"form_key": "case_note"})
        record_id = int(started.location.rsplit("/", 1)[1])
        web.get(f"/t/{copy}/forms/{record_id}")
        sitting = db.session.scalars(select(FormSitting).order_by(FormSitting.id.desc())
                                     ).first()
        sitting.opened_at -= timedelta(seconds=seconds)
        sitting.last_seen_at -= timedelta(seconds=seconds)
        db.session.commit()
        # The open page tells the server it is in use, then the form is submitted.
        web.post(f"/t/{copy}/forms/{record_id}/time", {"sitting": str(sitting.id)},
                 status=204)
        web.post(f"/t/{copy}/forms/{record_id}", {"revision": "1", "action": "submit",
                                                  "sitting": str(sitting.id), **NOTE})
    page = trainer.get(f"/sessions/{session.id}").get_data(as_text=True)
    times = page[page.index('id="form-times"'):page.index('id="said"')]
    cells = re.findall(r'govuk-table__cell--numeric">([^<]+)<', times)
    # Ann's 1m35s (told by her page once, 95 seconds after it opened); the trainer's ten
    # minutes at the front are not a trainee's.
    assert "Case note" in times and cells[0] == "1" and cells[1] in ("1m35s", "1m36s")


def test_a_trainers_training_copies_are_grouped_by_session(app, trainer, make):
    make.tenant("starter-1", families=1)
    mine = _room(trainer, seats=2)
    other_trainer = Web(app).sign_in(make.user("trainer", username="other"))
    theirs = create_session(other_trainer, name="Their room", seats="1",
                            scenario="navigation-basics", families="2")
    trainer.post(f"/sessions/{mine.id}/end", {"confirmed": "yes"})
    page = trainer.get("/tenants/").get_data(as_text=True)
    assert "6 training copies" in page  # 1 alone, 3 in mine, 2 in theirs
    alone = page[page.index('id="not-in-a-session"'):page.index('id="sessions"')]
    assert "starter-1" in alone and _copy_of(mine, 1) not in alone
    groups = page[page.index('id="sessions"'):page.index("Saved snapshots")]
    # The trainer's own session first (ended, so closed), with its room; then another's.
    assert groups.index("New starters: 3 training copies (your session, ended") < \
        groups.index("Their room: 2 training copies (running)")
    assert f'href="/sessions/{mine.id}"' in groups and f'href="/sessions/{theirs.id}"' \
        not in groups
    for number in (0, 1, 2):
        assert _copy_of(mine, number) in groups
