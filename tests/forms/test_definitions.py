import shutil
import textwrap

import pytest
from click.testing import CliRunner

from sandbox.forms.cli import forms as forms_command
from sandbox.forms.definitions import FORMS_DIR, DefinitionError, load


@pytest.fixture(scope="module")
def registry():
    return load()


def test_both_sets_ship_the_whole_pathway(registry):
    keys = {"contact_referral", "child_family_assessment", "strategy_discussion",
            "section47_enquiry", "conference_report", "initial_conference",
            "core_group_review", "review_conference", "case_note", "visit",
            "early_help_assessment", "early_help_plan", "cin_plan", "cin_review", "closure",
            "management_oversight", "supervision",
            # Looked-after children (PRACTICE.md §4).
            "looked_after_start", "care_plan", "placement_plan", "lac_visit", "lac_review",
            "health_assessment", "personal_education_plan", "ceased_looked_after",
            "pathway_plan", "missing_from_care"}
    assert set(registry.sets["legacy"]) == keys == set(registry.sets["streamlined"])


def test_legacy_is_long_and_repetitive_and_streamlined_is_not(registry):
    legacy = sum(f.field_count for f in registry.forms("legacy"))
    streamlined = sum(f.field_count for f in registry.forms("streamlined"))
    assert legacy > 3 * streamlined
    # The same family questions are asked again form after form in the legacy set.
    asked = [f for f in registry.forms("legacy") if f.field("child_dob")]
    assert len(asked) >= 6


def test_streamlined_puts_the_childs_voice_first_and_uses_signs_of_safety(registry):
    cfa = registry.form("streamlined", "child_family_assessment")
    assert cfa.sections[0].fields[0].key == "child_voice"
    titles = [s.title for s in cfa.sections]
    assert "What are we worried about?" in titles and "What is working well?" in titles
    assert cfa.field("safety_scale").kind == "scale"
    legacy = registry.form("legacy", "child_family_assessment")
    assert legacy.sections[-2].title.startswith("Appendix")


def write(tmp_path, name, text, version_set="streamlined"):
    folder = tmp_path / version_set
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yaml").write_text(textwrap.dedent(text))
    return tmp_path


GOOD = """\
key: visit
title: Visit
version: 1
sections:
  - title: The visit
    fields:
      - key: visited_on
        kind: date
        label: Date
"""


@pytest.mark.parametrize("text, line, words", [
    (GOOD.replace("kind: date", "kind: colour"), 7, "unknown kind 'colour'"),
    (GOOD.replace("version: 1", "version: one"), 1, "version must be a whole number"),
    (GOOD.replace("        label: Date\n", ""), 7, "'label' is required"),
    (GOOD + "        guide: no-such-guide\n", 7, "no guide called 'no-such-guide'"),
    (GOOD + "      - key: visited_on\n        kind: text\n        label: Again\n", 1,
     "used twice"),
    (GOOD + "on_submit:\n  - move: nowhere\n", 11, "unknown move 'nowhere'"),
    (GOOD + "on_submit:\n  - dates: {strategy_on: missing}\n", 11, "no field 'missing'"),
    (GOOD + "        prefill: [{form: nope, field: x}]\n", 10, "unknown form 'nope'"),
    (GOOD.replace("title: Visit", "title: [unclosed"), 3, "not valid YAML"),
    (GOOD.replace("kind: date", "kind: choice"), 7, "needs a list of options"),
])
def test_a_broken_definition_names_file_line_and_problem(tmp_path, text, line, words):
    root = write(tmp_path, "visit", text)
    with pytest.raises(DefinitionError) as error:
        load(root)
    assert words in str(error.value)
    assert error.value.line == line
    assert error.value.path.name == "visit.yaml"


CHOICE = GOOD + """\
      - key: decision
        kind: choice
        label: Decision
        options: [a, b]
"""


@pytest.mark.parametrize("text, line, words", [
    # Every outcome of a decision moves the child somewhere.
    (CHOICE + "on_submit:\n  - {when: {decision: a}, move: contact_nfa, date: visited_on,\n"
     "     set: {closure_reason: contact}}\n", 1,
     "the answer 'b' to 'decision' moves the child nowhere"),
    # A move says the date it happened on, so the next step has a date to count from.
    (CHOICE + "on_submit:\n  - {move: core_group}\n", 15, "needs 'date'"),
    (CHOICE + "on_submit:\n  - {move: core_group, date: decision}\n", 15, "not a date field"),
    (CHOICE + "on_submit:\n  - {move: closure, date: visited_on, set: {closure_reason: RC0}}\n",
     15, "'RC0' is not a value closure_reason can hold"),
    (CHOICE + "on_submit:\n  - {set: {plan_category: zzz}}\n", 15,
     "'zzz' is not a value plan_category can hold"),
    (GOOD.replace("version: 1", "version: 99999999999999999999"), 1,
     "version must be a whole number from 1 to 1,000,000"),
    # A refusal names real questions and options, and says why.
    (CHOICE + "refuse:\n  - {when: {decision: c}, reason: R}\n", 15,
     "'decision' has no option 'c'"),
    (CHOICE + "refuse:\n  - {when: {decision: a}, missing: nope, reason: R}\n", 15,
     "no field 'nope'"),
    (CHOICE + "refuse:\n  - {when: {decision: a}}\n", 15, "'reason' is required"),
    (CHOICE + "refuse:\n  - {when: {visited_on: a}, reason: R}\n", 15,
     "'when' needs a choice field"),
    (CHOICE + "on_submit:\n  - {move: closure, date: visited_on}\n", 15,
     "closes the case, so it sets closure_reason"),
    (CHOICE + "recorded_by: [queen]\n", 1, "unknown role 'queen'"),
    (CHOICE + "signed_off_by: [team_manager, conference_chair]\n", 1, "name one role"),
])
def test_forms_check_refuses_broken_moves_refusals_and_roles(tmp_path, text, line, words):
    root = write(tmp_path, "visit", text)
    with pytest.raises(DefinitionError) as error:
        load(root)
    assert words in str(error.value)
    assert error.value.line == line


def test_every_set_must_have_the_same_forms(tmp_path):
    write(tmp_path, "visit", GOOD)
    (tmp_path / "legacy").mkdir()
    with pytest.raises(DefinitionError, match="has no form 'visit'"):
        load(tmp_path)


def test_forms_check_command(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(forms_command, ["check"])
    assert ok.exit_code == 0 and "valid" in ok.output
    shutil.copytree(FORMS_DIR, tmp_path / "forms")
    broken = tmp_path / "forms" / "streamlined" / "visit.yaml"
    broken.write_text(broken.read_text().replace("kind: people", "kind: crowd"))
    bad = runner.invoke(forms_command, ["check", str(tmp_path / "forms")])
    assert bad.exit_code == 1
    assert "visit.yaml:" in bad.output and "unknown kind 'crowd'" in bad.output
    assert len(bad.output.strip().splitlines()) == 1


def test_the_app_refuses_to_start_with_a_broken_definition(tmp_path, monkeypatch):
    from sandbox import create_app
    from sandbox.forms import definitions

    write(tmp_path, "visit", GOOD.replace("kind: date", "kind: colour"))
    monkeypatch.setattr(definitions, "FORMS_DIR", tmp_path)
    monkeypatch.setattr(definitions.load, "__defaults__", (tmp_path,))
    with pytest.raises(DefinitionError, match="unknown kind"):
        create_app("test")
