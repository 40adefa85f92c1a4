"""Walking the floor through the pages: the rooms under way and who may need help (the
trainer's rule), a seat opened read only, and quick notes about the room's people and the
system's own places, which group in the working group's queue."""

import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from sandbox.cases.models import ChronologyEntry
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.feedback.models import FeedbackItem
from sandbox.recording.models import FormRecord
from sandbox.scenarios import sessions
from sandbox.scenarios.models import ScenarioRun
from sandbox.tenants.models import Tenant
from tests.pages import Web
from tests.scenarios.test_sessions import create_session


def _seat_tenant(session, user) -> Tenant:
    seat = next(s for s in sessions.seats_of(session) if s.user_id == user.id)
    return db.session.get(Tenant, seat.tenant_id)


def _child_of(user, tenant) -> int:
    from sandbox.cases.models import Case

    with tenancy.scoped_to(tenant.id):
        return db.session.scalar(select(Case.child_id).where(Case.id == _run_of(user).case_id))


def _run_of(user) -> ScenarioRun:
    return db.session.scalars(select(ScenarioRun).where(ScenarioRun.user_id == user.id)
                              .order_by(ScenarioRun.id.desc())).first()


@pytest.fixture
def room(app, make):
    """A trainer's room of three seats: Ann has tried step 1 three times and it is not yet
    done; Bob has been on it twenty minutes; Carol is a trainee in no room."""
    trainer = Web(app).sign_in(make.user("trainer"))
    session = create_session(trainer)
    people = {}
    for name in ("ann", "bob"):
        person = make.user("trainee", username=name, full_name=name.capitalize() + " Jones")
        web = Web(app).sign_in(person)
        web.post("/join", {"code": session.join_code})
        people[name] = (person, web)
    ann, ann_web = people["ann"]
    tenant = _seat_tenant(session, ann)
    for _ in range(3):
        ann_web.post(f"/t/{tenant.name}/scenarios/check", {"next": f"/t/{tenant.name}/"})
    bob_run = _run_of(people["bob"][0])
    bob_run.step_started_at -= timedelta(minutes=20)  # as if twenty minutes went by
    db.session.commit()
    carol = make.user("trainee", username="carol", full_name="Carol Smith")
    return {"trainer": trainer, "session": session, "ann": ann, "bob": people["bob"][0],
            "carol": carol, "ann_web": ann_web}


def test_a_floor_walker_sees_the_rooms_under_way_and_who_may_need_help(app, make, room):
    session = room["session"]
    walker = Web(app).sign_in(make.user("floor_walker"))
    home = walker.get("/").get_data(as_text=True)
    assert 'href="/floor/"' in home  # the floor walker's home leads to the rooms
    rooms_page = walker.get("/floor/").get_data(as_text=True)
    assert "New starters" in rooms_page and "2 of 3 seats taken" in rooms_page
    assert "2 may need help" in rooms_page

    page = walker.get(f"/floor/rooms/{session.id}").get_data(as_text=True)
    assert "2 people in the room" in page and "2 may need help" in page
    assert "Read what we know about" in page and "{child}" not in page  # the child named
    helping = page[page.index('id="needing-help"'):page.index('id="seats"')]
    assert "Seat 1: Ann Jones" in helping and "3 tries not yet right" in helping
    assert "Seat 2: Bob Jones" in helping and "20 minutes on this step" in helping
    # The trainer's room flags the same two, by the same rule.
    trainer_page = room["trainer"].get(f"/sessions/{session.id}").get_data(as_text=True)
    assert trainer_page.count("May need help") == 2

    # None of the trainer's controls: no form on the page but signing out, and the
    # trainer's room and its actions are refused.
    assert re.findall(r'<form method="post" action="([^"]+)"', page) == ["/sign-out"]
    walker.get(f"/sessions/{session.id}", status=403)
    walker.post(f"/sessions/{session.id}/seats/1/reset", {}, status=403)
    walker.post(f"/sessions/{session.id}/end", {}, status=403)

    # An ended session is no longer a room under way.
    room["trainer"].post(f"/sessions/{session.id}/end", {"confirmed": "yes"})
    db.session.expire_all()
    assert sessions.seats_of(session) and session.ended_at is not None
    walker.get(f"/floor/rooms/{session.id}", status=404)
    assert "New starters" not in walker.get("/floor/").get_data(as_text=True)
    walker.get("/floor/rooms/999999", status=404)


