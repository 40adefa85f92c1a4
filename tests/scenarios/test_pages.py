import pytest
from sqlalchemy import func, select

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.recording import service as recording
from sandbox.recording.models import FormRecord
from sandbox.scenarios.models import ScenarioRun
from tests.pages import isolated


@pytest.fixture
def trainee(web, make):
    tenant = make.tenant("room-1", seed=5, families=30)
    web.sign_in(make.user("trainee", tenant=tenant))
    tenancy.enter(tenant.id)
    return web


def test_choose_start_follow_hint_check_and_close(trainee):
    page = trainee.get("/t/room-1/scenarios/").get_data(as_text=True)
    assert "Finding your way around" in page and "About 20 minutes" in page
    trainee.post("/t/room-1/scenarios/start", {"scenario": "navigation-basics"})
    home = trainee.get("/t/room-1/").get_data(as_text=True)
    assert 'id="scenario-panel"' in home and "Step 1 of 6" in home
    assert "{family}" not in home and " family and open their household page" in home
    trainee.post("/t/room-1/scenarios/check", {"next": "/t/room-1/"})
    assert "Not yet." in trainee.get("/t/room-1/").get_data(as_text=True)
    trainee.post("/t/room-1/scenarios/hint", {"next": "/t/room-1/"})
    assert "Hint 1:" in trainee.get("/t/room-1/").get_data(as_text=True)
    trainee.get("/t/room-1/families/1")
    after = trainee.post("/t/room-1/scenarios/check", {"next": "/t/room-1/families/1"})
    assert after.location == "/t/room-1/families/1"
    assert "Step 2 of 6" in trainee.get("/t/room-1/").get_data(as_text=True)
    fragment = isolated(trainee.client.get, "/t/room-1/scenarios/panel?next=/t/room-1/")
    assert fragment.status_code == 200 and b'data-step="1"' in fragment.data
    trainee.post("/t/room-1/scenarios/stop")
    assert 'id="scenario-panel"' not in trainee.get("/t/room-1/").get_data(as_text=True)
    assert isolated(trainee.client.get, "/t/room-1/scenarios/panel").status_code == 204


def test_unknown_scenario_and_unsafe_next(trainee):
    page = trainee.post("/t/room-1/scenarios/start", {"scenario": "../../etc"})
    assert page.location == "/t/room-1/scenarios/"
    assert "not offered" in trainee.get("/t/room-1/scenarios/").get_data(as_text=True)
    trainee.post("/t/room-1/scenarios/start", {"scenario": "navigation-basics"})
    away = trainee.post("/t/room-1/scenarios/check", {"next": "https://evil.example/"})
    assert away.location == "/"


def test_a_tenant_without_the_starting_case_says_so(web, make):
    """Before Start: a scenario this copy holds no case for says so, with no button; one
    it can start has its button, and the tour points at the first of those."""
    from markupsafe import escape

    from sandbox.scenarios import runner

    tenant = make.tenant("tiny", seed=2, families=4)
    web.sign_in(make.user("trainee", tenant=tenant))
    tenancy.enter(tenant.id)
    offered = runner.offered(tenant)
    can = [s for s in offered if runner.find_case(s) is not None]
    cannot = [s for s in offered if runner.find_case(s) is None]
    assert cannot
    page = web.get("/t/tiny/scenarios/").get_data(as_text=True)
    cards = page.split('<div class="govuk-summary-card"')[1:]
    for scenario in offered:
        card = next(c for c in cards if f">{escape(scenario.title)}<" in c)
        assert (f'value="{scenario.key}"' in card) == (scenario in can), scenario.key
        assert ("has no child at the point" in card) == (scenario in cannot), scenario.key
    marked = [c for c in cards if 'data-tour="scenario-card"' in c]
    assert len(marked) == (1 if can else 0)
    # Posting Start anyway (an old page) is refused with the same reason.
    web.post("/t/tiny/scenarios/start", {"scenario": cannot[0].key})
    assert "no case at the" in web.get("/t/tiny/scenarios/").get_data(as_text=True)


def test_scenarios_of_another_tenant_are_404(web, make):
    make.tenant("room-1", seed=5, families=2)
    other = make.tenant("room-2", seed=5, families=2)
    web.sign_in(make.user("trainee", tenant=other))
    web.get("/t/room-1/scenarios/", status=404)
    web.post("/t/room-1/scenarios/start", {"scenario": "navigation-basics"}, status=404)



def test_restart_resets_the_trainees_own_tenant(trainee):
    before = db.session.scalar(select(func.count(FormRecord.id)))
    trainee.post("/t/room-1/scenarios/start", {"scenario": "contact-to-assessment"})
    assert "Restart" in trainee.get("/t/room-1/scenarios/").get_data(as_text=True)
    run = db.session.scalar(select(ScenarioRun))
    case = db.session.scalar(select(Case).where(Case.id == run.case_id))
    recording.start(case, "streamlined", "contact_referral", "Trainee")
    assert db.session.scalar(select(func.count(FormRecord.id))) == before + 1
    asked = trainee.post("/t/room-1/scenarios/restart", status=200).get_data(as_text=True)
    assert "again?" in asked and "Yes, start again" in asked
    db.session.expire_all()
    assert db.session.scalar(select(func.count(FormRecord.id))) == before + 1  # not yet
    trainee.post("/t/room-1/scenarios/restart", {"confirmed": "yes"})
    db.session.expire_all()
    assert db.session.scalar(select(func.count(FormRecord.id))) == before
    assert "Step 1 of 5" in trainee.get("/t/room-1/").get_data(as_text=True)
    # Again: now a spare is swapped in, and the request carries on in the fresh copy.
    trainee.post("/t/room-1/scenarios/restart", {"confirmed": "yes"})
    assert "Step 1 of 5" in trainee.get("/t/room-1/").get_data(as_text=True)
