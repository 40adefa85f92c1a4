"""A looked-after child in the Children in Need census, recorded through the pages: the
episode stays open while the child is looked after, and ceasing to be looked after with
the case closing ends it with the closure reason the reason it ceased gives."""

from datetime import date

import pytest

from sandbox.census import check as census
from sandbox.census import validator
from sandbox.core import tenancy
from tests.census.test_mistakes import Trainee, _cases

pytestmark = pytest.mark.skipif(validator.available() is not None,
                                reason="the DfE rules cannot run on this Python")

ORDER = {"reason_new_episode": "S", "legal_status": "C1", "order_details": "Interim care order",
         "placement_type": "U6", "placement_provider": "PR1", "placement_change_reason": None,
         "s20_agreed_by": None}


@pytest.fixture
def room(web, make):
    """A trainee signed in to a training copy of 20 families, scoped to it."""
    tenant = make.tenant("room-1", seed=4, families=20)
    web.sign_in(make.user("trainee", tenant=tenant))
    tenancy.enter(tenant.id)
    return tenant


def _episode(report, case):
    child = next(c for c in census.export(report.year)[1].children
                 if c.child_id == case.child_id)
    return child.episodes[-1]


def test_ceasing_to_be_looked_after_closes_the_census_episode_with_its_reason(web, room):
    today = date.today().isoformat()
    home, arrangements, still = _cases("cin_plan")[:3]
    for case in (home, arrangements, still):
        Trainee(web, case).record("looked_after_start", {**ORDER, "started_on": today})
    Trainee(web, home).record("ceased_looked_after", {
        "ceased_on": today, "reason_ceased": "E4A", "what_next": "closed",
        "order_ended": "yes"})
    Trainee(web, arrangements).record("ceased_looked_after", {
        "ceased_on": today, "reason_ceased": "E41", "what_next": "closed"})
    report = census.check()
    assert not report.could_not_run
    for case, reason in ((home, "RC7"), (arrangements, "RC3")):
        episode = _episode(report, case)
        assert episode.details.get("ReasonForClosure") == reason
        assert str(episode.details.get("CINclosureDate")) == today
    # Still looked after: the episode is open.
    assert _episode(report, still).details.get("CINclosureDate") is None
    mine = {home.child_id, arrangements.child_id, still.child_id}
    assert [(p.code, p.message) for p in report.problems
            if p.child_id in mine and p.blocking] == []


def test_a_protection_plan_goes_on_in_care_until_its_review_conference_ends_it(web, room):
    today = date.today().isoformat()
    ending, going_on = _cases("cp_plan")[:2]
    for case in (ending, going_on):
        Trainee(web, case).record("looked_after_start", {**ORDER, "started_on": today})
    Trainee(web, ending).record("review_conference", {
        "held_on": today, "decision": "end", "step_down_to": "Looked after",
        "categories": [], "next_review_on": None})
    report = census.check()
    assert not report.could_not_run
    plan = _episode(report, ending).plans[-1]
    assert str(plan.get("CPPendDate")) == today
    # Still on the plan in care: it is open, and the episode with it.
    episode = _episode(report, going_on)
    assert episode.plans[-1].get("CPPendDate") is None
    assert episode.details.get("CINclosureDate") is None
    mine = {ending.child_id, going_on.child_id}
    assert [(p.code, p.message) for p in report.problems
            if p.child_id in mine and p.blocking] == []


def test_an_assessment_under_way_is_concluded_in_care_and_authorised(web, room):
    today = date.today().isoformat()
    case = (_cases("assessment") + _cases("referral"))[0]
    me = Trainee(web, case)
    me.record("looked_after_start", {**ORDER, "started_on": today})
    me.record("child_family_assessment", {"outcome": "looked_after", "completed_on": today})
    report = census.check()
    assert not report.could_not_run
    episode = _episode(report, case)
    assessment = episode.assessments[-1]
    assert str(assessment.get("AssessmentAuthorisationDate")) == today
    assert episode.details.get("CINclosureDate") is None  # looked after: still open
    assert [(p.code, p.message) for p in report.problems
            if p.child_id == case.child_id and p.blocking] == []


def test_a_protection_plan_in_care_ends_with_care_when_the_child_moves_abroad(web, room):
    today = date.today().isoformat()
    case = _cases("cp_plan")[0]
    me = Trainee(web, case)
    me.record("looked_after_start", {**ORDER, "started_on": today})
    me.record("ceased_looked_after", {"ceased_on": today, "reason_ceased": "E16",
                                      "what_next": "closed", "order_ended": "yes"})
    report = census.check()
    episode = _episode(report, case)
    assert str(episode.plans[-1].get("CPPendDate")) == today
    assert str(episode.details.get("CINclosureDate")) == today


def test_a_looked_after_child_s_enquiry_and_conference_are_in_the_census(web, room):
    """The strategy discussion, enquiry and conference held for a child already looked
    after (made alongside the care plan) are the census's Section 47 and plan, as for any
    child; the episode stays open."""
    today = date.today().isoformat()
    case = _cases("cin_plan")[0]
    me = Trainee(web, case)
    me.record("looked_after_start", {**ORDER, "started_on": today})
    me.record("strategy_discussion", {"held_on": today, "threshold": "yes",
                                      "decision": "section47", "joint_with_police": "yes"})
    me.record("section47_enquiry", {"outcome": "conference", "completed_on": today})
    me.record("initial_conference", {"held_on": today, "decision": "plan",
                                     "plan_category": ["physical"], "previous_plans": "0"})
    report = census.check()
    assert not report.could_not_run
    episode = _episode(report, case)
    enquiry = episode.section47s[-1]
    assert str(enquiry.get("S47ActualStartDate")) == today
    assert str(enquiry.get("DateOfInitialCPC")) == today
    assert enquiry.get("ICPCnotRequired") is False
    plan = episode.plans[-1]
    assert str(plan.get("CPPstartDate")) == today and plan.get("CPPendDate") is None
    assert episode.details.get("CINclosureDate") is None
    assert [(p.code, p.message) for p in report.problems
            if p.child_id == case.child_id and p.blocking] == []