def test_a_floor_walker_opens_a_seat_read_only(app, make, room):
    session, ann = room["session"], room["ann"]
    tenant = _seat_tenant(session, ann)
    walker = Web(app).sign_in(make.user("floor_walker"))
    walker.get(f"/floor/rooms/{session.id}/seats/99", status=404)
    page = walker.get(f"/floor/rooms/{session.id}/seats/1").get_data(as_text=True)
    assert "Seat 1: Ann Jones" in page and "Step 1 of 5" in page
    assert "3 tries not yet right" in page
    run = _run_of(ann)
    with tenancy.scoped_to(tenant.id):
        from sandbox.cases.models import Case

        case = db.session.scalar(select(Case).where(Case.id == run.case_id))
        child_name, child_id = case.child.full_name, case.child_id
    # The step as the trainee reads it, with their child's name.
    instruction = page[page.index('id="step-instruction"'):]
    assert case.child.first_name in instruction[:400] and "{child}" not in instruction
    link = f"/t/{tenant.name}/children/{child_id}"
    assert f'href="{link}"' in page
    record = walker.get(link).get_data(as_text=True)
    assert child_name in record

    # Read only: nothing the walker sends changes the seat's records.
    def counts():
        with tenancy.scoped_to(tenant.id):
            return (db.session.scalar(select(func.count()).select_from(FormRecord)),
                    db.session.scalar(select(func.count()).select_from(ChronologyEntry)))

    before = counts()
    walker.post(f"/t/{tenant.name}/children/{child_id}/forms", {"form_key": "case_note"},
                status=403)
    walker.post(f"/t/{tenant.name}/children/{child_id}/chronology/new",
                {"kind": "meeting", "summary": "A meeting"}, status=403)
    walker.post(f"/t/{tenant.name}/scenarios/restart", {}, status=403)
    with tenancy.scoped_to(tenant.id):
        draft = db.session.scalar(select(FormRecord).where(FormRecord.status == "draft"))
    if draft is not None:
        walker.post(f"/t/{tenant.name}/forms/{draft.id}", {"revision": str(draft.revision),
                                                          "action": "submit"}, status=403)
    assert counts() == before
    db.session.expire_all()
    assert _run_of(ann).id == run.id and _run_of(ann).step_index == run.step_index


