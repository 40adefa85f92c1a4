"""The team manager's view of the team's cases, through the page (no JavaScript needed:
a form sent with GET)."""

import re

from sqlalchemy import select

from sandbox.cases.models import Case, CaseNote, Worker
from sandbox.casework import pathway
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.management import team


def _open_cases(team_name):
    workers = {w.id: w for w in db.session.scalars(select(Worker)).all()}
    return [c for c in db.session.scalars(select(Case)).all()
            if c.stage in pathway.OPEN_STAGES
            and workers[c.social_worker_id].team == team_name]


def test_team_page_lists_each_open_case_by_worker_with_its_dates(web, make):
    tenant = make.tenant("room-1", seed=5, families=12)
    web.sign_in(make.user("trainee", tenant=tenant))
    tenancy.enter(tenant.id)
    teams = team.teams()
    shown, plans = 0, {}
    for name in teams:
        page = web.get(f"/t/room-1/team/?team={name.replace(' ', '+')}").text
        expected = _open_cases(name)
        shown += len(expected)
        assert f"{len(expected)} case" in page
        for case in expected:
            row = re.search(rf'<tr class="govuk-table__row" data-case="{case.id}">(.*?)</tr>',
                            page, re.S).group(1)
            assert case.child.full_name in row
            step = pathway.next_step(case)
            if step and step.due:
                assert f"by {step.due.day} " in row
            visits = [n.written_on for n in db.session.scalars(select(CaseNote).where(
                CaseNote.case_id == case.id, CaseNote.kind == "Home visit"))]
            if visits:
                assert f"{max(visits).day} {max(visits):%B %Y}" in row
            assert team.plan_status(case) in row
            plans[case.stage] = team.plan_status(case)
            supervised = [n.written_on for n in db.session.scalars(select(CaseNote).where(
                CaseNote.case_id == case.id, CaseNote.kind == team.SUPERVISION))]
            if supervised:
                assert f"{max(supervised).day} {max(supervised):%B %Y}" in row
    # Each plan is named as it is: a looked-after child's is the care plan.
    assert plans.get("looked_after", "Care plan").startswith(("Care plan", "Looked after"))
    assert not [stage for stage, said in plans.items() if said == "No plan yet"
                and stage in ("cp_plan", "cin_plan", "looked_after", "leaving_care")]
    assert shown == len([c for c in db.session.scalars(select(Case))
                         if c.stage in pathway.OPEN_STAGES])
    # Calm: no tags or alarm colours on the page.
    assert "govuk-tag--red" not in page and "govuk-error" not in page


def test_filters_by_worker_stage_and_due_within(web, make):
    tenant = make.tenant("room-1", seed=5, families=3)
    web.sign_in(make.user("trainee", tenant=tenant))
    tenancy.enter(tenant.id)
    case = next(c for c in db.session.scalars(select(Case).order_by(Case.id))
                if c.stage in pathway.OPEN_STAGES)
    worker = db.session.get(Worker, (tenant.id, case.social_worker_id))
    query = f"team={worker.team.replace(' ', '+')}&worker={worker.id}&stage={case.stage}"
    page = web.get(f"/t/room-1/team/?{query}").text
    assert f'data-case="{case.id}"' in page
    assert page.count("<table") == 1  # only that worker
    others = [c for c in _open_cases(worker.team)
              if c.social_worker_id != worker.id or c.stage != case.stage]
    for other in others:
        assert f'data-case="{other.id}"' not in page
    step = pathway.next_step(case)
    soon = web.get(f"/t/room-1/team/?{query}&due=5").text
    limit = pathway.add_working_days(team.training_day(), 5)
    assert (f'data-case="{case.id}"' in soon) == bool(step and step.due and step.due <= limit)


def test_a_filter_the_page_does_not_offer_is_refused_plainly(web, make):
    tenant = make.tenant("room-1", seed=5, families=3)
    web.sign_in(make.user("trainee", tenant=tenant))
    assert "Choose a team" in web.get("/t/room-1/team/?team=Nowhere", status=400).text
    assert "Choose a stage" in web.get("/t/room-1/team/?stage=closed", status=400).text
    assert "Choose how soon" in web.get("/t/room-1/team/?due=7", status=400).text
    assert "Choose a worker" in web.get("/t/room-1/team/?worker=abc", status=400).text
    assert "Choose a worker" in web.get("/t/room-1/team/?worker=999", status=400).text


def test_the_page_asks_the_same_questions_however_many_cases_it_shows(web, make):
    from tests.cases.test_queries import _statements

    tenant = make.tenant("room-1", seed=5, families=6)
    web.sign_in(make.user("trainer"))
    tenancy.enter(tenant.id)
    name = team.teams()[0]
    busiest = max(team.team_cases(team.Filters(name)).rows_by_worker,
                  key=lambda pair: len(pair[1]))
    assert len(busiest[1]) >= 2
    url = f"/t/room-1/team/?team={name.replace(' ', '+')}"
    # Every case of the team, and one worker's due soon (perhaps none): the same count.
    assert _statements(web, url) == _statements(web, f"{url}&worker={busiest[0].id}&due=5")


def test_a_workers_supervision_lists_each_meeting_with_the_children_discussed(web, make):
    tenant = make.tenant("room-1", seed=5, families=12)
    web.sign_in(make.user("trainee", tenant=tenant))
    tenancy.enter(tenant.id)
    workers = [w for w in db.session.scalars(select(Worker)) if w.job_title != team.MANAGER_TITLE]
    worker = max(workers, key=lambda w: len(db.session.scalars(select(Case).where(
        Case.social_worker_id == w.id)).all()))
    page = web.get(f"/t/room-1/team/?team={worker.team.replace(' ', '+')}").text
    link = f"/t/room-1/team/workers/{worker.id}/supervision"
    assert link in page
    page = web.get(link).text
    theirs = {c.id: c for c in db.session.scalars(select(Case).where(
        Case.social_worker_id == worker.id))}
    notes = db.session.scalars(select(CaseNote).where(
        CaseNote.kind == team.SUPERVISION, CaseNote.case_id.in_(theirs))).all()
    days = sorted({n.written_on for n in notes}, reverse=True)
    rows = re.findall(r'<tr class="govuk-table__row" data-day="([\d-]+)">(.*?)</tr>', page, re.S)
    assert [d for d, _ in rows] == [d.isoformat() for d in days]
    # One meeting covers the worker's children: their supervisions fall on the same days.
    assert max(row.count("<li>") for _, row in rows) >= 2
    for day, row in rows:
        discussed = {n.case_id for n in notes if n.written_on.isoformat() == day}
        for case_id in discussed:
            assert theirs[case_id].child.full_name in row
    manager = next(w for w in db.session.scalars(select(Worker))
                   if w.job_title == team.MANAGER_TITLE)
    web.get(f"/t/room-1/team/workers/{manager.id}/supervision", status=404)
    web.get("/t/room-1/team/workers/999999/supervision", status=404)
