import json
from collections import Counter
from types import SimpleNamespace

import pytest

from sandbox.casework import pathway as pw
from sandbox.casework.ages import age_on
from sandbox.casework.nhs import is_test_number
from seed import REFERENCE_DATE, generate


def as_json(tables) -> str:
    return json.dumps(tables, default=str, sort_keys=True)


@pytest.fixture(scope="module")
def big():
    return generate(seed=11, families=200)


def test_same_seed_and_size_give_identical_data():
    assert as_json(generate(5, 30)) == as_json(generate(5, 30))


def test_different_seeds_give_different_families():
    assert as_json(generate(5, 10)) != as_json(generate(6, 10))


def test_adding_families_leaves_earlier_families_unchanged():
    small, large = generate(3, 5), generate(3, 8)
    assert small["families"] == large["families"][:5]
    assert small["people"] == large["people"][: len(small["people"])]


def test_negative_size_is_refused():
    with pytest.raises(ValueError, match="negative"):
        generate(1, -1)


def test_nhs_numbers_are_unique_valid_test_numbers(big):
    numbers = [p["nhs_number"] for p in big["people"] if p["nhs_number"]]
    assert numbers and all(is_test_number(n) for n in numbers)
    assert len(numbers) == len(set(numbers))


def test_households_have_one_to_five_children_with_coherent_ages(big):
    people = {p["id"]: p for p in big["people"]}
    children = Counter(p["family_id"] for p in big["people"] if p["is_child"])
    assert set(children.values()) <= {1, 2, 3, 4, 5}
    assert len(children) == 200 and max(children.values()) >= 4
    for rel in big["relationships"]:
        child, other = people[rel["child_id"]], people[rel["person_id"]]
        assert age_on(child["date_of_birth"], REFERENCE_DATE) <= 17
        if rel["kind"] in ("mother", "father"):
            # Parents were at least 17 when the child was born.
            assert age_on(other["date_of_birth"], child["date_of_birth"]) >= 17
    assert all(p["date_of_birth"] < REFERENCE_DATE for p in big["people"])


def test_families_include_half_siblings_separated_parents_and_networks(big):
    kinds = Counter(r["kind"] for r in big["relationships"])
    assert kinds["half-brother"] + kinds["half-sister"] > 0
    assert kinds["mother's partner"] > 0
    assert any(r["kind"] == "father" and not r["lives_with_child"] for r in big["relationships"])
    networks = Counter(r["child_id"] for r in big["relationships"] if r["in_safety_network"])
    children = [p["id"] for p in big["people"] if p["is_child"]]
    assert all(networks[c] >= 1 for c in children), "every child has a safety network"


def test_names_are_diverse(big):
    ethnicities = Counter(p["ethnicity"] for p in big["people"] if p["family_id"])
    assert len(ethnicities) >= 10
    assert max(ethnicities.values()) < 0.5 * sum(ethnicities.values())


def test_cases_spread_across_every_stage_and_concern(big):
    # The child-protection path, Child in Need plans after enquiries that found no
    # continuing risk of significant harm, and the front door's and assessments' endings:
    # closed (no further action) and Early Help.
    assert {c["stage"] for c in big["cases"]} == set(pw.CP_PATH) | {
        "cin_plan", "closed", "early_help", "looked_after"}
    assert {c["closure_reason"] for c in big["cases"]} == {None, "contact", "RC8"}
    assert {c["primary_concern"] for c in big["cases"]} == set(pw.CONCERNS)


def test_pathway_dates_keep_to_statutory_timescales(big):
    for case in big["cases"]:
        dates = [v for k, v in case.items() if k.endswith("_on") and v]
        assert all(d <= REFERENCE_DATE for d in dates), case
        assert all(pw.is_working_day(d) for d in dates), case
        if case["strategy_on"] and case["initial_conference_on"]:
            assert case["initial_conference_on"] <= pw.add_working_days(
                case["strategy_on"], pw.INITIAL_CONFERENCE_WORKING_DAYS)
        if case["referral_on"] and case["stage"] == "assessment":
            # An assessment still under way is within its 45 working days.
            assert pw.add_working_days(case["referral_on"], 45) >= REFERENCE_DATE
        if case["last_review_on"]:
            assert case["last_review_on"] <= pw.add_months(case["initial_conference_on"], 9)
        order = [case[k] for k in ("contact_on", "referral_on", "assessment_started_on",
                                   "strategy_on", "initial_conference_on") if case[k]]
        assert order == sorted(order), case


def test_first_core_group_within_ten_working_days(big):
    by_case = {}
    for entry in big["chronology_entries"]:
        if entry["title"] == "Core group meeting":
            by_case.setdefault(entry["case_id"], []).append(entry["occurred_on"])
    cases = {c["id"]: c for c in big["cases"]}
    assert by_case
    for case_id, meetings in by_case.items():
        limit = pw.add_working_days(cases[case_id]["initial_conference_on"], 10)
        assert min(meetings) <= limit


def test_recording_reads_varied_and_complete(big):
    notes = [n["body"] for n in big["case_notes"]]
    details = [e["detail"] for e in big["chronology_entries"]]
    assert len(set(notes)) > 0.9 * len(notes), "case notes should rarely repeat"
    assert len(set(details)) > 0.5 * len(details)
    for text in notes + details:
        assert "{" not in text and "}" not in text, text


def test_phone_numbers_are_ofcom_drama_numbers(big):
    phones = [p["phone"] for p in big["people"] if p["phone"]]
    assert phones and all(p.startswith("07700 900") for p in phones)


def test_no_two_people_around_a_child_share_a_first_name(big):
    people = {p["id"]: p for p in big["people"]}
    around: dict[int, list[str]] = {}
    for rel in big["relationships"]:
        around.setdefault(rel["child_id"], [people[rel["child_id"]]["first_name"]]).append(
            people[rel["person_id"]]["first_name"])
    for names in around.values():
        assert len(names) == len(set(names)), names


@pytest.mark.parametrize("stage", ["early_help", "cin_plan", "closed"])
def test_a_session_can_start_from_a_stage_off_the_child_protection_path(stage):
    """The usual mix stays on the child-protection path; a scenario starting from Early
    Help, a Child in Need plan or a closed case gets a family there, with its dates."""
    tables = generate(8, 2, must_have={"stage": stage})
    cases = [c for c in tables["cases"] if c["stage"] == stage]
    assert cases
    for case in cases:
        assert pw.stage_problems(case) == [] and case["stage_on"]
        step = pw.next_step(SimpleNamespace(**case))
        assert step is None if stage == "closed" else step.due
