"""Management oversight and reflective supervision, recorded through the pages in both
form sets: each is its own entry on the child's record (PRACTICE.md section 7), oversight
is also a decision in the chronology, and the team's page shows when each last happened."""

import html
import re
from datetime import date

import pytest
from sqlalchemy import select

from sandbox.cases.models import Case, CaseNote, ChronologyEntry
from sandbox.core import tenancy
from sandbox.core.extensions import db
from tests.recording.test_pathway_pages import REG, _required, form_data

ON = date.today()  # a new copy stands at the day it is made (its anchor)
KEYS = {  # the decision's and the agreement's question in each set
    "streamlined": {"management_oversight": "decision", "supervision": "agreed"},
    "legacy": {"management_oversight": "mor_decision", "supervision": "sup_decisions"},
}


def _record(web, case, version, key, text):
    started = web.post(f"/t/room-1/children/{case.child_id}/forms", {"form_key": key})
    record_id = int(started.location.rsplit("/", 1)[1])
    definition = REG.form(version, key)
    answers = {f.key: ON for f in definition.fields if f.kind == "date" and f.required}
    web.post(f"/t/room-1/forms/{record_id}", {
        "revision": "1", "action": "submit",
        **form_data(definition, {**_required(definition), **answers,
                                 KEYS[version][key]: text})})


@pytest.mark.parametrize("version", ["streamlined", "legacy"])
def test_oversight_and_supervision_are_recorded_where_practice_puts_them(web, make, version):
    tenant = make.tenant("room-1", seed=5, families=3, form_version=version)
    web.sign_in(make.user("trainee", tenant=tenant))  # alone in the copy: every part hers
    tenancy.enter(tenant.id)
    case = db.session.scalars(select(Case).where(Case.stage != "closed")
                              .order_by(Case.id)).first()
    chronology_before = db.session.scalar(
        select(db.func.count()).select_from(ChronologyEntry).where(
            ChronologyEntry.case_id == case.id))

    _record(web, case, version, "management_oversight", "Hold the plan; visit weekly.")
    _record(web, case, version, "supervision", "Meet the father before the core group.")

    db.session.expire_all()
    notes = {n.kind: n for n in db.session.scalars(
        select(CaseNote).where(CaseNote.case_id == case.id, CaseNote.written_on == ON,
                               CaseNote.recorded_by.is_not(None)))}
    assert "Hold the plan; visit weekly." in notes["Management oversight"].body
    assert "Meet the father before the core group." in notes["Supervision"].body
    lines = db.session.scalars(select(ChronologyEntry).where(
        ChronologyEntry.case_id == case.id).order_by(ChronologyEntry.id)).all()
    # Oversight is a decision in the child's story; supervision is not an event in it.
    assert len(lines) == chronology_before + 1
    assert lines[-1].kind == "decision" and lines[-1].occurred_on == ON

    child = web.get(f"/t/room-1/children/{case.child_id}").text
    assert "Hold the plan; visit weekly." in child or "Management oversight" in child
    page = web.get("/t/room-1/team/?team=" + case.social_worker.team.replace(" ", "+")).text
    row = re.search(rf'data-case="{case.id}">(.*?)</tr>', page, re.S).group(1)
    cells = re.findall(r'<td class="govuk-table__cell">(.*?)</td>', row, re.S)
    assert cells[4] == cells[5] == f"{ON.day} {ON:%B %Y}"  # last supervision, last oversight


@pytest.mark.parametrize("version", ["streamlined", "legacy"])
def test_generated_oversight_is_recorded_as_the_pages_record_it(web, make, version):
    """Each key decision's generated oversight is a note, a submitted oversight form (with
    the decision, its reasons and a dated action) and a decision in the chronology, as a
    manager's submission through the pages makes them."""
    from sandbox.recording.models import FormRecord

    tenant = make.tenant("room-1", seed=5, families=6, form_version=version)
    web.sign_in(make.user("trainee", tenant=tenant))
    tenancy.enter(tenant.id)
    notes = db.session.scalars(select(CaseNote).where(
        CaseNote.kind == "Management oversight", CaseNote.subject.like("Management oversight%"))
    ).all()
    forms = db.session.scalars(select(FormRecord).where(
        FormRecord.form_key == "management_oversight").order_by(FormRecord.id)).all()
    assert forms and len(forms) <= len(notes)
    definition = REG.form(version, "management_oversight")
    by_item = {item: next(f.key for f in definition.fields if item in f.statutory)
               for item in ("overseen_on", "decision", "reasons", "actions", "about")}
    for record in forms:
        answers = record.answers
        day = date.fromisoformat(answers[by_item["overseen_on"]])
        assert record.status == "submitted" and record.submitted_by
        assert answers[by_item["decision"]] and answers[by_item["reasons"]]
        assert answers[by_item["about"]] and answers[by_item["actions"]][0]
        assert any(n.case_id == record.case_id and n.written_on == day for n in notes)
        assert db.session.scalar(select(ChronologyEntry).where(
            ChronologyEntry.case_id == record.case_id, ChronologyEntry.occurred_on == day,
            ChronologyEntry.kind == "decision",
            ChronologyEntry.title == f"{definition.title} recorded"))
    page = html.unescape(re.sub(r"<[^>]+>", "", web.get(f"/t/room-1/forms/{forms[0].id}").text))
    assert " ".join(forms[0].answers[by_item["decision"]].split()) in " ".join(page.split())
