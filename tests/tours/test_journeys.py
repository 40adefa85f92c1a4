"""Tours through the real pages over HTTP: starting one, the step on each page, moving on
by Next and by saving the form, leaving, the figures and the hotspots; the list without
JavaScript; a learning path, its record, a cohort and a slower pace."""

import json
import re

from sandbox.core.extensions import db
from sandbox.tours.models import TourRun
from tests.concurrency import at_once, posting
from tests.pages import Web

DATA = re.compile(r'<script type="application/json" id="tour-data"[^>]*>(.*?)</script>', re.S)


def _tour(html: str) -> dict | None:
    found = DATA.search(html)
    return json.loads(found.group(1)) if found else None


def _move(web, run, frm, to, status=200):
    response = web.post(f"/learning/runs/{run}/move", {"from": frm, "to": to}, status=status,
                        headers={"Accept": "application/json"})
    return response.get_json()


def test_a_tour_moves_on_by_next_by_opening_the_page_and_by_saving_the_form(app, world):
    _tenant, people, ids = world
    web = Web(app).sign_in(people["trainee"])
    # Without JavaScript: the steps as a numbered list, with links to the real pages.
    listed = web.get("/learning/tours/forms").get_data(as_text=True)
    assert "Start a form" in listed and 'id="tour-start" hidden' in listed
    assert listed.count("<li class=\"govuk-!-margin-bottom-4\">") == 8
    started = web.post("/learning/tours/forms/start", {"tenant": "room-2"}, status=400)
    assert "Choose the training copy" in started.get_data(as_text=True)
    assert web.post("/learning/tours/forms/start", {}).location == \
        f"/t/room-1/children/{ids['child']}"

    web.post("/learning/tours/childs-record/start", {})
    home = web.get("/t/room-1/").get_data(as_text=True)
    tour = _tour(home)
    assert tour["step"] == 0 and tour["here"] == "families" and tour["on_this_page"]
    assert "Tour: A child&#39;s record" in home
    assert 'step <span id="tour-bar-number">1</span> of 9' in home
    run = tour["run"]
    assert _move(web, run, 0, 1) == {"step": 1, "status": "running"}
    assert _move(web, run, 0, 1) == {"step": 1, "status": "running"}  # a second press
    # Step 2 waits for the child's record to open: on it, the script moves it on.
    child = _tour(web.get(f"/t/room-1/children/{ids['child']}").get_data(as_text=True))
    assert child["here"] == "child" and child["steps"][1]["opens"] == "child"

    # Another tour started ends this one, left at its step.
    web.post("/learning/tours/feedback/start", {})
    assert TourRun.query.filter_by(tour_key="childs-record").one().status == "left"

    # "End the tour" on the bar, without JavaScript: back on the page, no tour.
    feedback_run = _tour(web.get("/feedback/mine").get_data(as_text=True))["run"]
    web.post(f"/learning/runs/{feedback_run}/move", {"from": 0, "leave": 1,
                                                     "next": "/feedback/mine"})
    after = web.get("/feedback/mine").get_data(as_text=True)
    assert _tour(after) is None and "The tour has ended" in after


def test_saving_the_form_moves_the_step_that_waits_for_it(app, world):
    _tenant, people, ids = world
    web = Web(app).sign_in(people["trainee"])
    web.post("/learning/tours/feedback/start", {})
    run = TourRun.query.one()
    run.tour_key, run.tenant_name, run.step = "forms", "room-1", 3  # at "Save as draft"
    db.session.commit()
    form = web.get(f"/t/room-1/forms/{ids['draft']}").get_data(as_text=True)
    assert _tour(form)["on_this_page"] and 'data-tour="save-form"' in form
    web.post(f"/t/room-1/forms/{ids['draft']}", {"revision": "1", "action": "save",
                                                  "f-subject": "A call"})
    db.session.refresh(run)
    assert run.step == 4 and run.furthest == 4
    back = _tour(web.get(f"/t/room-1/forms/{ids['draft']}").get_data(as_text=True))
    assert back["current"]["title"] == "Back to the child's record"


