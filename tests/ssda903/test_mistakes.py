"""Realistic recording mistakes in looked-after children's work, each made through the pages
(the real forms, submitted by a trainee), each making the SSDA903 check name the DfE rule
it breaks against the form and question that caused it. One training copy, one child per
mistake, one check."""

import html
from datetime import timedelta

import pytest

from sandbox.core import tenancy
from sandbox.ssda903 import check as ssda903
from sandbox.ssda903 import validator
from tests.pages import Web
from tests.ssda903.test_ssda903 import TODAY, Recorder, children

pytestmark = pytest.mark.skipif(validator.available() is not None,
                                reason="the DfE rules cannot run on this Python")
START, REVIEW, CEASE = ("Becoming looked after, or a new episode", "Looked-after child's review",
                        "Ceasing to be looked after")
MISSING = "Missing, or away from the placement without permission"


def test_recording_mistakes_made_through_the_pages_name_the_dfe_rules(web, make):
    tenant = make.tenant("room-1", seed=3, families=40)
    web.sign_in(make.user("trainee", tenant=tenant))
    tenancy.enter(tenant.id)
    began = TODAY - timedelta(days=60)
    cases = children(11)
    expected = {}

    # 1. A child recorded as adopted who was never placed for adoption (special
    # guardianship, or a child arrangements order, chosen from the wrong line).
    me = Recorder(web, cases[0])
    me.becomes_looked_after(began)
    me.ceases(began + timedelta(days=30), "E11", "closed")
    expected[cases[0].child_id] = ("390", CEASE)

    # 2. Police protection recorded, and the interim care order that followed five days
    # later: police protection lasts at most 72 hours (the order's day was mistyped, or
    # the child was kept without one).
    me = Recorder(web, cases[1])
    me.becomes_looked_after(began, legal_status="L1",
                            order_details="PC Shah, police protection, 72 hours")
    me.becomes_looked_after(began + timedelta(days=5), reason_new_episode="L")
    expected[cases[1].child_id] = ("361", START)

    # 3. Ceasing to be looked after dated before the episode began (a mistyped day). The
    # DfE's rule names the episode's start as the field to check.
    me = Recorder(web, cases[2])
    me.becomes_looked_after(began)
    me.ceases(began - timedelta(days=3), "E4A", "cin_plan")
    expected[cases[2].child_id] = ("356", START)

    # 4. A child who went into hospital (a temporary placement) and stopped being looked
    # after from there: the period of care ends with the temporary placement, not with
    # where the child went home from.
    me = Recorder(web, cases[3])
    me.becomes_looked_after(began)
    me.becomes_looked_after(began + timedelta(days=10), reason_new_episode="P",
                            placement_type="T1", placement_provider=None,
                            placement_change_reason="OTHER")
    me.ceases(began + timedelta(days=20), "E4A", "cin_plan")
    expected[cases[3].child_id] = ("381", START)

    # 5. Special guardianship to former foster carers, for a child in a children's home.
    me = Recorder(web, cases[4])
    me.becomes_looked_after(began, placement_type="K2", placement_provider="PR4")
    me.ceases(began + timedelta(days=30), "E45", "closed")
    expected[cases[4].child_id] = ("516", CEASE)

    # 6. A child under 14 recorded as moving to independent living.
    me = Recorder(web, cases[5])
    me.becomes_looked_after(began)
    me.ceases(began + timedelta(days=30), "E5", "closed")
    expected[cases[5].child_id] = ("387", CEASE)

    # 7. A short stay elsewhere (T4, at most 7 days) left running: the move back was
    # recorded two weeks later.
    me = Recorder(web, cases[6])
    me.becomes_looked_after(began)
    me.becomes_looked_after(began + timedelta(days=10), reason_new_episode="P",
                            placement_type="T4", placement_change_reason="CARPL")
    me.becomes_looked_after(began + timedelta(days=24), reason_new_episode="P",
                            placement_change_reason="CARPL")
    expected[cases[6].child_id] = ("379", START)

    # 8. The category of need changed when the legal status did: it stays as recorded at
    # the start of the period of care.
    me = Recorder(web, cases[7])
    me.becomes_looked_after(began)
    me.becomes_looked_after(began + timedelta(days=15), reason_new_episode="L",
                            legal_status="C2", category_of_need="N4")
    expected[cases[7].child_id] = ("504", START)

    # 9. A night away from home the week before coming into care, recorded on the form
    # for a child missing from care: a child missing from home is not in this return.
    me = Recorder(web, cases[9])
    me.becomes_looked_after(began)
    me.missing(began - timedelta(days=7), began - timedelta(days=6))
    expected[cases[9].child_id] = ("581", MISSING)

    # 10. Care ended as "returned home" while the child was still missing, the missing
    # episode left open: it must end first (and a child missing at the end of care stops
    # being looked after for "another reason", E8).
    me = Recorder(web, cases[10])
    me.becomes_looked_after(began)
    me.missing(began + timedelta(days=20))
    me.ceases(began + timedelta(days=25), "E4A", "cin_plan")
    expected[cases[10].child_id] = ("577", MISSING)

    # Not a DfE rule: a review recorded for a child never recorded as looked after has no
    # episode to belong to, and is told against that child and form.
    Recorder(web, cases[8]).review(began)

    report = ssda903.check()
    assert any(p.kind == "record" and "never recorded as becoming looked after" in p.message
               and p.source.form_title == REVIEW for p in report.for_child(cases[8].child_id))
    found_codes = {p.child_id: sorted({f"{p.code}" for p in report.for_child(p.child_id)})
                   for p in report.problems}
    for child_id, (code, form) in expected.items():
        found = [p for p in report.for_child(child_id) if p.code == code]
        assert found, (code, found_codes.get(child_id))
        assert any(p.source and p.source.form_title == form for p in found), (
            code, [p.source.where for p in found if p.source])
    page = html.unescape(web.get("/t/room-1/ssda903").get_data(as_text=True))
    for code, _form in expected.values():
        assert f">{code}<" in page
    # A rule that raises inside the validator is told as one that could not run, never
    # as a pass (231 reads a column the package's own reader never makes).
    assert report.could_not_run and "231" in report.could_not_run
    assert "Rule 231 could not run" in page and "not a pass" in page

    # The working group sees the questions behind them across training copies.
    group = Web(web.app).sign_in(make.user("working_group"))
    spots = html.unescape(group.get("/ssda903/hotspots").get_data(as_text=True))
    assert "(1 checked)" in spots
    for code, form in expected.values():
        assert f"{code}: " in spots and form in spots
