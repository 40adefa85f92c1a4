"""Four practice errors a review found in the pathway, each walked through the real pages
in both form sets (PRACTICE.md §1.5, §1.9, §1.11, §1.12, §3.2):

- an enquiry finding significant harm for a child already on a child protection plan
  brings the review conference forward (Working Together 2023), never an initial one;
- a strategy discussion reconvened during an open Section 47 enquiry cannot end it with
  "no further action" or "no enquiry": the enquiry is concluded first;
- when a plan ends, the record no longer shows a current plan category (the conference
  forms keep the plan's history);
- "no further action" at a strategy discussion from the front door closes the case as a
  referral with no further action, not RC7.
"""

import re

import pytest

from sandbox.core.extensions import db
from tests.recording.test_pathway_pages import VERSIONS, record, status_of, where_things_are
from tests.recording.test_strategy_during_a_plan import (
    S47_OUTCOME,
    STRATEGY_ENQUIRY,
    STRATEGY_NO_ACTION,
    STRATEGY_NO_ENQUIRY,
    _case,
    _submitted,
)

CONCLUSION_3 = {"streamlined": "conference", "legacy": "icpc"}
REVIEW_CONTINUES = {
    "streamlined": {"decision": "continue", "next_review_on": "2027-04-30"},
    "legacy": {"rcpc_decision": "continue", "next_rcpc": "2027-04-30"}}
ICPC_PLAN = {
    "streamlined": {"decision": "plan", "plan_category": ["neglect"]},
    "legacy": {"icpc_decision": "cpp", "cpp_category": ["neglect"],
               "threshold_significant_harm": "Yes"}}
DECISION = {"streamlined": "decision", "legacy": "strategy_outcome"}
ICPC_DECISION = {"streamlined": "decision", "legacy": "icpc_decision"}


def _refused(web, case, version, key, answers, field) -> str:
    record_id, response = record(web, case, version, key, answers, status=400)
    page = response.get_data(as_text=True)
    message = re.search(rf'<p id="f-{field}-error" class="govuk-error-message">'
                        r'<span class="govuk-visually-hidden">Error:</span> ([^<]+)</p>', page)
    assert message, page[:3000]
    assert status_of(record_id) == "draft"
    return message.group(1).replace("&#39;", "'")


def _page(web, case) -> str:
    return web.get(f"/t/room-1/children/{case.child_id}").get_data(as_text=True)


def _dated(answers: dict) -> dict:
    from datetime import date
    return {k: date.fromisoformat(v) if isinstance(v, str) and v[:2] == "20" else v
            for k, v in answers.items()}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("plan", ["cp_plan", "review_due"])
def test_an_enquiry_finding_significant_harm_during_a_plan_brings_the_review_forward(
        setup, web, version, plan):
    case = setup(version, plan)
    _submitted(web, case, version, "strategy_discussion", STRATEGY_ENQUIRY[version])
    assert where_things_are(web, case)[0] == "Section 47 enquiry"
    # An initial conference straight after the enquiry is refused: the child has a plan.
    reason = _refused(web, case, version, "initial_conference", ICPC_PLAN[version],
                      ICPC_DECISION[version])
    assert "already on a child protection plan" in reason and "review conference" in reason
    _submitted(web, case, version, "section47_enquiry",
               {S47_OUTCOME[version]: CONCLUSION_3[version]})
    # The strategy discussion on 2 November: 15 working days is 23 November, before the
    # review due by 1 December (3 months after the initial conference on 1 September).
    assert where_things_are(web, case) == (
        "Review conference due",
        "Next: hold the review child protection conference, brought forward, by 23 November "
        "2026 (the Section 47 enquiry found the child likely to suffer significant harm; "
        "local practice: within 15 working days of the strategy discussion, as for an "
        "initial conference).")
    # A core group meanwhile keeps the plan going; the early review is still due.
    _submitted(web, case, version, "core_group_review", {})
    assert where_things_are(web, case)[1].startswith(
        "Next: hold the review child protection conference, brought forward, by 23 November")
    _submitted(web, case, version, "review_conference", _dated(REVIEW_CONTINUES[version]))
    stage, step = where_things_are(web, case)
    assert stage == "Child protection plan"
    assert step.startswith("Next: hold the review child protection conference, by 2 May 2027")
    assert _case(case).initial_conference_on.isoformat() == "2026-09-01"  # no new plan


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("decision", [STRATEGY_NO_ACTION, STRATEGY_NO_ENQUIRY],
                         ids=["no-further-action", "no-enquiry"])
