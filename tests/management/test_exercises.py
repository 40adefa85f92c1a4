"""Audit exercises: starting the case file audit scenario plants its gaps in the child's
record (in both form sets), keeps them in an answer key no trainee page shows, and plants
them once however often the scenario is started."""

import html
import json
import re
from datetime import date

import pytest
from sqlalchemy import select

from sandbox.cases.models import Case, CaseNote, ChronologyEntry
from sandbox.casework import pathway
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.management import exercises, tools
from sandbox.management.models import AnswerKey
from sandbox.recording.models import DRAFT, FormRecord
from sandbox.scenarios.models import ScenarioRun
from tests.pages import Web

CHILD_VOICE = {"streamlined": ("visit", "child_voice"), "legacy": ("visit", "child_views_visit")}


def _visit_days(case):
    return sorted(n.written_on for n in db.session.scalars(select(CaseNote).where(
        CaseNote.case_id == case.id, CaseNote.kind == "Home visit")))


def _answers(case, key):
    return [r.answers for r in db.session.scalars(select(FormRecord).where(
        FormRecord.case_id == case.id, FormRecord.form_key == key,
        FormRecord.status != DRAFT))]


@pytest.mark.parametrize("version", ["streamlined", "legacy"])
def test_the_scenario_plants_its_gaps_once_and_keeps_the_key_hidden(web, make, version):
    tenant = make.tenant("room-1", seed=5, families=8, form_version=version)
    web.sign_in(make.user("trainee", tenant=tenant))
    tenancy.enter(tenant.id)
    case = next(c for c in db.session.scalars(select(Case).order_by(Case.id))
                if c.stage == "cp_plan")
    visits_before = _visit_days(case)
    form, field = CHILD_VOICE[version]
    assert case.plan_category and any(a.get(field) for a in _answers(case, form))
    voices = [a[field] for a in _answers(case, form) if a.get(field)]
    notes = [n.body for n in db.session.scalars(select(CaseNote).where(
        CaseNote.case_id == case.id, CaseNote.kind == "Home visit"))]
    assert any(v in n for v in voices for n in notes)
    assert any(r.get("agency") == "police" for s in _answers(case, "strategy_discussion")
               for r in s.get("attendees") or s.get("strategy_attendees"))
    web.post("/t/room-1/scenarios/start", {"scenario": "manager-case-file-audit"})
    run = db.session.scalars(select(ScenarioRun)).one()
    assert run.case_id == case.id
    db.session.expire_all()
    case = db.session.get(Case, (tenant.id, case.id))

    assert case.plan_category is None
    after = _visit_days(case)
    assert len(after) == len(visits_before) - 1
    pairs = zip(after, after[1:], strict=False)
    assert any(pathway.add_working_days(a, 10) < b for a, b in pairs), "no visit missed"
    for strategy in _answers(case, "strategy_discussion"):
        rows = strategy.get("attendees") or strategy.get("strategy_attendees")
        assert rows and all(r.get("agency") != "police" for r in rows)
    assert all(not a.get(field) for a in _answers(case, form))
    # Nor do the visit notes the child's words were written into still hold them.
    notes = "\n\n".join(n.body for n in db.session.scalars(select(CaseNote).where(
        CaseNote.case_id == case.id, CaseNote.kind == "Home visit")))
    assert voices and not any(v in notes for v in voices)
    # Nor does the rest of the record contradict the other gaps: no chronology line or
    # note says the police took part in the strategy discussion, or names the category.
    strategy_days = {date.fromisoformat(a.get("held_on") or a["date_of_strategy_meeting"])
                     for a in _answers(case, "strategy_discussion")}
    written = [e.detail for e in db.session.scalars(select(ChronologyEntry).where(
        ChronologyEntry.case_id == case.id, ChronologyEntry.occurred_on.in_(strategy_days)))]
    written += [n.body for n in db.session.scalars(select(CaseNote).where(
        CaseNote.case_id == case.id, CaseNote.written_on.in_(strategy_days)))]
    assert written and not [t for t in written if re.search(r"\b[Pp]olice\b", t)
                            and "Strategy" in t], written
    for strategy in _answers(case, "strategy_discussion"):
        assert not strategy.get("police_information")
    chronology = [e.detail for e in db.session.scalars(select(ChronologyEntry).where(
        ChronologyEntry.case_id == case.id))]
    assert [t for t in chronology if "child protection plan" in t]
    assert not [t for t in chronology if "category of" in t or "protection plan (" in t]
    key = db.session.scalars(select(AnswerKey)).one()
    assert json.loads(key.gaps_json) == list(exercises.GAPS)

    # Started again, nothing more is taken out; no page the trainee opens names a gap.
    web.post("/t/room-1/scenarios/start", {"scenario": "manager-case-file-audit"})
    db.session.expire_all()
    assert _visit_days(case) == after
    assert len(db.session.scalars(select(AnswerKey)).all()) == 1
    pages = [web.get(f"/t/room-1/children/{case.child_id}").text,
             web.get("/t/room-1/audits/").text, web.get("/t/room-1/").text]
    for gap in exercises.GAPS.values():
        assert all(gap.label not in page for page in pages)


