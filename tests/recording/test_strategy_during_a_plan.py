"""A strategy discussion held during a plan or an assessment, through the pages, in both
form sets. New worries of significant harm during a Child in Need or child protection plan
lead to a strategy discussion (PRACTICE.md §1.4, §1.12); when it, or the enquiry it
starts, finds no new cause for action, the plan goes on: the record goes back to the plan
with the plan's own next step, never to an assessment counted from the old referral, and
is never closed while the plan runs. Only a review conference ends a child protection plan.
"""

from datetime import date

import pytest

from sandbox.cases.models import Case
from sandbox.core.extensions import db
from tests.recording.test_pathway_pages import (
    VERSIONS,
    long_date,
    record,
    status_of,
    where_things_are,
)

STRATEGY_NO_ENQUIRY = {
    "streamlined": {"threshold": "no", "decision": "assessment"},
    "legacy": {"s47_threshold_met": "No", "strategy_outcome": "cfa"}}
STRATEGY_NO_ACTION = {
    "streamlined": {"threshold": "no", "decision": "no_action"},
    "legacy": {"s47_threshold_met": "No", "strategy_outcome": "nfa"}}
STRATEGY_ENQUIRY = {
    "streamlined": {"threshold": "yes", "decision": "section47", "joint_with_police": "no"},
    "legacy": {"s47_threshold_met": "Yes", "strategy_outcome": "s47",
               "joint_investigation": "No"}}
CIN_REVIEW_STRATEGY = {"streamlined": {"decision": "strategy"},
                       "legacy": {"cinr_decision": "strategy"}}
S47_OUTCOME = {"streamlined": "outcome", "legacy": "s47_outcome"}


def _case(case) -> Case:
    db.session.expire_all()
    return db.session.get(Case, (case.tenant_id, case.id))


def _submitted(web, case, version, key, answers):
    record_id, _ = record(web, case, version, key, answers)
    assert status_of(record_id) == "submitted"


def _strategy_from_a_cin_review(setup, web, version):
    case = setup(version, "cin_plan")
    _submitted(web, case, version, "cin_review", CIN_REVIEW_STRATEGY[version])
    assert where_things_are(web, case) == (
        "Strategy discussion needed",
        "Next: hold the strategy discussion, by 3 November 2026 (within one working day of "
        "deciding to hold one; the same day if the child is at immediate risk).")
    return case


@pytest.mark.parametrize("version", VERSIONS)
def test_a_cin_review_calls_a_strategy_discussion_that_finds_no_cause_and_the_plan_goes_on(
        setup, web, version):
    case = _strategy_from_a_cin_review(setup, web, version)
    _submitted(web, case, version, "strategy_discussion", STRATEGY_NO_ENQUIRY[version])
    stage, step = where_things_are(web, case)
    assert stage == "Child in Need plan"
    assert step.startswith("Next: review the child in need plan, by 2 February 2027")
    assert _case(case).strategy_from is None


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("outcome, stage, step", [
    ({"streamlined": "not_confirmed", "legacy": "unsubstantiated"}, "Child in Need plan",
     "Next: review the child in need plan, by 2 February 2027"),
    ({"streamlined": "child_in_need", "legacy": "cin"}, "Child in Need plan",
     "Next: review the child in need plan, by 2 February 2027"),
    ({"streamlined": "early_help", "legacy": "eh"}, "Early Help",
     "Next: review the family plan at a team around the family meeting, by 14 December 2026"),
    ({"streamlined": "conference", "legacy": "icpc"}, "Initial child protection conference",
     "Next: hold the initial child protection conference, by 23 November 2026"),
], ids=["not-substantiated", "no-continuing-risk", "early-help", "conference"])
def test_an_enquiry_during_a_cin_plan_ends_as_its_conclusion_says(
        setup, web, version, outcome, stage, step):
    case = _strategy_from_a_cin_review(setup, web, version)
    _submitted(web, case, version, "strategy_discussion", STRATEGY_ENQUIRY[version])
    assert where_things_are(web, case)[0] == "Section 47 enquiry"
    assert _case(case).strategy_from == "cin_plan"
    _submitted(web, case, version, "section47_enquiry", {S47_OUTCOME[version]: outcome[version]})
    shown_stage, shown_step = where_things_are(web, case)
    assert (shown_stage, shown_step[:len(step)]) == (stage, step)
    assert _case(case).strategy_from is None


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("strategy, enquiry", [
    (STRATEGY_NO_ENQUIRY, None),
    (STRATEGY_NO_ACTION, None),
    (STRATEGY_ENQUIRY, {"streamlined": "not_confirmed", "legacy": "unsubstantiated"}),
    (STRATEGY_ENQUIRY, {"streamlined": "child_in_need", "legacy": "cin"}),
    (STRATEGY_ENQUIRY, {"streamlined": "early_help", "legacy": "eh"}),
], ids=["no-enquiry", "no-action", "not-substantiated", "no-continuing-risk",
        "early-help"])
