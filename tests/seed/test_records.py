import json
from collections import defaultdict

import pytest

from sandbox.forms.answers import check
from sandbox.forms.definitions import load
from seed import REFERENCE_DATE, generate

REG = load()


@pytest.mark.parametrize("version", ["streamlined", "legacy"])
def test_generated_forms_are_valid_in_their_version(version):
    tables = generate(8, 40, form_version=version)
    people = {str(p["id"]) for p in tables["people"]}
    assert tables["form_records"]
    for record in tables["form_records"]:
        assert record["version_set"] == version
        definition = REG.form(version, record["form_key"])
        answers = json.loads(record["answers_json"])
        assert set(answers) <= {f.key for f in definition.fields}
        errors = check(definition, answers, people, REFERENCE_DATE,
                       submitting=record["status"] != "draft")
        assert errors == {}, (record["form_key"], errors)
        assert "{" not in record["answers_json"].replace('{"', "").replace("{}", "")


def test_cases_further_along_have_their_earlier_forms():
    tables = generate(8, 60)
    forms = defaultdict(set)
    for record in tables["form_records"]:
        if record["status"] in ("submitted", "signed_off"):
            forms[record["case_id"]].add(record["form_key"])
    reviewed = [c for c in tables["cases"] if c["stage"] == "stepped_down"]
    assert reviewed
    for case in reviewed:
        assert {"contact_referral", "child_family_assessment", "strategy_discussion",
                "section47_enquiry", "conference_report", "initial_conference",
                "core_group_review", "review_conference"} <= forms[case["id"]]
    contacts = [c for c in tables["cases"] if c["stage"] == "contact"]
    assert all("child_family_assessment" not in forms[c["id"]] for c in contacts)
