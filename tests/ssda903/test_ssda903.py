"""The SSDA903 return of a training copy: looked-after children recorded through the real
forms, exported as the DfE's tables and checked by the DfE's rules (csc-validator-be-903)."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from sandbox.cases.models import Case, Family
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.ssda903 import check as ssda903
from sandbox.ssda903 import codes, validator
from tests.census.test_mistakes import Trainee
from tests.conftest import BACKENDS

rules = pytest.mark.skipif(validator.available() is not None,
                           reason="the DfE rules cannot run on this Python")
TODAY = date.today()
# Open children's social care stages a child can become looked after from (not on a child
# protection plan, which would go on in care until a review conference ended it, so that
# ceasing to be looked after can close the case: tests/recording/test_protection_plan_in_care).
FROM = ("referral", "assessment", "strategy", "section47", "cin_plan", "stepped_down")


class Recorder(Trainee):
    """A trainee recording looked-after work on the real forms: every question that is
    not required left blank unless given, as a practitioner would."""

    def fill(self, key: str, chosen: dict, status: int = 302) -> int:
        definition = self.forms.form(self.version, key)
        empty = [f.key for f in definition.fields if not f.required and f.key not in chosen]
        return self.record(key, chosen, status=status, leave_empty=empty)

    def becomes_looked_after(self, on: date, **changed) -> int:
        postcode = db.session.scalars(select(Family.postcode).where(
            Family.id == self.case.family_id)).one()
        return self.fill("looked_after_start", {
            "started_on": on.isoformat(), "reason_new_episode": "S", "legal_status": "C1",
            "order_details": "Northbrook Family Court, interim care order for 4 weeks",
            "category_of_need": "N1", "placement_type": "U4", "placement_provider": "PR1",
            "placement_postcode": "NB8 2QT", "home_postcode": postcode, "uasc": "no",
            **changed})

    def ceases(self, on: date, reason: str, then: str) -> int:
        """The court has ended any order the child was under (else they stay looked
        after)."""
        return self.fill("ceased_looked_after", {"ceased_on": on.isoformat(),
                                                 "reason_ceased": reason, "what_next": then,
                                                 "order_ended": "yes"})

    def missing(self, on: date, back: date | None = None, **changed) -> int:
        return self.fill("missing_from_care", {
            "started_on": on.isoformat(), "kind": "M", "police_told": "yes",
            **({"ended_on": back.isoformat()} if back else {}), **changed})

    def review(self, on: date, **changed) -> int:
        return self.fill("lac_review", {"review_on": on.isoformat(), "participation": "PN1",
                                        **changed})


def children(count: int, ages: tuple[int, int] = (5, 15)) -> list[Case]:
    """Cases of children of `ages` (school age) in an open stage, one per family."""
    found, families = [], set()
    for case in db.session.scalars(select(Case).where(Case.stage.in_(FROM)).order_by(Case.id)):
        born = case.child.date_of_birth
        if case.family_id not in families and case.strategy_from in (None, "cin_plan") and \
                ages[0] <= (TODAY - born).days // 365 <= ages[1]:
            found.append(case)
            families.add(case.family_id)
    assert len(found) >= count, "the seed has too few children for the test"
    return found[:count]


def test_the_tables_have_the_dfes_columns():
    assert list(codes.TABLES) == ["Header", "Episodes", "Reviews", "UASC", "Missing", "OC2"]
    if validator.available() is None:
        from lac_validator.config import column_names
        for table, (_name, columns) in codes.TABLES.items():
            assert columns == column_names[table], table


@rules
def test_plain_words_are_for_rules_the_validator_has():
    known = set(validator.registry(ssda903.default_year()))
    assert set(ssda903.plain.words) <= known
    # The rules that place postcodes are found in the rules' own code.
    placing = {c for c, r in validator.registry(2027).items() if validator.needs_postcode_list(r)}
    assert {"392a", "392c", "169"} <= placing and not placing & {"392b", "356", "440"}


@rules
@pytest.mark.parametrize("forms", ["streamlined", "legacy"])
def test_a_looked_after_child_recorded_on_the_forms_exports_and_checks_clean(
        web, make, app, tmp_path, forms):
    tenant = make.tenant("room-1", seed=3, families=4, form_version=forms)
    web.sign_in(make.user("trainee", tenant=tenant))
    tenancy.enter(tenant.id)
    case = children(1)[0]
    me = Recorder(web, case, forms)
    began = TODAY - timedelta(days=40)
    me.becomes_looked_after(began)
    me.review(began + timedelta(days=20))
    # A weekend away without permission, back on Monday, the return interview offered.
    me.missing(began + timedelta(days=10), began + timedelta(days=12), kind="A",
               return_interview="accepted",
               return_interview_on=(began + timedelta(days=13)).isoformat(),
               interviewer="Dana Mills, the independent return interview service",
               return_interview_held_on=(began + timedelta(days=13)).isoformat())
    # An unaccompanied young person seeking asylum, accommodated under section 20 with no
    # one with parental responsibility in the country.
    arrived = children(1, ages=(16, 17))[0]
    Recorder(web, arrived, forms).becomes_looked_after(
        began, legal_status="V2", s20_agreed_by="no_one", order_details=None,
        category_of_need="N8", uasc="yes", placement_type="U6", placement_provider="PR4")
    files, built, _origins = ssda903.export()
    assert {c.child_id for c in built.children} == {case.child_id, arrived.child_id}
    tables = {name: list(csv.DictReader(io.StringIO(content.decode())))
              for name, content in files.items()}
    mine = {c.child_id: c.child for c in built.children}
    episode = next(e for e in tables["episodes.csv"] if e["CHILD"] == mine[case.child_id])
    assert (episode["DECOM"], episode["RNE"], episode["LS"], episode["PLACE"]) == (
        began.strftime("%d/%m/%Y"), "S", "C1", "U4")
    assert tables["reviews.csv"][0]["REVIEW_CODE"] == "PN1"
    assert [(m["CHILD"], m["MISSING"], m["MIS_START"], m["MIS_END"])
            for m in tables["missing.csv"]] == [
        (mine[case.child_id], "A", (began + timedelta(days=10)).strftime("%d/%m/%Y"),
         (began + timedelta(days=12)).strftime("%d/%m/%Y"))]
    assert [u["CHILD"] for u in tables["uasc.csv"]] == [mine[arrived.child_id]]
    assert {h["CHILD"] for h in tables["header.csv"]} == set(mine.values())
    report = ssda903.check()
    assert report.rules_run > 100 and report.children == 2
    # Every rule of the year gave an answer, or is told as not checked or as one that
    # could not run: none is quietly passed.
    assert report.rules_run + len(report.not_checked) + len(report.could_not_run) == len(
        validator.registry(report.year))
    assert not report.errors, [(p.code, p.message, p.source) for p in report.errors]
    page = web.get("/t/room-1/ssda903").get_data(as_text=True)
    assert "No problems" in page and "not checked on this return" in page

    # The command line: the same tables written to a folder, the same check.
    out = tmp_path / "return"
    done = _run(app, "export", "room-1", "--out", str(out))
    assert done.exit_code == 0, done.stderr
    assert {p.name for p in out.iterdir()} == set(files)
    assert (out / "episodes.csv").read_bytes() == files["episodes.csv"]
    checked = _run(app, "check", "room-1", "--json")
    found = json.loads(checked.stdout)
    assert checked.exit_code == 0 and found["errors"] == 0 and found["children"] == 2
    assert "231" in found["could_not_run"] and found["not_checked"]
    text = _run(app, "check", "room-1").stdout
    assert "Rule 231 could not run" in text and "its result is unknown, not a pass" in text
    placing = next(line for line in text.splitlines() if "392c" in line)
    assert "not checked: each places postcodes" in placing and placing.endswith("not a pass")


def _run(app, *args):
    return CliRunner().invoke(app.cli, ["ssda903", *args], catch_exceptions=False)


def test_bad_command_line_input_gets_one_line_and_exit_1(app, make, tmp_path,
                                                         assert_one_line):
    make.tenant("room-1", seed=3, families=2)
    taken = tmp_path / "taken"
    taken.write_text("a file, not a folder")
    for args in (["export", "nobody"], ["check", "nobody"],
                 ["export", "room-1", "--year", "2019"], ["check", "room-1", "--year", "2031"],
                 ["export", "room-1", "--out", str(taken / "inside")]):
        failed = _run(app, *args)
        assert failed.exit_code == 1, args
        assert_one_line(failed.stderr)


def test_the_page_refuses_a_year_the_rules_do_not_cover(web, make):
    tenant = make.tenant("room-1", seed=3, families=2)
    web.sign_in(make.user("trainee", tenant=tenant))
    for year in ("1999", "2031", "soon"):
        page = web.get(f"/t/room-1/ssda903?year={year}", status=400).get_data(as_text=True)
        assert "Choose a year from 2025 to 2027" in page


# Seeds and sizes whose worlds hold looked-after children of both kinds (from a child
# protection plan, and unaccompanied), in both form sets, on each database in turn.
GENERATED = [(5, 120, "streamlined"), (8, 120, "legacy"), (3, 150, "streamlined")]


@rules
@pytest.mark.parametrize("app, seed, families, forms", [
    (BACKENDS[i % len(BACKENDS)], *row) for i, row in enumerate(GENERATED)], indirect=["app"])
def test_generated_tenants_give_returns_the_dfe_rules_find_no_error_in(
        make, seed, families, forms):
    tenant = make.tenant("room-1", seed=seed, families=families, form_version=forms)
    with tenancy.scoped_to(tenant.id):
        _files, built, _origins = ssda903.export()
        report = ssda903.check()
    assert built.children and report.rules_run > 100
    assert {c.uasc is not None for c in built.children} == {True, False}
    assert not report.errors, [(p.code, p.message, p.source) for p in report.errors]
    for child in built.children:
        assert all(e["HOME_POST"].value and e["PL_POST"].value for e in child.episodes)
