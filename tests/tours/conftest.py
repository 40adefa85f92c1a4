"""A small world for the tours: a training copy, a person of each role, a draft and a
submitted case note, and a training session under way."""

import pytest
from sqlalchemy import select

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.recording import service as recording
from sandbox.scenarios import runner, sessions


@pytest.fixture
def world(make):
    start = runner.library().scenarios["navigation-basics"].start_case
    tenant = make.tenant("room-1", families=3, must_have=start)
    people = {role: make.user(role, tenant=tenant if role == "trainee" else None)
              for role in ("trainee", "trainer", "floor_walker", "working_group",
                           "administrator")}
    with tenancy.scoped_to(tenant.id):
        case = db.session.scalars(select(Case).order_by(Case.id)).first()
        draft = recording.start(case, "streamlined", "case_note", "Someone").id
        submitted = recording.start(case, "streamlined", "case_note", "Someone")
        recording.submit(submitted, {"written_on": "2026-11-02", "note_type": "call",
                                     "subject": "Visit", "note": "All well."},
                         submitted.revision, "Someone", case, set())
        ids = {"child": case.child_id, "draft": draft, "submitted": submitted.id}
    session = sessions.create("Tuesday room", "navigation-basics", 1, 5, 3, "streamlined",
                              people["trainer"])
    ids["session"] = session.id
    db.session.commit()
    return tenant, people, ids