def test_a_quick_note_names_the_rooms_people_and_a_place_from_the_list(app, make, room):
    session, ann, bob, carol = room["session"], room["ann"], room["bob"], room["carol"]
    tenant = _seat_tenant(session, ann)
    walker = Web(app).sign_in(make.user("floor_walker"))
    seat_page = walker.get(f"/floor/rooms/{session.id}/seats/1").get_data(as_text=True)
    note_url = re.search(r'href="(/feedback/note\?[^"]+)"', seat_page).group(1).replace(
        "&amp;", "&")
    page = walker.get(note_url).get_data(as_text=True)
    who = page[page.index('id="about"'):page.index("</select>", page.index('id="about"'))]
    # Only the room's people, the seat's person chosen already.
    assert "Ann Jones, seat 1" in who and "Bob Jones, seat 2" in who
    assert "Carol Smith" not in who
    assert re.search(rf'<option selected value="{ann.id}"|<option value="{ann.id}" selected',
                     who)
    # Where: the forms and questions of the room's version, and the pages.
    where = page[page.index('id="where"'):page.index("</select>", page.index('id="where"'))]
    assert 'value="field:contact_referral/decision"' in where
    assert "Contact and referral: the form as a whole" in where
    assert 'value="page:cases.child"' in where and "A child&#39;s record" in where

    note = {"kind": "confusing", "text": "Could not find where the decision goes"}
    refused = walker.post(note_url, {**note, "about": str(carol.id),
                                     "where": "field:contact_referral/decision"}, status=400)
    assert "Choose someone in this room" in refused.get_data(as_text=True)
    refused = walker.post(note_url, {**note, "where": "field:contact_referral/nothing"},
                          status=400)
    assert "Choose a place from the list" in refused.get_data(as_text=True)
    refused = walker.post(note_url, {**note, "where": "", "place": " "}, status=400)
    assert "Choose where in the system" in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(FeedbackItem)) == 0

    saved = walker.post(note_url, {**note, "about": str(ann.id),
                                   "where": "field:contact_referral/decision"})
    assert saved.location.endswith(f"/floor/rooms/{session.id}/seats/1")
    item = db.session.scalar(select(FeedbackItem))
    assert (item.about_user_id, item.source, item.target) == (
        ann.id, "floor", "streamlined/contact_referral/decision")
    assert item.tenant_name == tenant.name and item.case_id == _run_of(ann).case_id
    assert (item.scenario_key, item.step) == ("contact-to-assessment", 0)
    # A place not on the list, in the walker's own words, is kept as said.
    walker.post(f"/feedback/note?room={session.id}", {
        "kind": "broken", "text": "The printer jammed", "about": str(bob.id),
        "place": "The printer by the window"})
    assert db.session.scalar(select(FeedbackItem).where(
        FeedbackItem.about_user_id == bob.id)).target == "The printer by the window"

    # Once Ann is on the step about the contact form, a note about her seat starts there.
    assert 'value="form:contact_referral" selected' not in page
    room["ann_web"].get(f"/t/{tenant.name}/children/{_child_of(ann, tenant)}")
    room["ann_web"].get(f"/t/{tenant.name}/")  # the panel moves on
    db.session.expire_all()
    assert _run_of(ann).step_index == 1
    page = walker.get(note_url).get_data(as_text=True)
    assert '<option value="form:contact_referral" selected>' in page


def test_notes_about_one_place_group_in_the_queue(app, make, room):
    session = room["session"]
    first = Web(app).sign_in(make.user("floor_walker", username="walker1"))
    second = Web(app).sign_in(make.user("floor_walker", username="walker2"))
    for web, text in ((first, "Nobody could find where the decision is recorded"),
                      (second, "Could not find where to record the decision")):
        web.post(f"/feedback/note?room={session.id}", {
            "kind": "confusing", "text": text, "where": "field:contact_referral/decision"})
    # A trainee's "Feedback on this page" from a child's record, and a walker's note on
    # that page chosen from the list, are about one place.
    ann_web = Web(app).sign_in(room["ann"])
    tenant = _seat_tenant(session, room["ann"])
    run = _run_of(room["ann"])
    with tenancy.scoped_to(tenant.id):
        from sandbox.cases.models import Case

        child_id = db.session.scalar(select(Case.child_id).where(Case.id == run.case_id))
    record = ann_web.get(f"/t/{tenant.name}/children/{child_id}").get_data(as_text=True)
    link = re.search(r'id="feedback-link" href="([^"]+)"', record).group(1).replace("&amp;", "&")
    form = ann_web.get(link).get_data(as_text=True)
    fields = {name: html.unescape(value) for name, value in re.findall(
        r'<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"', form)}  # as a browser sends them
    ann_web.post("/feedback/new", {**fields, "kind": "confusing",
                                   "text": "The siblings are hard to find on the record"},
                 status=200)
    first.post(f"/feedback/note?room={session.id}", {
        "kind": "confusing", "text": "Siblings hard to find on the child's record",
        "where": "page:cases.child"})

    group = Web(app).sign_in(make.user("working_group"))
    page = group.get("/feedback/queue").get_data(as_text=True)
    cards = page.split('class="govuk-summary-card"')[1:]

    def card_of(text):
        return next(c for c in cards if text in c)

    assert "Could not find where to record" in card_of("Nobody could find where the decision")
    assert "Siblings hard to find" in card_of("The siblings are hard to find")
    assert card_of("Nobody could find") != card_of("Siblings hard to find")