def test_only_the_person_moves_their_run_and_bad_input_is_told(app, world, make):
    _tenant, people, _ids = world
    web = Web(app).sign_in(people["trainee"])
    web.post("/learning/tours/childs-record/start", {})
    run = TourRun.query.one().id
    other = Web(app).sign_in(make.user("trainee", username="other"))
    other.post(f"/learning/runs/{run}/move", {"from": 0, "to": 1}, status=404,
               headers={"Accept": "application/json"})
    assert web.post(f"/learning/runs/{run}/move", {"from": "x", "to": 1}, status=400,
                    headers={"Accept": "application/json"}).get_json()["error"]
    assert "no step 31" in web.post(f"/learning/runs/{run}/move", {"from": 0, "to": 30},
                                    status=400).get_data(as_text=True)
    web.post(f"/learning/runs/{run}/move", {"from": 0, "to": 1}, csrf=False, status=400)
    web.get("/learning/tours/no-such-tour", status=404)
    web.post("/learning/tours/childs-record/done", {"next": "https://evil.example/"})
    assert TourRun.query.filter_by(how="list").one().status == "finished"


def test_two_presses_of_next_at_once_move_the_tour_one_step(app, world):
    _tenant, people, _ids = world
    web = Web(app).sign_in(people["trainee"])
    web.post("/learning/tours/childs-record/start", {})
    run = TourRun.query.one()
    answers = at_once([posting(web, f"/learning/runs/{run.id}/move", {"from": 0, "to": 1},
                               headers={"Accept": "application/json"}) for _ in range(2)])
    assert [a.get_json() for a in answers] == [{"step": 1, "status": "running"}] * 2
    db.session.refresh(run)
    assert (run.step, run.furthest) == (1, 1)


def test_a_staff_member_chooses_the_training_copy_for_the_list_and_the_tour(app, world,
                                                                           make):
    _tenant, people, ids = world
    make.tenant("room-9", families=1)
    web = Web(app).sign_in(people["trainer"])
    listed = web.get("/learning/tours/childs-record?tenant=room-9").get_data(as_text=True)
    assert 'href="/t/room-9/"' in listed and 'id="tenant-links"' in listed
    # The copies as the list of training copies has them: each session's seats together.
    assert '<optgroup label="Not in a training session"><option value="room-1"' in listed
    assert '<optgroup label="Tuesday room">' in listed
    assert web.post("/learning/tours/childs-record/start",
                    {"tenant": "room-1"}).location == "/t/room-1/"
    # In another training copy the tour's step is not shown on the page.
    other = _tour(web.get("/t/room-9/").get_data(as_text=True))
    assert other["here"] is None and not other["on_this_page"]
    assert _tour(web.get("/t/room-1/").get_data(as_text=True))["on_this_page"]


def test_one_running_tour_however_many_starts_arrive_at_once(app, world):
    _tenant, people, _ids = world
    web = Web(app).sign_in(people["trainee"])
    answers = at_once([posting(web, "/learning/tours/childs-record/start") for _ in range(4)])
    assert all(a.status_code == 302 for a in answers), [a.status_code for a in answers]
    assert TourRun.query.filter_by(status="running").count() == 1
    assert TourRun.query.count() == 4


def test_figures_count_where_people_leave_and_the_working_group_sees_it(app, world, make):
    _tenant, people, _ids = world
    for n in range(4):
        person = make.user("trainee", username=f"learner{n}")
        web = Web(app).sign_in(person)
        web.post("/learning/tours/feedback/start", {})
        run = TourRun.query.filter_by(user_id=person.id).one().id
        _move(web, run, 0, 1)
        if n < 3:
            web.post(f"/learning/runs/{run}/move", {"from": 1, "leave": 1})
            if n == 0:  # starting again is the same person, not another who left
                web.post("/learning/tours/feedback/start", {})
                again = TourRun.query.filter_by(user_id=person.id, status="running").one()
                _move(web, again.id, 0, 1)
                web.post(f"/learning/runs/{again.id}/move", {"from": 1, "leave": 1})
        else:
            for step in (1, 2, 3):
                _move(web, run, step, step + 1)
    trainer = Web(app).sign_in(people["trainer"])
    page = trainer.get("/learning/figures").get_data(as_text=True)
    assert "4 started · 1 finished · 3 left" in page
    assert re.search(r"2\. What kind of feedback</th>\s*<td[^>]*>4</td>\s*<td[^>]*>3</td>",
                     page), page
    Web(app).sign_in(people["trainee"]).get("/learning/figures", status=403)
    spots = Web(app).sign_in(people["working_group"]).get(
        "/feedback/hotspots").get_data(as_text=True)
    assert "Where people leave a tour" in spots
    assert re.search(r'<a class="govuk-link" href="/learning/figures">Tour “Leaving feedback”, '
                     r'step 2: What kind of feedback</a>', spots)
    # The working group can follow the link to the figures.
    Web(app).sign_in(people["working_group"]).get("/learning/figures")


