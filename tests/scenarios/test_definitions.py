import shutil
import textwrap

import pytest
from click.testing import CliRunner

from sandbox.forms.definitions import load as load_forms
from sandbox.scenarios.cli import scenarios as scenarios_command
from sandbox.scenarios.definitions import SCENARIOS_DIR, ScenarioError, load, load_file

FORMS = load_forms()

GOOD = """\
key: tiny
title: Tiny
audience: Anyone
minutes: 5
outcomes: [Open a record]
versions: [streamlined]
start:
  case: {stage: contact}
steps:
  - title: Open the record
    instruction: Open it.
    check: {visited: child}
"""


def test_the_shipped_scenarios_are_all_valid():
    library = load(FORMS)
    assert library.problems == []
    assert len(library.scenarios) >= 7
    assert all(set(s.versions) == {"streamlined", "legacy"}
               for s in library.scenarios.values())
    assert library.scenarios["learning-case"].sessions == 3
    # The social worker never records a conference's decision: its chair does.
    for scenario in library.scenarios.values():
        for step in scenario.steps:
            if step.check.form in ("initial_conference", "review_conference"):
                assert step.role == "conference_chair", (scenario.key, step.title)
            if step.check.form == "core_group_review":
                assert step.check.in_network, (scenario.key, step.title)
    assert {"strategy-no-further-action", "early-help-step-up", "cin-plan-and-review"} <= set(
        library.scenarios)


@pytest.mark.parametrize("text, line, words", [
    (GOOD.replace("{visited: child}", "{visited: attic}"), 12, "unknown page 'attic'"),
    (GOOD.replace("{visited: child}", "{form_submitted: recipe}"), 12, "no form 'recipe'"),
    (GOOD.replace("{visited: child}",
                  "{form_submitted: strategy_discussion, answers: {streamlined: "
                  "{decision: maybe}}}"), 12, "can never be 'maybe'"),
    (GOOD.replace("{visited: child}",
                  "{form_submitted: strategy_discussion, filled: {streamlined: [colour]}}"),
     12, "no field 'colour'"),
    (GOOD.replace("{visited: child}",
                  "{form_submitted: strategy_discussion, answers: {legacy: "
                  "{strategy_outcome: s47}}}"), 12, "in the streamlined forms"),
    (GOOD + "    guides: [no-such-guide]\n", 10, "no guide called 'no-such-guide'"),
    (GOOD.replace("stage: contact", "stage: limbo"), 8, "unknown stage 'limbo'"),
    (GOOD.replace("minutes: 5", "minutes: soon"), 1, "minutes must be a whole number"),
    (GOOD.replace("{visited: child}", "{visited: child, stage: cp_plan}"), 12,
     "exactly one of"),
    (GOOD.replace("title: Tiny", "title: [oops"), 3, "not valid YAML"),
    (GOOD.replace("{visited: child}",
                  "{form_submitted: strategy_discussion, answers: {streamlined: "
                  "{attendees.agency: [police, dentist]}}}"), 12, "can never be"),
    (GOOD.replace("{visited: child}",
                  "{form_submitted: strategy_discussion, in_network: {streamlined: "
                  "[worries]}}"), 12, "in_network needs a field of people"),
    (GOOD.replace("{visited: child}",
                  "{form_submitted: strategy_discussion, answers: {streamlined: "
                  "{decision: [section47, assessment]}}}"), 12, "holds one option"),
    (GOOD.replace("    check:", "    role: judge\n    check:"), 10, "unknown role 'judge'"),
    (GOOD.replace("{visited: child}", "{audit: no-such-tool}"), 12,
     "no audit tool 'no-such-tool' in audits/"),
    (GOOD.replace("case: {stage: contact}", "case: {stage: contact}\n  gaps: [lost_file]"),
     8, "start: gaps are a list of: missed_visit"),
])
def test_a_broken_scenario_names_file_line_and_reason(tmp_path, text, line, words):
    path = tmp_path / "tiny.yaml"
    path.write_text(textwrap.dedent(text))
    with pytest.raises(ScenarioError) as error:
        load_file(path, FORMS)
    assert words in str(error.value)
    assert error.value.line == line


def test_check_command_reports_every_broken_file(tmp_path):
    shutil.copytree(SCENARIOS_DIR, tmp_path / "scenarios")
    folder = tmp_path / "scenarios"
    (folder / "tiny.yaml").write_text(GOOD.replace("{visited: child}", "{visited: attic}"))
    (folder / "other.yaml").write_text(GOOD.replace("key: tiny", "key: other")
                                       .replace("stage: contact", "stage: limbo"))
    result = CliRunner().invoke(scenarios_command, ["check", str(folder)])
    assert result.exit_code == 1
    output = result.output  # standard output and error together
    assert "tiny.yaml:12: check: unknown page 'attic'" in output
    assert "other.yaml:8: start: unknown stage 'limbo'" in output
    ok = CliRunner().invoke(scenarios_command, ["check"])
    assert ok.exit_code == 0 and "scenarios are valid" in ok.output


def test_a_broken_scenario_is_not_offered(tmp_path, monkeypatch):
    (tmp_path / "tiny.yaml").write_text(GOOD.replace("{visited: child}", "{visited: attic}"))
    library = load(FORMS, tmp_path)
    assert library.scenarios == {} and len(library.problems) == 1