def test_a_strategy_discussion_during_a_cp_plan_never_ends_the_plan(
        setup, web, version, strategy, enquiry):
    """New worries during a child protection plan: whatever the strategy discussion or
    its enquiry finds short of a conference, the plan goes on to its review conference
    (first within 3 months of the initial conference on 1 September)."""
    case = setup(version, "cp_plan")
    _submitted(web, case, version, "strategy_discussion", strategy[version])
    if enquiry:
        assert where_things_are(web, case)[0] == "Section 47 enquiry"
        _submitted(web, case, version, "section47_enquiry",
                   {S47_OUTCOME[version]: enquiry[version]})
    stage, step = where_things_are(web, case)
    assert stage == "Child protection plan"
    assert step.startswith("Next: hold the review child protection conference, by "
                           f"{long_date(date(2026, 12, 1))}"), step
    now = _case(case)
    assert now.closed_on is None and now.closure_reason is None
    assert now.strategy_from is None


@pytest.mark.parametrize("version", VERSIONS)
def test_no_further_action_during_an_assessment_leaves_it_to_be_concluded(setup, web, version):
    """The assessment under way is concluded and authorised before the case closes
    (census: no closure with an assessment open; closed after assessment is RC8)."""
    case = setup(version, "assessment")
    _submitted(web, case, version, "strategy_discussion", STRATEGY_NO_ACTION[version])
    stage, step = where_things_are(web, case)
    assert stage == "Child and Family Assessment"
    assert step.startswith("Next: complete the child and family assessment, by 6 January 2027")
    assert _case(case).closure_reason is None
    outcome = {"streamlined": {"outcome": "close"}, "legacy": {"cfa_outcome": "nfa"}}
    _submitted(web, case, version, "child_family_assessment", outcome[version])
    assert where_things_are(web, case)[0] == "Closed"
    assert _case(case).closure_reason == "RC8"


@pytest.mark.parametrize("version", VERSIONS)
def test_a_review_that_changes_the_category_shows_the_latest_on_the_record(setup, web, version):
    """The census keeps the latest category of abuse; the child's record shows it."""
    case = setup(version, "review_due")
    case.plan_category = "neglect"
    db.session.commit()
    answers = {"streamlined": {"decision": "continue", "next_review_on": date(2027, 4, 30),
                               "categories": ["neglect", "emotional"]},
               "legacy": {"rcpc_decision": "continue", "next_rcpc": date(2027, 4, 30),
                          "category_changed": "Yes",
                          "latest_category": ["neglect", "emotional"]}}
    _submitted(web, case, version, "review_conference", answers[version])
    page = web.get(f"/t/room-1/children/{case.child_id}").get_data(as_text=True)
    assert "Child protection plan categories" in page
    assert "Neglect and emotional abuse" in page
    assert _case(case).plan_category == "neglect,emotional"