def test_a_learning_path_picks_up_where_it_was_left_and_its_record_prints(app, world):
    _tenant, people, _ids = world
    web = Web(app).sign_in(people["trainee"])
    page = web.get("/learning/").get_data(as_text=True)
    assert "Your learning path: New social worker" in page
    assert "<strong>Next:</strong> A child&#39;s record: where things are." in page
    web.post("/learning/tours/childs-record/done", {})
    web.post("/learning/tours/forms/done", {})
    page = web.get("/learning/").get_data(as_text=True)
    # The slower path's scenario is not on theirs.
    assert "<strong>Next:</strong> The chronology." in page
    assert page.count("Done ") >= 2 and "Take it again" in page
    web.post("/learning/tours/feedback/start", {})
    page = web.get("/learning/").get_data(as_text=True)
    assert "<strong>Carry on:</strong> Leaving feedback, at step 1" in page
    record = web.get("/learning/record").get_data(as_text=True)
    assert "Record of completion" in record and "2 of 7" in record
    assert re.search(r'id="issued">[^<]+, \d{1,2} \w+ \d{4}</dd>', record), record
    assert "training is real. The families, children and cases" in record
    listed = web.get("/learning/").get_data(as_text=True)
    assert "For new starters, practice trainers and the working group." in listed

    # The trainer puts them on the slower path: one more part, and more guidance.
    trainer = Web(app).sign_in(people["trainer"])
    trainee_id = people["trainee"].id
    trainer.post(f"/learning/people/{trainee_id}", {"path": "new-social-worker",
                                                    "pace": "guided"})
    assert "2 of 8" in web.get("/learning/record").get_data(as_text=True)
    assert "with a hint at each step" in web.get("/learning/").get_data(as_text=True)
    # A scenario under way on the path is where they carry on, in the copy it is in.
    web.post("/t/room-1/scenarios/start", {"scenario": "navigation-basics"})
    page = web.get("/learning/").get_data(as_text=True)
    assert ("<strong>Carry on:</strong> Finding your way around a child&#39;s record, at "
            "step 1. The scenario is open in your training copy") in page
    item = page[page.index("<strong>Finding your way around a child&#39;s record</strong>"):]
    assert item.index("At step 1") < item.index("</li>")
    assert '<a class="govuk-link" href="/t/room-1/">Carry on' in item
    cohort = trainer.get("/learning/cohort?path=new-social-worker").get_data(as_text=True)
    assert "Slower path" in cohort and "2 of 8" in cohort
    # The parts by their titles, as the CSV has them, never their file names.
    assert ': A child&#39;s record: where things are</span>' in cohort
    assert "Tour: childs record" not in cohort and ": childs-record" not in cohort
    # Without a path asked for, the page opens on the one people are on.
    assert 'value="new-social-worker" selected' in trainer.get(
        "/learning/cohort").get_data(as_text=True)
    csv = trainer.get("/learning/cohort.csv?path=new-social-worker").get_data(as_text=True)
    header, row = csv.splitlines()[:2]
    assert header.startswith("Name,Username,Pace,Done,A child's record")
    assert '"Slower, with more guidance",2 of 8,' in row
    trainer.post(f"/learning/people/{trainee_id}", {"path": "attic", "pace": "guided"})
    assert "Choose a learning path" in trainer.get(
        f"/learning/people/{trainee_id}").get_data(as_text=True)
    trainer.get("/learning/cohort?path=attic", status=404)
    web.get("/learning/cohort", status=403)

    # One session's people: the trainer's room, seated; another's room is not theirs.
    from sandbox.scenarios.models import Seat, TrainingSession
    ours = TrainingSession(name="Tuesday room", slug="tue", scenario_key="navigation-basics",
                           form_version="streamlined", join_code="TUE123",
                           trainer_id=people["trainer"].id)
    empty = TrainingSession(name="Empty room", slug="emp", scenario_key="navigation-basics",
                            form_version="streamlined", join_code="EMP123",
                            trainer_id=people["trainer"].id)
    theirs = TrainingSession(name="Other room", slug="oth", scenario_key="navigation-basics",
                             form_version="streamlined", join_code="OTH123")
    db.session.add_all([ours, empty, theirs])
    db.session.flush()
    db.session.add(Seat(session_id=ours.id, number=1, user_id=trainee_id))
    db.session.commit()
    page = trainer.get(f"/learning/cohort?path=new-social-worker&session={ours.id}").text
    assert people["trainee"].full_name in page and "Other room" not in page
    assert f'href="/learning/cohort.csv?path=new-social-worker&amp;session={ours.id}"' in page
    page = trainer.get(f"/learning/cohort?path=new-social-worker&session={empty.id}").text
    assert people["trainee"].full_name not in page and "Nobody seated in" in page
    csv = trainer.get(f"/learning/cohort.csv?path=new-social-worker&session={empty.id}").text
    assert len(csv.splitlines()) == 1
    trainer.get(f"/learning/cohort?session={theirs.id}", status=404)
    trainer.get("/learning/cohort?session=abc", status=404)


