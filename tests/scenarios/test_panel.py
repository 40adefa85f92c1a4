"""The scenario panel and the forms a step asks for, through the pages: the child named
with a link, the trainee kept in a session's scenario, a wrong step told which answer it
needs, a step passed by amending the form rather than starting another, the questions a
step needs marked on the form, and pre-filled answers saying where they came from."""

import re

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.recording.models import DRAFT, FormRecord
from sandbox.scenarios import runner
from sandbox.scenarios.models import ScenarioRun
from tests import factories
from tests.pages import Web
from tests.recording.test_amend import Recorder

NEEDS = "This step needs this answer"


@pytest.fixture
def seat(make):
    """A training copy holding the case the Section 47 scenario starts from, as a session's
    copies do (the seed alone need not have one)."""
    start = runner.library().scenarios["strategy-and-section-47"].start_case
    tenant = make.tenant("room-1", seed=3, families=12, must_have=start)
    tenancy.enter(tenant.id)
    return tenant


def _run() -> ScenarioRun:
    db.session.expire_all()
    return db.session.scalars(select(ScenarioRun)).one()


def _case(case_id: int) -> Case:
    return db.session.scalar(select(Case).where(Case.id == case_id))


def _text(html: str) -> str:
    """The words of a page from its messages on, for a failing assert to show."""
    start = html.find("govuk-error-summary")
    return re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", html[max(start, 0):]))[:1500]


def _check(web) -> str:
    web.post("/t/room-1/scenarios/check", {"next": "/t/room-1/"})
    return web.get("/t/room-1/").get_data(as_text=True)


def test_panel_names_the_child_with_a_link_and_the_step_at_the_top(app, make, seat):
    web = Web(app).sign_in(make.user("trainee", tenant=seat))
    web.post("/t/room-1/scenarios/start", {"scenario": "strategy-and-section-47"})
    child = _case(_run().case_id).child
    home = web.get("/t/room-1/").get_data(as_text=True)
    panel = home[home.index('id="scenario-panel"'):]
    assert f'href="/t/room-1/children/{child.id}">{child.full_name}' in panel
    # The step is named, and linked, before the page: on a narrow screen the panel comes
    # after it.
    top = home.index('id="scenario-summary"')
    assert top < home.index("<h1") < home.index('id="scenario-panel"')
    assert "Step 1 of 4: Read " in home[top:] and 'href="#scenario-panel"' in home[top:]
    assert "app-has-panel" in home  # the wider page, for the panel beside the form
    assert "All scenarios" in panel  # not in a session: every scenario is offered


def test_a_trainee_in_a_session_stays_in_its_scenario(app, make, seat):
    factories.room_session(seat)
    web = Web(app).sign_in(make.user("trainee"))
    web.post("/join", {"code": "ABCDEF"})
    home = web.get("/t/room-1/").get_data(as_text=True)
    assert "All scenarios" not in home and "About this session's scenario" in home
    about = web.get("/t/room-1/scenarios/").get_data(as_text=True)
    assert "Close this scenario" not in about
    assert "stays open until your trainer ends the session" in about
    assert "Carry on with step 1" in about  # the way back to the step
    assert 'name="scenario"' not in about  # no other scenario, nor this one from step 1
    # Closing it anyway (an old page) is refused, and the panel stays.
    web.post("/t/room-1/scenarios/stop")
    assert "stays open until your trainer ends" in web.get("/t/room-1/").get_data(as_text=True)
    assert _run().active
    web.post("/t/room-1/scenarios/start", {"scenario": "contact-to-assessment"})
    assert "the scenario your trainer chose" in web.get(
        "/t/room-1/scenarios/").get_data(as_text=True)
    assert _run().scenario_key == "navigation-basics"


def test_a_wrong_step_says_which_answer_and_amending_the_form_passes_it(app, make, seat):
    web = Web(app).sign_in(make.user("trainee", tenant=seat))
    web.post("/t/room-1/scenarios/start", {"scenario": "strategy-and-section-47"})
    case = _case(_run().case_id)
    web.get(f"/t/room-1/children/{case.child_id}")
    assert "Step 2 of 4" in _check(web)
    me = Recorder(web, case)
    # While the step is active its questions are marked on the form.
    started = web.post(f"/t/room-1/children/{case.child_id}/forms",
                       {"form_key": "strategy_discussion"})
    form = web.get(started.location).get_data(as_text=True)
    for label in ("What will happen next?", "Who took part", "Is there reasonable cause"):
        at = form.index(label)
        assert NEEDS in form[at:at + 300], label
    assert form.count(NEEDS) == 3
    # Wrong: no reasonable cause and no enquiry. Submitted, then "Check my work".
    attendees = [{"name": f"Person {n}", "agency": agency} for n, agency in enumerate(
        ["csc_social_worker", "csc_manager", "police", "health"])]
    wrong = me.answers("strategy_discussion", {"threshold": "no", "decision": "assessment",
                                               "joint_with_police": None})
    wrong["attendees"] = [{**wrong["attendees"][0], **row} for row in attendees]
    record_id = me.submit("strategy_discussion", wrong)
    told = _check(web)
    assert "Not yet." in told and "does not yet record" not in told
    assert ("This step asks you to record the decision ‘Start a Section 47 enquiry’ in "
            "the Strategy discussion.") in told
    assert "This step asks for ‘Yes’ as the answer to ‘Is there reasonable cause" in told
    # Corrected by amending the form submitted: no second strategy discussion.
    page, _ = me.amend_page(record_id)
    assert page.count(NEEDS) == 3  # still marked while amending
    me.amend(record_id, "strategy_discussion",
             {**wrong, "threshold": "yes", "decision": "section47", "joint_with_police": "no"})
    after = _check(web)
    assert "Step 3 of 4" in after, _text(after)
    db.session.expire_all()
    assert _case(case.id).stage == "section47"
    assert db.session.scalar(select(func.count()).select_from(FormRecord).where(
        FormRecord.case_id == case.id, FormRecord.form_key == "strategy_discussion",
        FormRecord.status != DRAFT)) == 1
    # Off the step, the marks go.
    other = web.post(f"/t/room-1/children/{case.child_id}/forms", {"form_key": "case_note"})
    assert NEEDS not in web.get(other.location).get_data(as_text=True)