def test_a_strategy_discussion_during_an_open_enquiry_cannot_end_it(
        setup, web, version, decision):
    case = setup(version, "contact")
    front_door = {"streamlined": {"decision": "strategy"},
                  "legacy": {"threshold_decision": "strategy"}}
    _submitted(web, case, version, "contact_referral", front_door[version])
    _submitted(web, case, version, "strategy_discussion", STRATEGY_ENQUIRY[version])
    assert where_things_are(web, case)[0] == "Section 47 enquiry"
    reason = _refused(web, case, version, "strategy_discussion", decision[version],
                      DECISION[version])
    assert reason.startswith("The Section 47 enquiry is still open.")
    assert "signed off by the manager" in reason
    now = _case(case)
    assert (now.stage, now.closed_on, now.closure_reason) == ("section47", None, None)
    # The enquiry concluded, the case goes on as its conclusion says.
    _submitted(web, case, version, "section47_enquiry",
               {S47_OUTCOME[version]: {"streamlined": "child_in_need", "legacy": "cin"}[
                   version]})
    assert where_things_are(web, case)[0] == "Child in Need plan"


PLAN_ENDS = [
    ("review_conference", {"streamlined": {"decision": "end", "step_down_to": "Child in Need plan"},
                           "legacy": {"rcpc_decision": "discontinue",
                                      "step_down": "Child in Need plan"}},
     "Child in Need plan"),
    ("review_conference", {"streamlined": {"decision": "end", "step_down_to": "Early Help plan"},
                           "legacy": {"rcpc_decision": "discontinue",
                                      "step_down": "Early Help plan"}}, "Early Help"),
    ("review_conference", {"streamlined": {"decision": "end", "step_down_to": "Universal services"},
                           "legacy": {"rcpc_decision": "discontinue",
                                      "step_down": "Universal services"}}, "Closed"),
    ("closure", {"streamlined": {"reason": "RC5"}, "legacy": {"closure_reason": "RC5"}},
     "Closed"),
]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("key, answers, stage", PLAN_ENDS,
                         ids=["step-down-cin", "step-down-early-help", "universal", "closure"])
def test_when_a_plan_ends_the_record_shows_no_current_category(
        setup, web, version, key, answers, stage):
    case = setup(version, "cp_plan")
    case.plan_category = "neglect,emotional"
    db.session.commit()
    assert "Child protection plan categories" in _page(web, case)
    _submitted(web, case, version, key, answers[version])
    assert where_things_are(web, case)[0] == stage
    page = _page(web, case)
    assert "Child protection plan categor" not in page
    assert "Neglect and emotional abuse" not in page
    assert _case(case).plan_category is None


@pytest.mark.parametrize("version", VERSIONS)
def test_a_plan_that_continues_keeps_its_category(setup, web, version):
    case = setup(version, "cp_plan")
    case.plan_category = "neglect"
    db.session.commit()
    _submitted(web, case, version, "strategy_discussion", STRATEGY_NO_ENQUIRY[version])
    assert "Child protection plan category" in _page(web, case)
    assert _case(case).plan_category == "neglect"


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("start, reason, shown", [
    # From the front door, before any assessment: a referral with no further action.
    ("contact", "referral_nfa", "Referral: no further action, before any assessment"),
    # After an assessment whose outcome was to call the discussion: closed after it.
    ("assessment", "RC8", "Closed after assessment, no further action"),
], ids=["front-door", "after-assessment"])
def test_no_further_action_at_a_strategy_discussion_closes_as_the_census_says(
        setup, web, version, start, reason, shown):
    case = setup(version, start)
    if start == "contact":
        front_door = {"streamlined": {"decision": "strategy"},
                      "legacy": {"threshold_decision": "strategy"}}
        _submitted(web, case, version, "contact_referral", front_door[version])
    else:
        outcome = {"streamlined": {"outcome": "strategy"}, "legacy": {"cfa_outcome": "s47"}}
        _submitted(web, case, version, "child_family_assessment", outcome[version])
    assert where_things_are(web, case)[0] == "Strategy discussion needed"
    _submitted(web, case, version, "strategy_discussion", STRATEGY_NO_ACTION[version])
    assert where_things_are(web, case) == (
        "Closed", f"No next step: the case is closed ({shown}).")
    now = _case(case)
    assert now.closure_reason == reason and now.closed_on.isoformat() == "2026-11-02"