def test_a_trainer_plants_gaps_from_the_command_line(cli, make, assert_one_line):
    tenant = make.tenant("room-1", seed=5, families=8)
    tenancy.enter(tenant.id)
    case = next(c for c in db.session.scalars(select(Case).order_by(Case.id))
                if c.stage == "cp_plan")
    out = cli("audit-exercise", "room-1", str(case.id), "--gaps",
              "plan_without_category,strategy_without_police")
    assert "The child protection plan has no category" in out
    db.session.expire_all()
    assert db.session.get(Case, (tenant.id, case.id)).plan_category is None
    assert exercises.answer_key(tenant.id, case.id) == ["plan_without_category",
                                                          "strategy_without_police"]
    # Planted again, the record is refused: its key stays the one the trainer planted.
    again = cli("audit-exercise", "room-1", str(case.id), "--gaps", "missed_visit", code=1)
    assert_one_line(again)
    assert "already holds an audit exercise" in again
    for args in (["room-1", str(case.id), "--gaps", "nonsense"],
                 ["room-1", "999", "--gaps", "missed_visit"],
                 ["nowhere", "1", "--gaps", "missed_visit"]):
        assert_one_line(cli("audit-exercise", *args, code=1))
    closed = next(c for c in db.session.scalars(select(Case))
                  if c.stage not in ("cp_plan", "review_due"))
    assert "Only a child protection plan" in cli(
        "audit-exercise", "room-1", str(closed.id), "--gaps", "plan_without_category",
        code=1)
    # No visits are owed by a standard off a plan, so none can be planted as missed.
    off_plan = next(c for c in db.session.scalars(select(Case))
                    if c.stage not in exercises.ON_A_PLAN)
    assert "Only a child on a plan" in cli(
        "audit-exercise", "room-1", str(off_plan.id), "--gaps", "missed_visit", code=1)


def test_the_trainer_sees_what_was_planted_and_what_each_audit_found(web, make):
    tenant = make.tenant("room-1", seed=5, families=8)
    trainee = make.user("trainee", tenant=tenant)
    web.sign_in(trainee)
    web.post("/t/room-1/scenarios/start", {"scenario": "manager-case-file-audit"})
    web.get("/t/room-1/audits/answer-key", status=403)
    assert "answer-key" not in web.get("/t/room-1/audits/").text
    tenancy.enter(tenant.id)
    run = db.session.scalars(select(ScenarioRun)).one()
    # The trainee audits: finds the visits and the plan, misses the rest, and marks the
    # timeliness short, which the record is not.
    started = web.post("/t/room-1/audits/", {"case": str(run.case_id), "tool": "case-file"})
    data = {"action": "submit", "grade": "requires_improvement"}
    for q in tools.tool("case-file").questions:
        short = q.key in ("visits", "plan", "timeliness")
        data[f"answer-{q.key}"] = "not_met" if short else "met"
        data[f"finding-{q.key}"] = "Not in the record." if short else "Seen."
    web.post(started.location, data)

    trainer = Web(web.app).sign_in(make.user("trainer"))
    audits = trainer.get("/t/room-1/audits/").text
    assert "/t/room-1/audits/answer-key" in audits
    page = trainer.get("/t/room-1/audits/answer-key").text
    for gap in exercises.GAPS.values():
        assert gap.label in html.unescape(page)
    row = re.search(rf"{trainee.full_name}</a></td>(.*?)</tr>", page, re.S).group(1)
    cells = re.findall(r'<td class="govuk-table__cell">(.*?)</td>', row, re.S)
    assert cells[:4] == ["Found", "Found", "Missed", "Missed"]
    assert "front-door decision" in cells[4]
