"""Exactly one, under parallel requests, on both databases: an audit started twice at once
is one audit; two moderators at once open one moderation (the other is told); an audit
submitted twice at once is submitted once; an audit exercise started by several trainees at
once is planted once."""

import json

from sqlalchemy import func, select

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.feedback.models import ReviewRound
from sandbox.management import exercises
from sandbox.management.models import AnswerKey, CaseAudit
from sandbox.scenarios.models import ScenarioRun
from tests.concurrency import at_once, posting
from tests.management.test_audits import _answers
from tests.pages import Web


def _count(model, *where):
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_starting_moderating_and_submitting_at_once(app, make):
    tenant = make.tenant("room-1", seed=5, families=3)
    ann = Web(app).sign_in(make.user("trainee", tenant=tenant, full_name="Ann"))
    start = {"case": "1", "tool": "case-file"}
    answers = at_once([posting(ann, "/t/room-1/audits/", start) for _ in range(3)])
    assert [r.status_code for r in answers] == [302] * 3
    assert len({r.location for r in answers}) == 1
    assert _count(CaseAudit) == 1
    url = answers[0].location.replace("http://localhost", "")

    data = {**_answers(), "action": "submit"}
    twice = at_once([posting(ann, url, data) for _ in range(2)])
    assert sorted(r.status_code for r in twice) == [302, 400]
    assert "can no longer change" in next(r for r in twice if r.status_code == 400).text

    tess = Web(app).sign_in(make.user("trainer", full_name="Tess"))
    tom = Web(app).sign_in(make.user("administrator", full_name="Tom"))
    both = at_once([posting(w, f"{url}/moderate") for w in (tess, tom)])
    assert sorted(r.status_code for r in both) == [302, 400]
    assert _count(ReviewRound) == 1
    assert _count(CaseAudit, CaseAudit.round_id.is_not(None)) == 2  # Ann's and one more


def test_two_trainees_starting_the_audit_scenario_at_once_plant_its_gaps_once(app, make):
    """Both start on the same child's record: each gets a run, and its gaps are planted
    once, with one answer key (the second start finds the first's)."""
    tenant = make.tenant("room-1", seed=5, families=8)
    trainees = [Web(app).sign_in(make.user("trainee", tenant=tenant, full_name=name,
                                                  username=name.lower()))
                for name in ("Ann", "Bea", "Cal")]
    answers = at_once([posting(w, "/t/room-1/scenarios/start",
                               {"scenario": "manager-case-file-audit"}) for w in trainees])
    assert [r.status_code for r in answers] == [302] * 3
    assert _count(AnswerKey) == 1
    runs = db.session.scalars(select(ScenarioRun)).all()
    assert len(runs) == 3 and len({r.case_id for r in runs}) == 1
    assert db.session.scalar(select(AnswerKey.case_id)) == runs[0].case_id
    tenancy.enter(tenant.id)
    assert db.session.get(Case, (tenant.id, runs[0].case_id)).plan_category is None


def test_a_start_that_meets_gaps_planted_meanwhile_begins_again_and_finds_them(
        app, make, cli, monkeypatch):
    """A trainer's command line does not wait for a trainee's start: if it plants the
    record's gaps between the start's look for a key and its own planting, the start is
    begun again and finds the trainer's key, rather than failing."""
    tenant = make.tenant("room-1", seed=5, families=8)
    web = Web(app).sign_in(make.user("trainee", tenant=tenant))
    tenancy.enter(tenant.id)
    case = next(c for c in db.session.scalars(select(Case).order_by(Case.id))
                if c.stage == "cp_plan")
    cli("audit-exercise", "room-1", str(case.id), "--gaps", "plan_without_category")
    seen, answer_key = [], exercises.answer_key

    def not_yet_seen(*args):  # the start's two looks, as if made before the trainer's commit
        seen.append(args)
        return [] if len(seen) <= 2 else answer_key(*args)

    monkeypatch.setattr(exercises, "answer_key", not_yet_seen)
    web.post("/t/room-1/scenarios/start", {"scenario": "manager-case-file-audit"})
    assert len(seen) > 2  # it was begun again
    assert db.session.scalars(select(ScenarioRun.case_id)).all() == [case.id]
    assert [json.loads(k.gaps_json) for k in db.session.scalars(select(AnswerKey))] == [
        ["plan_without_category"]]
