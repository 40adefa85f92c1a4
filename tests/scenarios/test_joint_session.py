"""A joint session through the real pages: three trainees in one training copy, each
holding the part the trainer gave their seat. Ann is the social worker, Bea the team
manager, Cal the conference chair. Each records only the decisions that are theirs, the
record refuses the others beside the decision, sign-off follows the part, and every
trainee's scenario panel keeps up with what the others recorded, however seldom their own
page was reloaded."""

import re

import pytest
from sqlalchemy import select

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.recording.models import FormRecord
from sandbox.recording.service import family_people
from sandbox.scenarios import sessions
from sandbox.scenarios.models import ScenarioRun, TrainingSession
from sandbox.tenants.models import Tenant
from tests.pages import Web, isolated
from tests.scenarios.test_playthrough import (
    HIDDEN,
    LIBRARY,
    _consistent,
    _right_and_wrong,
    as_posted,
    fill,
)

KEY = "joint-enquiry-and-conference"
SCENARIO = LIBRARY.scenarios[KEY]


class Trainee:
    def __init__(self, web: Web, version: str, name: str):
        self.web, self.version, self.name = web, version, name
        self.forms = web.app.extensions["forms"]

    def record(self, tenant: str, case: Case, step, people, status=302):
        """Start the step's form from the child's page and submit the answers it asks
        for. Returns the record's address and the answer to the submit."""
        check = step.check
        definition = self.forms.form(self.version, check.form)
        chosen, _wrong = _right_and_wrong(check, definition, self.version, people, people,
                                          people)
        answers = _consistent(definition, fill(definition, people, chosen))
        started = self.web.post(f"/t/{tenant}/children/{case.child_id}/forms",
                                {"form_key": check.form})
        page = self.web.get(started.location).get_data(as_text=True)
        form = page[page.index(f'action="{started.location}"'):]
        hidden = dict(HIDDEN.findall(form[:form.index("</form>")]))
        response = isolated(self.web.client.post, started.location, data={
            **hidden, "action": "submit", **as_posted(definition, answers)})
        assert response.status_code == status, (self.name, check.form,
                                                response.status_code)
        return started.location, response


def _run_of(user_id: int) -> ScenarioRun:
    db.session.expire_all()
    return db.session.scalars(select(ScenarioRun).where(
        ScenarioRun.user_id == user_id, ScenarioRun.active.is_(True))
        .order_by(ScenarioRun.id.desc())).first()


def _stage(tenant_id: int, case_id: int) -> str:
    db.session.expire_all()
    return db.session.get(Case, (tenant_id, case_id)).stage


