"""The census return of generated training copies, and the census commands."""

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from sandbox.cases.models import Case, Person
from sandbox.casework import upn
from sandbox.census import check as census
from sandbox.census import schema, validator
from sandbox.core import tenancy
from sandbox.core.extensions import db
from tests.conftest import BACKENDS

rules = pytest.mark.skipif(validator.available() is not None,
                           reason="the DfE rules cannot run on this Python")


# Several seeds and sizes, both form sets, each once, on each database in turn (the return
# is made from the records in Python; a database's part is covered by the smaller ones,
# so the largest fall to SQLite, the cheaper of the two here).
GENERATED = [(3, 10, "streamlined"), (5, 12, "legacy"), (8, 200, "streamlined"),
             (11, 60, "legacy"), (9, 200, "legacy")]


@rules
@pytest.mark.parametrize("app, seed, families, forms", [
    (BACKENDS[i % len(BACKENDS)], *row) for i, row in enumerate(GENERATED)], indirect=["app"])
def test_generated_tenants_make_schema_valid_returns_with_no_child_level_errors(
        make, seed, families, forms):
    tenant = make.tenant("room-1", seed=seed, families=families, form_version=forms)
    with tenancy.scoped_to(tenant.id):
        xml, built, _origins = census.export(2027)
        report = census.check(2027)
    assert built.children and not schema.check(ET.fromstring(xml))
    assert report.rules_run > 100 and not report.could_not_run
    assert not report.errors, [(p.code, p.child, p.message, p.source) for p in report.errors]
    # A child on a Child in Need plan has its start date in the return.
    with tenancy.scoped_to(tenant.id):
        on_plans = {c.child_id for c in db.session.scalars(select(Case)) if c.stage ==
                    "cin_plan" or c.stepped_down_to == "Child in Need plan"}
    planned = {c.child_id for c in built.children
               if any(p.get("CINPlanStartDate") for e in c.episodes for p in e.cin_plans)}
    assert on_plans and on_plans <= planned
    # A child whose record holds a UPN has it in the return, and no query asks for one.
    pupils = {c.child_id for c in built.children if c.identifiers.get("UPN")}
    assert pupils and all(upn.is_training(c.identifiers.get("UPN")) for c in built.children
                          if c.child_id in pupils)
    assert not [p for p in report.problems if p.child_id in pupils and p.code in (
        "8770Q", "1510", "1520", "1530")]
    assert xml.count(b"<UPN>") == len(pupils)


@rules
@pytest.mark.parametrize("forms", ["streamlined", "legacy"])
def test_front_door_endings_and_closed_assessments_make_a_clean_return(make, forms):
    """Contacts closed at the front door stay out of the return; an assessment that
    closes with no further action or steps down to Early Help closes its episode RC8 or
    RC9, and the DfE's rules find no error in either."""
    tenant = make.tenant("room-1", seed=3, families=20, form_version=forms)
    with tenancy.scoped_to(tenant.id):
        _xml, built, _origins = census.export(2027)
        report = census.check(2027)
        front_door = {c.child_id for c in db.session.scalars(select(Case))
                      if c.stage in ("closed", "early_help") and c.referral_on is None}
    assert not report.errors, [(p.code, p.child, p.message, p.source) for p in report.errors]
    reasons = {e.details.values["ReasonForClosure"].value for c in built.children
               for e in c.episodes if "ReasonForClosure" in e.details.values}
    assert {"RC8", "RC9"} <= reasons
    assert front_door and not front_door & {c.child_id for c in built.children}


def _run(app, *args):
    return CliRunner().invoke(app.cli, ["census", *args],
                                              catch_exceptions=False)


def test_export_writes_the_dfe_xml_and_bad_input_gets_one_line(app, make, tmp_path,
                                                                assert_one_line):
    make.tenant("room-1", seed=3, families=3)
    out = tmp_path / "return.xml"
    done = _run(app, "export", "room-1", "--year", "2027", "--out", str(out))
    assert done.exit_code == 0, done.stderr
    root = ET.parse(out).getroot()
    printed = _run(app, "export", "room-1", "--year", "2027")
    assert printed.exit_code == 0 and printed.stdout.startswith('<?xml version="1.0"')
    assert root.findtext("Header/CollectionDetails/Year") == "2027"
    assert root.findtext("Header/Source/LEA") == "999"
    assert root.find("Children/Child/ChildIdentifiers/LAchildID") is not None
    for args in (["export", "nobody"], ["check", "nobody"],
                 ["export", "room-1", "--year", "2019"], ["check", "room-1", "--year", "2031"],
                 ["export", "room-1", "--out", str(tmp_path / "missing" / "x.xml")]):
        failed = _run(app, *args)
        assert failed.exit_code == 1, args
        assert_one_line(failed.stderr)


@rules
def test_check_lists_each_problem_with_its_rule_form_and_question(app, make):
    make.tenant("room-1", seed=3, families=3)
    done = _run(app, "check", "room-1", "--json")
    found = json.loads(done.stdout)
    assert found["year"] == census.default_year() and found["rules_run"] > 100
    assert done.exit_code == (1 if found["errors"] else 0)
    for problem in found["problems"]:
        assert problem["child"] and problem["message"] and problem["form"]
        # A rule's own true or false is no value on the record (8675Q flags one).
        assert str(problem["value"]).lower() not in ("true", "false"), problem
        assert "past its timescale" not in problem["message"]
    text = _run(app, "check", "room-1")
    assert text.stdout.startswith(f"The {found['year'] - 1} to {found['year']} census return")


def test_a_form_in_an_impossible_state_is_reported_child_by_child(app, make):
    """An assessment on a record whose contact was not accepted as a referral (as an
    import can hold) is told against that child and form, not a traceback."""
    from sandbox.recording.models import FormRecord
    tenant = make.tenant("room-1", seed=3, families=3)
    with tenancy.scoped_to(tenant.id):
        case = db.session.scalars(select(Case).where(Case.stage == "cin_plan")).first() or \
            db.session.scalars(select(Case).where(Case.stage != "contact")).first()
        contact = db.session.scalars(select(FormRecord).where(
            FormRecord.case_id == case.id, FormRecord.form_key == "contact_referral")).first()
        contact.answers_json = json.dumps({**contact.answers, "decision": "advice"})
        db.session.commit()
        report = census.check(2027)
    mine = report.for_child(case.child_id)
    assert any(p.kind == census.RECORD and "no referral open" in p.message for p in mine)


def test_the_census_page_refuses_a_year_the_rules_do_not_cover(web, make):
    tenant = make.tenant("room-1", seed=3, families=3)
    web.sign_in(make.user("trainee", tenant=tenant))
    with tenancy.scoped_to(tenant.id):
        pupil = db.session.scalars(select(Person).where(Person.upn.is_not(None))).first()
    page = web.get(f"/t/room-1/children/{pupil.id}").get_data(as_text=True)
    assert "Unique pupil number (UPN)" in page and pupil.upn in page
    for year in ("1999", "2031", "soon"):
        page = web.get(f"/t/room-1/census?year={year}", status=400).get_data(as_text=True)
        assert "Choose a census year from 2025 to 2027" in page
