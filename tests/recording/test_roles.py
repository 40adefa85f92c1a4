"""Who records and signs off each decision, through the pages: the team manager, the
conference chair, the social worker (practitioner). A trainer gives each seat of a
training session its part, and can seat people with different parts in one training
copy (a joint session); a trainer plays any part."""

import re

import pytest
from sqlalchemy import select

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.recording.models import FormRecord
from sandbox.scenarios.models import Seat, TrainingSession
from tests.pages import Web
from tests.recording.test_pathway_pages import DAY, HISTORY, REG, _required, form_data


@pytest.fixture
def room(app, make):
    """room-1 with a child's record at the initial conference, and a session in which
    seat 1 (Ann, in room-1) and seat 2 (Bea, in a copy of her own) sit."""
    one = make.tenant("room-1", seed=3, families=6)
    two = make.tenant("room-2", seed=3, families=6)
    ann = make.user("trainee", username="ann", tenant=one, full_name="Ann Trainee")
    bea = make.user("trainee", username="bea", tenant=two, full_name="Bea Trainee")
    trainer = make.user("trainer", full_name="Tess Trainer")
    session = TrainingSession(name="Joint", slug="joint-ab12", scenario_key="navigation-basics",
                              form_version="streamlined", join_code="JOINT1",
                              trainer_id=trainer.id)
    db.session.add(session)
    db.session.flush()
    db.session.add_all([Seat(session_id=session.id, number=1, tenant_id=one.id, user_id=ann.id),
                        Seat(session_id=session.id, number=2, tenant_id=two.id,
                             user_id=bea.id)])
    db.session.commit()
    one.name, two.name = "joint-ab12-seat-1", "joint-ab12-seat-2"  # as a session names them
    db.session.commit()
    tenancy.enter(one.id)
    case = db.session.scalars(select(Case).order_by(Case.id)).first()
    for column, value in {**HISTORY, "stage": "initial_conference"}.items():
        setattr(case, column, value)
    db.session.commit()
    people = {}
    for user in (ann, bea, trainer):
        people[user.username] = Web(app).sign_in(user)
    return session, case, people


def part(web, session, number: int, role: str, copy: str = ""):
    web.post(f"/sessions/{session.id}/seats/{number}/part", {"role": role, "copy": copy})


def submit(web, case, key: str, answers: dict, status=302):
    started = web.post(f"/t/joint-ab12-seat-1/children/{case.child_id}/forms",
                       {"form_key": key})
    record_id = int(started.location.rsplit("/", 1)[1])
    definition = REG.form("streamlined", key)
    response = web.post(f"/t/joint-ab12-seat-1/forms/{record_id}", {
        "revision": "1", "action": "submit",
        **form_data(definition, {**_required(definition), **answers})}, status=status)
    return record_id, response


def stage_of(case) -> str:
    db.session.expire_all()
    return db.session.get(Case, (case.tenant_id, case.id)).stage


def status_of(record_id) -> str:
    db.session.expire_all()
    return db.session.scalar(select(FormRecord.status).where(FormRecord.id == record_id))


PLAN = {"decision": "plan", "plan_category": ["neglect"]}


def test_a_practitioner_cannot_record_the_chairs_decision_and_the_chair_can(room):
    session, case, people = room
    part(people["trainer"], session, 1, "practitioner")
    form = people["ann"].get(f"/t/joint-ab12-seat-1/children/{case.child_id}")
    assert form.status_code == 200
    record_id, refused = submit(people["ann"], case, "initial_conference", PLAN, status=403)
    page = refused.get_data(as_text=True)
    error = re.search(r'<p id="f-decision-error" class="govuk-error-message">.*?</span> '
                      r'([^<]+)</p>', page).group(1)
    assert error.startswith("The child protection conference chair records this decision.")
    assert "you are the social worker (practitioner)" in error
    assert status_of(record_id) == "draft" and stage_of(case) == "initial_conference"
    # The draft page says so before anyone presses Submit.
    draft = people["ann"].get(f"/t/joint-ab12-seat-1/forms/{record_id}").get_data(as_text=True)
    assert 'id="role-note"' in draft
    part(people["trainer"], session, 1, "conference_chair")
    record_id, _ = submit(people["ann"], case, "initial_conference", PLAN)
    assert status_of(record_id) == "submitted" and stage_of(case) == "cp_plan"