def _refusal(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


@pytest.mark.parametrize("version", SCENARIO.versions)
def test_three_trainees_hold_different_parts_in_one_joint_session(app, make, version):
    steps = SCENARIO.steps
    assert [s.role for s in steps] == ["team_manager", "practitioner", "team_manager",
                                      "practitioner", "conference_chair", "practitioner"]
    trainer = Web(app).sign_in(make.user("trainer", full_name="Tess Trainer"))
    made = trainer.post("/sessions/new", {
        "name": "Joint day", "scenario": KEY, "form_version": version, "seats": "3",
        "seed": "5", "families": "30"})
    session = db.session.get(TrainingSession, int(made.location.rsplit("/", 1)[1]))
    users = {name: make.user("trainee", username=name.lower(), full_name=f"{name} Trainee")
             for name in ("Ann", "Bea", "Cal")}
    webs = {}
    for name, user in users.items():
        webs[name] = Web(app).sign_in(user)
        webs[name].post("/join", {"code": session.join_code})
    seat = {s.user_id: s.number for s in sessions.seats_of(session) if s.user_id}
    number = {name: seat[user.id] for name, user in users.items()}
    # The trainer gives each seat its part; Bea joins Ann's training copy now, Cal later.
    base = f"/sessions/{session.id}/seats"
    trainer.post(f"{base}/{number['Ann']}/part", {"role": "practitioner"})
    trainer.post(f"{base}/{number['Bea']}/part",
                 {"role": "team_manager", "copy": str(number["Ann"])})
    # The part each seat plays is on that seat's own page, reached from the room.
    seat_page = trainer.get(f"{base}/{number['Bea']}").get_data(as_text=True)
    assert 'value="team_manager" selected' in seat_page
    db.session.expire_all()
    ann_seat = next(s for s in sessions.seats_of(session) if s.number == number["Ann"])
    copy = db.session.get(Tenant, ann_seat.tenant_id)
    tenant = copy.name
    people = {name: Trainee(webs[name], version, name) for name in users}
    run = _run_of(users["Ann"].id)
    assert _run_of(users["Bea"].id).case_id == run.case_id
    tenancy.enter(copy.id)
    case = db.session.scalar(select(Case).where(Case.id == run.case_id))
    assert case.stage == "assessment"
    family = [str(p.id) for p in family_people(case)]

    def panel(name) -> str:
        return webs[name].get(f"/t/{tenant}/").get_data(as_text=True)

    # 1. The strategy discussion: the social worker cannot record the manager's decision.
    assert "Recorded by the team manager" in panel("Bea")
    _, refused = people["Ann"].record(tenant, case, steps[0], family, status=403)
    assert "The team manager records this decision." in _refusal(refused)
    # Nor the manager's oversight of the case, nor her own supervision.
    for key in ("management_oversight", "supervision"):
        definition = people["Ann"].forms.form(version, key)
        started = webs["Ann"].post(f"/t/{tenant}/children/{case.child_id}/forms",
                                   {"form_key": key})
        page = webs["Ann"].get(started.location).get_data(as_text=True)
        form = page[page.index(f'action="{started.location}"'):]
        response = isolated(webs["Ann"].client.post, started.location, data={
            **dict(HIDDEN.findall(form[:form.index("</form>")])), "action": "submit",
            **as_posted(definition, fill(definition, family))})
        assert response.status_code == 403, key
        assert "The team manager records this decision." in _refusal(response)
    assert _stage(copy.id, case.id) == "assessment"
    people["Bea"].record(tenant, case, steps[0], family)
    assert _stage(copy.id, case.id) == "section47"

    # 2. The enquiry, by the social worker; 3. signed off by the manager, not by her.
    address, _ = people["Ann"].record(tenant, case, steps[1], family)
    assert _stage(copy.id, case.id) == "initial_conference"
    refused = webs["Ann"].post(f"{address}/sign-off", status=403)
    assert "The team manager signs off this form." in _refusal(refused)
    assert "Sign off as team manager" in webs["Bea"].get(address).get_data(as_text=True)
    webs["Bea"].post(f"{address}/sign-off")
    db.session.expire_all()
    record = db.session.scalar(select(FormRecord).where(
        FormRecord.id == int(address.rsplit("/", 1)[1])))
    assert record.status == "signed_off" and record.signed_off_by == "Bea Trainee"

    # 4. The report to conference; the chair's seat joins the copy only now.
    people["Ann"].record(tenant, case, steps[3], family)
    trainer.post(f"{base}/{number['Cal']}/part",
                 {"role": "conference_chair", "copy": str(number["Ann"])})
    assert _run_of(users["Cal"].id).case_id == case.id

    # 5. The conference's decision: neither the social worker nor the manager records it.
    for name in ("Ann", "Bea"):
        _, refused = people[name].record(tenant, case, steps[4], family, status=403)
        assert "The child protection conference chair records this decision." in \
            _refusal(refused)
    assert _stage(copy.id, case.id) == "initial_conference"
    people["Cal"].record(tenant, case, steps[4], family)
    assert _stage(copy.id, case.id) == "cp_plan"
    db.session.expire_all()
    case = db.session.scalar(select(Case).where(Case.id == run.case_id))
    assert case.plan_category == "emotional"

    # 6. Everyone sees what comes next; each scenario is finished, the steps others
    # recorded counted for each, in order.
    for name in users:
        child = webs[name].get(f"/t/{tenant}/children/{case.child_id}").get_data(as_text=True)
        assert "Next: hold the first core group meeting, by" in child
        panel(name)
        done = _run_of(users[name].id)
        assert done.finished_at is not None, (name, done.step_index)
        assert [c["step"] for c in done.completed] == list(range(len(steps)))
    report = trainer.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert report.count("Finished") >= 3
