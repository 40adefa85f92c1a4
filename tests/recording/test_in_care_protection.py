"""Child protection work for a looked-after child, through the real pages (PRACTICE.md
§1.4 to §1.9): a strategy discussion, its enquiry and an initial conference are recorded
while the child stays looked after; an enquiry or a conference awaited when the child
comes into care is kept, and concluded in care. The dates are written out by hand."""

import re

import pytest
from sqlalchemy import select

from sandbox.cases.models import Case
from sandbox.core.extensions import db
from tests.recording.test_pathway_pages import VERSIONS, record, status_of, where_things_are

_ORDER = "Interim care order, Northbrook Family Court, 2 November 2026, to the final hearing"
STRATEGY = {"streamlined": {"threshold": "yes", "decision": "section47",
                            "joint_with_police": "yes"},
            "legacy": {"s47_threshold_met": "Yes", "strategy_outcome": "s47",
                       "joint_investigation": "Yes"}}
CONFERENCE = {"streamlined": {"outcome": "conference"}, "legacy": {"s47_outcome": "icpc"}}
NO_RISK = {"streamlined": {"outcome": "child_in_need"}, "legacy": {"s47_outcome": "cin"}}
EARLY_HELP = {"streamlined": {"outcome": "early_help"}, "legacy": {"s47_outcome": "eh"}}
PLAN = {"streamlined": {"decision": "plan", "plan_category": ["physical"]},
        "legacy": {"icpc_decision": "cpp", "cpp_category": ["physical"],
                   "threshold_significant_harm": "Yes"}}
NO_PLAN_CLOSE = {"streamlined": {"decision": "no_plan_nfa"},
                 "legacy": {"icpc_decision": "no_cpp_nfa", "threshold_significant_harm": "No"}}


def dates_to_plan_by(web, case) -> list[str]:
    page = web.get(f"/t/room-1/children/{case.child_id}").get_data(as_text=True)
    found = re.search(r'id="looked-after-dates">(.*?)</ul>', page, re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", li).split())
            for li in re.findall(r"<li>(.*?)</li>", found.group(1), re.S)] if found else []


def _fresh(case) -> Case:
    db.session.expire_all()
    return db.session.scalar(select(Case).where(Case.id == case.id))


@pytest.mark.parametrize("version", VERSIONS)
def test_a_looked_after_child_s_strategy_discussion_enquiry_and_conference(setup, web,
                                                                           version):
    case = setup(version, "looked_after")
    record_id, _ = record(web, case, version, "strategy_discussion", STRATEGY[version])
    assert status_of(record_id) == "submitted"
    assert where_things_are(web, case)[0] == "Looked after"
    # Held on Monday 2 November: the enquiry concluded in time for a conference within
    # 15 working days, by Monday 23 November.
    assert "Conclude the Section 47 enquiry (the child stays looked after): by 23 November " \
        "2026" in " ".join(dates_to_plan_by(web, case))

    record_id, _ = record(web, case, version, "section47_enquiry", CONFERENCE[version])
    assert status_of(record_id) == "submitted"
    steps = " ".join(dates_to_plan_by(web, case))
    assert "Hold the initial child protection conference (the child stays looked after): " \
        "by 23 November 2026" in steps
    assert "Conclude the Section 47 enquiry" not in steps
    # A conference awaited for a looked-after child cannot close the case.
    _, refused = record(web, case, version, "initial_conference", NO_PLAN_CLOSE[version],
                        status=400)
    assert "stay looked after, under their care plan" in refused.get_data(as_text=True)

    record_id, _ = record(web, case, version, "initial_conference", PLAN[version])
    assert status_of(record_id) == "submitted"
    assert where_things_are(web, case)[0] == "Looked after"
    held = _fresh(case)
    assert (held.strategy_from, held.plan_category) == ("cp_plan", "physical")
    steps = " ".join(dates_to_plan_by(web, case))
    # The first review conference within 3 months of the conference on 2 November.
    assert "Hold the review child protection conference (the child protection plan goes " \
        "on beside the care plan): by 2 February 2027" in steps
    assert "initial child protection conference" not in steps


@pytest.mark.parametrize("version", VERSIONS)
def test_an_enquiry_under_way_when_the_child_comes_into_care_is_kept_and_concluded(
        setup, web, version):
    case = setup(version, "section47")
    record_id, _ = record(web, case, version, "looked_after_start", {
        "reason_new_episode": "S", "legal_status": "L1", "placement_type": "U6",
        "order_details": "Police protection, PC Amira Shah, 2 November 2026, for up to "
                         "72 hours", "placement_provider": "PR1"})
    assert status_of(record_id) == "submitted"
    assert where_things_are(web, case)[0] == "Looked after"
    # The strategy discussion was on Wednesday 28 October: 15 working days.
    assert "Conclude the Section 47 enquiry (the child stays looked after): by 18 November " \
        "2026" in " ".join(dates_to_plan_by(web, case))
    # Early Help is no step-down for a child in the council's care.
    _, refused = record(web, case, version, "section47_enquiry", EARLY_HELP[version],
                        status=400)
    assert "cannot step down to Early Help" in refused.get_data(as_text=True)

    record_id, _ = record(web, case, version, "section47_enquiry", NO_RISK[version])
    assert status_of(record_id) == "submitted"
    assert where_things_are(web, case)[0] == "Looked after"
    assert _fresh(case).strategy_from is None
    assert not any("Section 47" in s for s in dates_to_plan_by(web, case))
    # Nothing is open now: no second conclusion, no conference.
    _, refused = record(web, case, version, "section47_enquiry", NO_RISK[version],
                        status=400)
    assert "has no Section 47 enquiry open" in refused.get_data(as_text=True)


@pytest.mark.parametrize("version", VERSIONS)
def test_a_conference_awaited_when_the_child_comes_into_care_is_held_in_care(setup, web,
                                                                             version):
    case = setup(version, "initial_conference")
    case.initial_conference_on = None  # waiting for it
    db.session.commit()
    record(web, case, version, "looked_after_start", {
        "reason_new_episode": "S", "legal_status": "C1", "order_details": _ORDER,
        "placement_type": "U6", "placement_provider": "PR1"})
    assert _fresh(case).strategy_from == "initial_conference"
    assert "Hold the initial child protection conference (the child stays looked after): " \
        "by 18 November 2026" in " ".join(dates_to_plan_by(web, case))
    record_id, _ = record(web, case, version, "initial_conference", {
        "streamlined": {"decision": "no_plan_looked_after"},
        "legacy": {"icpc_decision": "no_cpp_lac", "threshold_significant_harm": "No"}}[version])
    assert status_of(record_id) == "submitted"
    held = _fresh(case)
    assert (held.stage, held.strategy_from, held.plan_category) == ("looked_after", None, None)
    assert not any("conference" in s for s in dates_to_plan_by(web, case))