def _at(run_id, key, step, tenant="room-1"):
    run = db.session.get(TourRun, run_id)
    run.tour_key, run.tenant_name, run.step = key, tenant, step
    db.session.commit()
    return run


def test_a_save_the_server_refuses_keeps_the_step_and_the_page_shown_again_has_it(
        app, world):
    _tenant, people, ids = world
    web = Web(app).sign_in(people["trainee"])
    web.post("/learning/tours/feedback/start", {})
    run_id = TourRun.query.one().id

    # The draft with a half-typed date: refused, shown again with the step on it.
    run = _at(run_id, "forms", 3)
    refused = web.post(f"/t/room-1/forms/{ids['draft']}", {
        "revision": "1", "action": "save", "f-written_on-day": "2"}, status=400)
    page = refused.get_data(as_text=True)
    assert "There is a problem" in page
    shown = _tour(page)
    assert shown["here"] == "form" and shown["on_this_page"] and shown["step"] == 3
    assert "step <span id=\"tour-bar-number\">4</span> of 8" in page
    db.session.refresh(run)
    assert run.step == 3
    # The real save, accepted: on to "Back to the child's record", and the link Next
    # follows there is the child's, not the first crumb.
    web.post(f"/t/room-1/forms/{ids['draft']}", {"revision": "2", "action": "save",
                                                  "f-subject": "A call"})
    db.session.refresh(run)
    assert run.step == 4
    form = web.get(f"/t/room-1/forms/{ids['draft']}").get_data(as_text=True)
    assert re.search(r'href="/t/room-1/children/\d+#forms" data-tour-goes="child"', form)

    # An empty chronology entry: refused; the tour is still at Save, and not done.
    run = _at(run_id, "chronology", 4)
    new = f"/t/room-1/children/{ids['child']}/chronology/new"
    page = web.post(new, {}, status=400).get_data(as_text=True)
    assert "There is a problem" in page and _tour(page)["on_this_page"]
    db.session.refresh(run)
    assert (run.step, run.status) == (4, "running")

    # The floor walker's empty quick note: the same.
    walker = Web(app).sign_in(people["floor_walker"])
    walker.post("/learning/tours/floor-note/start", {})
    note_run = TourRun.query.filter_by(user_id=people["floor_walker"].id).one()
    note_run.step = 6
    db.session.commit()
    page = walker.post("/feedback/note", {"place": "", "kind": "broken", "text": ""},
                       status=400).get_data(as_text=True)
    assert _tour(page)["on_this_page"]
    db.session.refresh(note_run)
    assert (note_run.step, note_run.status) == (6, "running")


def test_opening_the_page_a_step_asks_for_moves_the_bar_on_from_the_server(app, world):
    _tenant, people, ids = world
    web = Web(app).sign_in(people["trainee"])
    web.post("/learning/tours/childs-record/start", {})
    run = TourRun.query.one()
    _move(web, run.id, 0, 1)
    home = web.get("/t/room-1/").get_data(as_text=True)
    # The link Next follows on "Open a child's record" is a child's, not a family's.
    assert re.search(r'href="/t/room-1/children/\d+" data-tour-goes="child"', home)
    assert not re.search(r'families/\d+"[^>]*data-tour-goes', home)
    child = web.get(f"/t/room-1/children/{ids['child']}").get_data(as_text=True)
    assert _tour(child)["step"] == 2
    assert ('step <span id="tour-bar-number">3</span> of 9: <span id="tour-bar-step">'
            'Where things are</span><span id="tour-bar-where"></span>') in child
    db.session.refresh(run)
    assert run.step == 2
