"""The census workshop through the pages: a trainee who leaves the assessment's factors out
is told, on the step "this child's census record is clean", what the DfE's rule says and
where; amending the assessment makes the record clean and ends the scenario."""

import pytest
from sqlalchemy import select

from sandbox.cases.models import Case
from sandbox.census import validator
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.recording.models import FormRecord
from sandbox.scenarios.models import ScenarioRun
from tests.census.test_mistakes import Trainee

pytestmark = pytest.mark.skipif(validator.available() is not None,
                                reason="the DfE rules cannot run on this Python")


def test_the_clean_census_step_names_the_rule_until_the_form_is_put_right(web, make):
    tenant = make.tenant("room-1", seed=1, families=8)
    web.sign_in(make.user("trainee", tenant=tenant))
    web.post("/t/room-1/scenarios/start", {"scenario": "census-workshop"})
    tenancy.enter(tenant.id)
    run = db.session.scalars(select(ScenarioRun)).one()
    case = db.session.scalar(select(Case).where(Case.id == run.case_id))
    web.get("/t/room-1/census")
    me = Trainee(web, case)
    me.record("child_family_assessment", {"outcome": "child_in_need"}, leave_empty=["factors"])
    me.record("cin_plan", {})
    web.get("/t/room-1/")
    db.session.expire_all()
    assert db.session.get(ScenarioRun, run.id).step_index == 3
    web.post("/t/room-1/scenarios/check", {"next": "/t/room-1/"})
    page = web.get("/t/room-1/").get_data(as_text=True)
    assert "Not yet." in page and "8897Q" in page
    assert "A completed assessment has no factors recorded" in page

    assessment = db.session.scalars(select(FormRecord).where(
        FormRecord.case_id == case.id, FormRecord.form_key == "child_family_assessment",
        FormRecord.status != "draft").order_by(FormRecord.id.desc())).first()
    me.amend(assessment, {"factors": ["3B"]})
    web.get("/t/room-1/")
    db.session.expire_all()
    assert db.session.get(ScenarioRun, run.id).finished_at is not None
