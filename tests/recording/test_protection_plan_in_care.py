"""A child on a child protection plan who becomes looked after, through the pages: the plan
goes on beside the care plan (PRACTICE.md §1.9: local procedure decides whether it does),
with its core groups and review conferences at their timescales, until a review
conference ends it with the child still looked after. The case cannot close, nor the young
person leave care, with the plan still open; a child going home on the plan is back on it.
The dates are written out by hand, not worked out by the code under test."""

from datetime import date

import pytest
from sqlalchemy import select

from sandbox.cases.models import Case
from sandbox.core.extensions import db
from tests.recording.test_looked_after_pages import ORDER, dates_to_plan_by, due
from tests.recording.test_pathway_pages import VERSIONS, record, status_of, where_things_are

REVIEW = "Hold the review child protection conference (the child protection plan goes on"
DECISION = {
    "streamlined": lambda end=None, next_on=None: {
        "decision": "end" if end else "continue", "step_down_to": end,
        "next_review_on": next_on},
    "legacy": lambda end=None, next_on=None: {
        "rcpc_decision": "discontinue" if end else "continue", "step_down": end,
        "next_rcpc": next_on},
}


def _review(version, **chosen) -> dict:
    return {k: v for k, v in DECISION[version](**chosen).items() if v is not None}


def _held(case) -> str | None:
    db.session.expire_all()
    return db.session.scalar(select(Case.strategy_from).where(Case.id == case.id))


def _refused(response) -> str:
    return " ".join(response.get_data(as_text=True).replace("&#39;", "'").split())


@pytest.mark.parametrize("version", VERSIONS)
def test_the_plan_goes_on_in_care_until_a_review_conference_ends_it(setup, web, version):
    # On a plan since the initial conference on 1 September 2026; looked after on Monday
    # 2 November: the first review conference is still due within 3 months of it.
    case = setup(version, "cp_plan")
    record(web, case, version, "looked_after_start", ORDER)
    assert where_things_are(web, case)[0] == "Looked after"
    assert _held(case) == "cp_plan"
    assert "by 1 December 2026 (within 3 months of the initial conference; often held " \
        "with the looked-after review)" in due(dates_to_plan_by(web, case), REVIEW)
    # With the plan open the case cannot close, nor the young person leave care.
    for what_next, reason in (("closed", "E4A"), ("leaving_care", "E5")):
        _, refused = record(web, case, version, "ceased_looked_after",
                            {"reason_ceased": reason, "what_next": what_next}, status=400)
        assert "still has a child protection plan" in _refused(refused)
    # The core group meets; the record stays looked after, the plan held.
    record_id, _ = record(web, case, version, "core_group_review", {})
    assert status_of(record_id) == "submitted"
    assert where_things_are(web, case)[0] == "Looked after"
    assert _held(case) == "cp_plan"
    # The review conference: the plan continues, the next within 6 months of this one.
    record(web, case, version, "review_conference",
           _review(version, next_on=date(2027, 4, 30)))
    assert where_things_are(web, case)[0] == "Looked after"
    assert "by 2 May 2027" in due(dates_to_plan_by(web, case), REVIEW)
    # Ending the plan steps down to nothing else: the child stays looked after.
    _, refused = record(web, case, version, "review_conference",
                        _review(version, end="Universal services"), status=400)
    assert "stay looked after" in _refused(refused)
    record(web, case, version, "review_conference", _review(version, end="Looked after"))
    assert where_things_are(web, case)[0] == "Looked after"
    assert _held(case) is None
    assert not [i for i in dates_to_plan_by(web, case) if i.startswith(REVIEW)]
    # With no plan, there is no review conference to hold.
    _, refused = record(web, case, version, "review_conference",
                        _review(version, next_on=date(2027, 4, 30)), status=400)
    assert "no child protection plan going on" in _refused(refused)
    # And the case can now close as the child goes home.
    record(web, case, version, "ceased_looked_after",
           {"reason_ceased": "E4A", "what_next": "closed", "order_ended": "yes"})
    assert where_things_are(web, case)[0] == "Closed"


@pytest.mark.parametrize("version", VERSIONS)
def test_a_child_going_home_on_the_plan_is_back_on_it(setup, web, version):
    case = setup(version, "cp_plan")
    record(web, case, version, "looked_after_start", ORDER)
    record(web, case, version, "ceased_looked_after",
           {"reason_ceased": "E4A", "what_next": "cin_plan", "order_ended": "yes"})
    stage, step = where_things_are(web, case)
    assert stage == "Child protection plan"
    assert step.startswith("Next: hold the review child protection conference, by "
                           "1 December 2026")
    assert _held(case) is None


@pytest.mark.parametrize("version", VERSIONS)
def test_a_child_in_need_becoming_looked_after_has_no_plan_to_review(setup, web, version):
    case = setup(version, "cin_plan")
    record(web, case, version, "looked_after_start", ORDER)
    assert _held(case) is None
    assert not [i for i in dates_to_plan_by(web, case) if i.startswith(REVIEW)]
    _, refused = record(web, case, version, "core_group_review", {}, status=400)
    assert "no child protection plan going on" in _refused(refused)


ASSESSMENT = "Complete the Child and Family Assessment begun before the child came into care"
OUTCOME = {"streamlined": {"outcome": "looked_after"}, "legacy": {"cfa_outcome": "lac"}}


@pytest.mark.parametrize("version", VERSIONS)
def test_an_assessment_under_way_is_still_concluded_in_care(setup, web, version):
    # Referred on 30 October 2026, the assessment begun; looked after on 2 November.
    case = setup(version, "assessment")
    record(web, case, version, "looked_after_start", ORDER)
    assert _held(case) == "assessment"
    assert "by 6 January 2027 (within 45 working days of the referral" in due(
        dates_to_plan_by(web, case), ASSESSMENT)
    record_id, _ = record(web, case, version, "child_family_assessment", OUTCOME[version])
    assert status_of(record_id) == "submitted"
    assert where_things_are(web, case)[0] == "Looked after"
    assert _held(case) is None
    assert not [i for i in dates_to_plan_by(web, case) if i.startswith(ASSESSMENT)]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("reason", ["E2", "E16"])
def test_a_plan_ends_with_care_when_the_child_dies_or_moves_abroad(setup, web, version,
                                                                   reason):
    case = setup(version, "cp_plan")
    record(web, case, version, "looked_after_start", ORDER)
    record_id, _ = record(web, case, version, "ceased_looked_after",
                          {"reason_ceased": reason, "what_next": "closed",
                           "order_ended": "yes"})
    assert status_of(record_id) == "submitted"
    assert where_things_are(web, case)[0] == "Closed"
    assert _held(case) is None