def test_an_optional_question_the_step_needs_is_marked(app, make, seat):
    """The streamlined Section 47 enquiry calls the danger statement optional; the step
    needs it."""
    web = Web(app).sign_in(make.user("trainee", tenant=seat))
    web.post("/t/room-1/scenarios/start", {"scenario": "strategy-and-section-47"})
    run = _run()
    run.step_index = 3  # the trainer's saved point at the enquiry (setting up, not tested)
    db.session.commit()
    case = _case(run.case_id)
    started = web.post(f"/t/room-1/children/{case.child_id}/forms",
                       {"form_key": "section47_enquiry"})
    form = web.get(started.location).get_data(as_text=True)
    label = re.search(r'<label class="govuk-label govuk-label--s" for="f-danger_statement">'
                      r'(.*?)</label>', form, re.S).group(1)
    assert "(optional)" in label and NEEDS in label


def test_pre_filled_answers_say_where_they_came_from(app, make, seat):
    """The strategy discussion fills in what we are worried about from the assessment or
    the contact already on the child's record (the step's hint speaks of it)."""
    case = db.session.scalars(select(Case).where(Case.stage == "assessment")
                              .order_by(Case.id)).first()
    sources = db.session.scalars(select(FormRecord).where(
        FormRecord.case_id == case.id,
        FormRecord.form_key.in_(["child_family_assessment", "contact_referral"]))).all()
    assert sources, "the generator put no earlier form on this child's record"
    web = Web(app).sign_in(make.user("trainee", tenant=seat))
    started = web.post(f"/t/room-1/children/{case.child_id}/forms",
                       {"form_key": "strategy_discussion"})
    form = web.get(started.location).get_data(as_text=True)
    assert "filled in from earlier forms when this form was started" in form
    source = re.search(r'id="f-worries-source">Filled in from <a class="govuk-link" '
                       r'href="/t/room-1/forms/(\d+)">([^<]+)</a>', form)
    assert source, "the pre-filled answer does not say where it came from"
    came_from = next(r for r in sources if r.id == int(source.group(1)))
    title = web.app.extensions["forms"].form("streamlined", came_from.form_key).title
    assert source.group(2) == f"{case.child.first_name}'s {title}"
    assert re.search(r'aria-describedby="[^"]*f-worries-source', form)
    # The answer is the one that form holds, and a question nobody filled says nothing.
    field = {"child_family_assessment": "past_harm", "contact_referral": "worries"}
    # (As the page writes it: the generator's words now hold "A&E".)
    assert str(escape(came_from.answers[field[came_from.form_key]].split("\n")[0][:30])) in form
    assert 'id="f-agencies_know-source"' not in form
    # The form it came from opens.
    web.get(f"/t/room-1/forms/{came_from.id}")


def test_a_proficiency_check_marks_nothing_and_does_not_give_the_answer(app, make, seat):
    session = factories.room_session(seat)
    session.scenario_key, session.proficiency = "strategy-and-section-47", True
    db.session.commit()
    web = Web(app).sign_in(make.user("trainee"))
    web.post("/join", {"code": "ABCDEF"})
    case = _case(_run().case_id)
    web.get(f"/t/room-1/children/{case.child_id}")
    assert "Step 2 of 4" in _check(web)
    started = web.post(f"/t/room-1/children/{case.child_id}/forms",
                       {"form_key": "strategy_discussion"})
    assert NEEDS not in web.get(started.location).get_data(as_text=True)
    me = Recorder(web, case)
    me.submit("strategy_discussion", me.answers(
        "strategy_discussion", {"threshold": "no", "decision": "assessment",
                                "joint_with_police": None}))
    told = _check(web)
    assert "does not yet record everything this step asks for" in told
    assert "Start a Section 47 enquiry" not in _text(told)
