"""OC2, the outcomes of a child looked after for the whole year to 31 March, built from
the year's health assessments and looked-after reviews recorded through the pages: the
values the DfE asks for, and the recording mistakes its rules then name against the form
and question. A return made before its year ends has no outcomes yet, and the rules that
need them are told as not checked."""

from datetime import date, timedelta

import pytest

from sandbox.core import tenancy
from sandbox.ssda903 import check as ssda903
from sandbox.ssda903 import validator
from tests.ssda903.test_ssda903 import TODAY, Recorder, children

pytestmark = pytest.mark.skipif(validator.available() is not None,
                                reason="the DfE rules cannot run on this Python")
# The last year that has ended (named by its 31 March), and the one under way.
ENDED = TODAY.year if date(TODAY.year, 3, 31) < TODAY else TODAY.year - 1
BEGAN = date(ENDED - 1, 1, 5)  # looked after since before the year began (1 April)
CARE_ORDER = {"legal_status": "C2", "order_details": "Northbrook Family Court, care order"}


def _a_year_in_care(me: Recorder, review: dict | None = None, health: dict | None = None):
    me.becomes_looked_after(BEGAN, **CARE_ORDER)
    me.review(BEGAN + timedelta(days=21), which_review="first")
    asked = {"convicted": "no", **(review or {})}
    me.review(date(ENDED - 1, 4, 14), which_review="second", **asked)
    me.review(date(ENDED - 1, 10, 13), which_review="later", **asked)
    me.fill("health_assessment", {"kind": "initial", "done_on": (BEGAN + timedelta(
        days=14)).isoformat(), "done_by_role": "doctor", "substance_misuse": "no"})
    me.fill("health_assessment", {
        "kind": "review", "done_on": date(ENDED - 1, 12, 1).isoformat(),
        "done_by_role": "nurse", "immunisations": "yes", "dental": "yes",
        "sdq_score": "14", "substance_misuse": "no", **(health or {})})


def _rows(built, case) -> dict:
    child = next(c for c in built.children if c.child_id == case.child_id)
    return {k: v.value for k, v in (child.oc2 or {}).items() if k != "DOB"}


@pytest.mark.parametrize("forms", ["streamlined", "legacy"])
def test_a_year_in_care_gives_its_outcomes_and_they_check_clean(web, make, forms):
    tenant = make.tenant("room-1", seed=3, families=12, form_version=forms)
    web.sign_in(make.user("trainee", tenant=tenant))
    tenancy.enter(tenant.id)
    case = children(1, ages=(11, 15))[0]
    _a_year_in_care(Recorder(web, case, forms))
    _files, built, _origins = ssda903.export(ENDED)
    assert _rows(built, case) == {
        "SDQ_SCORE": "14", "CONVICTED": "0", "IMMUNISATIONS": "1", "TEETH_CHECK": "1",
        "HEALTH_ASSESSMENT": "1", "SUBSTANCE_MISUSE": "0"}
    report = ssda903.check(ENDED)
    assert not report.errors, [(p.code, p.message, p.source) for p in report.errors]
    assert not {"182", "186", "191", "543"} & set(report.not_checked)
    # The year under way: no child has yet been looked after for its twelve months.
    files, built, _origins = ssda903.export(ENDED + 1)
    assert "oc2.csv" not in files and not any(c.oc2 for c in built.children)
    assert "191" in ssda903.check(ENDED + 1).not_checked


@pytest.mark.parametrize("forms", ["streamlined", "legacy"])
def test_outcome_mistakes_made_through_the_pages_name_the_dfe_rules(web, make, forms):
    tenant = make.tenant("room-1", seed=3, families=24, form_version=forms)
    web.sign_in(make.user("trainee", tenant=tenant))
    tenancy.enter(tenant.id)
    cases = children(3, ages=(11, 15))
    # 1. The year's questionnaire was due (the child is 11 to 15) and no score or reason for
    # having none was recorded.
    _a_year_in_care(Recorder(web, cases[0], forms), health={"sdq_score": None})
    # 2. No review in the year asked a young person of 12 about convictions and cautions.
    _a_year_in_care(Recorder(web, cases[1], forms), review={"convicted": None})
    expected = {cases[0].child_id: ("186", "sdq_score"),
                cases[1].child_id: ("543", "convicted")}
    # 3. Whether a problem with substances was found, not answered: the streamlined form
    # asks it and will not go without it; the old one lets it through.
    me = Recorder(web, cases[2], forms)
    if forms == "streamlined":
        me.fill("health_assessment", {"kind": "review", "done_on": TODAY.isoformat(),
                                      "done_by_role": "nurse", "substance_misuse": None},
                status=400)
    else:
        _a_year_in_care(me, health={"substance_misuse": None})
        expected[cases[2].child_id] = ("182", "substance_misuse")
    report = ssda903.check(ENDED)
    for child_id, (code, question) in expected.items():
        found = [p for p in report.for_child(child_id) if p.code == code]
        assert found and any(p.source and p.source.field_key == question for p in found), (
            code, [(p.code, p.source and p.source.field_key) for p in
                   report.for_child(child_id)])
    page = web.get(f"/t/room-1/ssda903?year={ENDED}").get_data(as_text=True)
    assert all(f">{code}<" in page for code, _q in expected.values())