def test_the_team_manager_chairs_the_strategy_discussion(room):
    session, case, people = room
    case.stage = "assessment"
    db.session.commit()
    part(people["trainer"], session, 1, "conference_chair")
    answers = {"threshold": "yes", "decision": "section47", "joint_with_police": "no"}
    _, refused = submit(people["ann"], case, "strategy_discussion", answers, status=403)
    assert "The team manager records this decision." in refused.get_data(as_text=True)
    part(people["trainer"], session, 1, "team_manager")
    submit(people["ann"], case, "strategy_discussion", answers)
    assert stage_of(case) == "section47"


def test_a_joint_session_gives_two_trainees_different_parts_in_one_training_copy(room):
    """Ann, the social worker, records the assessment; Bea, the team manager in Ann's
    training copy, signs it off. Ann cannot sign it off herself."""
    session, case, people = room
    case.stage = "assessment"
    db.session.commit()
    part(people["trainer"], session, 1, "practitioner")
    part(people["trainer"], session, 2, "team_manager", copy="1")
    room_page = people["trainer"].get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "(Team manager)" in room_page
    seat_page = people["trainer"].get(f"/sessions/{session.id}/seats/2").get_data(as_text=True)
    assert 'value="team_manager" selected' in seat_page
    assert 'value="1" selected>Shared with seat 1' in seat_page
    record_id, _ = submit(people["ann"], case, "child_family_assessment",
                          {"outcome": "child_in_need", "completed_on": DAY})
    assert stage_of(case) == "cin_plan"
    url = f"/t/joint-ab12-seat-1/forms/{record_id}"
    assert "Sign off as team manager" not in people["ann"].get(url).get_data(as_text=True)
    refused = people["ann"].post(f"{url}/sign-off", status=403).get_data(as_text=True)
    assert "The team manager signs off this form." in refused
    assert status_of(record_id) == "submitted"
    assert "Sign off as team manager" in people["bea"].get(url).get_data(as_text=True)
    people["bea"].post(f"{url}/sign-off")
    assert status_of(record_id) == "signed_off"
    # Back to her own copy, Bea cannot reach Ann's any more.
    part(people["trainer"], session, 2, "team_manager")
    people["bea"].get(url, status=404)


def test_a_trainer_plays_any_part(room):
    session, case, people = room
    record_id, _ = submit(people["trainer"], case, "initial_conference", PLAN)
    assert stage_of(case) == "cp_plan"
    case.stage = "review_due"
    db.session.commit()
    submit(people["trainer"], case, "review_conference",
           {"decision": "continue", "next_review_on": DAY})
    assert stage_of(case) == "cp_plan"


def test_only_the_parts_there_are_can_be_given(room):
    session, _case, people = room
    people["trainer"].post(f"/sessions/{session.id}/seats/1/part", {"role": "queen"})
    db.session.expire_all()
    assert db.session.scalar(select(Seat.case_role).where(Seat.number == 1)) is None
    people["trainer"].post(f"/sessions/{session.id}/seats/1/part",
                           {"role": "", "copy": "9"}, status=400)


REVIEW = {"which_review": "first", "participation": "PN1", "iro_spoke_privately": "yes",
          "plan_meets_needs": "yes"}


def test_the_independent_reviewing_officer_records_and_signs_off_the_looked_after_review(room):
    """The IRO chairs a looked-after child's review (CA89 s25A-25B): the social worker and
    the team manager may draft it, never submit or sign it off; Bea, the IRO in Ann's
    copy, signs off what Ann recorded as the IRO."""
    session, case, people = room
    case.stage = "looked_after"
    case.first_lac_review_on = case.last_lac_review_on = None  # the first review is due
    db.session.commit()
    part(people["trainer"], session, 1, "practitioner")
    record_id, refused = submit(people["ann"], case, "lac_review", REVIEW, status=403)
    assert "The independent reviewing officer records this decision." in \
        refused.get_data(as_text=True)
    assert status_of(record_id) == "draft"
    part(people["trainer"], session, 1, "independent_reviewing_officer")
    record_id, _ = submit(people["ann"], case, "lac_review", REVIEW)
    assert status_of(record_id) == "submitted" and stage_of(case) == "looked_after"
    url = f"/t/joint-ab12-seat-1/forms/{record_id}"
    part(people["trainer"], session, 2, "team_manager", copy="1")
    refused = people["bea"].post(f"{url}/sign-off", status=403).get_data(as_text=True)
    assert "The independent reviewing officer signs off this form." in refused
    part(people["trainer"], session, 2, "independent_reviewing_officer", copy="1")
    assert "Sign off as independent reviewing officer" in \
        people["bea"].get(url).get_data(as_text=True)
    people["bea"].post(f"{url}/sign-off")
    assert status_of(record_id) == "signed_off"
