"""Tours and learning paths as data: the shipped files check out, and `tours check` names
each problem as file:line: problem, exit 1."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sandbox.tours.cli import tours as tours_command
from sandbox.tours.definitions import MAX_STEPS, PAGES, TOURS_DIR, anchors_marked, load

GOOD = """\
key: tiny
title: Tiny
summary: A tiny tour.
audience: [trainee]
minutes: 2
pages: [families, child]
steps:
  - page: families
    anchor: families-list
    title: Open a record
    text: Choose a child.
    advance: open
    open: child
  - page: child
    anchor: record-forms
    title: Forms
    text: The forms.
"""


def test_the_shipped_tours_and_paths_are_valid_short_and_anchored_to_marked_elements():
    library = load()
    assert library.problems == []
    assert {"childs-record", "forms", "chronology", "scenario-panel", "feedback",
            "trainer-session", "floor-note"} <= set(library.tours)
    assert {"new-social-worker", "manager", "business-support"} <= set(library.paths)
    for tour in library.tours.values():
        assert len(tour.steps) <= MAX_STEPS
        for step in tour.steps:
            assert step.anchor in anchors_marked(PAGES[step.page].templates), step
            # Our word is "training copy": people never read "tenant".
            assert "tenant" not in (step.title + step.text).lower()
    # The slower path has more than the standard one.
    path = library.paths["new-social-worker"]
    assert len(path.items_for("guided")) > len(path.items_for("standard"))


def _check(tmp_path, text, name="tiny.yaml"):
    folder = tmp_path / "tours"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)
    return CliRunner().invoke(tours_command, ["check", str(folder)])


@pytest.mark.parametrize("text, line, words", [
    (GOOD.replace("anchor: families-list", "anchor: families-table"), 8,
     'no element marked data-tour="families-table" on the list of families'),
    (GOOD.replace("anchor: record-forms", "anchor: save-form"), 14,
     'no element marked data-tour="save-form" on a child\'s record'),
    (GOOD.replace("  - page: child\n", "  - page: attic\n"), 14, "page 'attic' is not one"),
    (GOOD.replace("pages: [families, child]", "pages: [families, child, attic]"), 1,
     "unknown page 'attic'"),
    (GOOD.replace("advance: open\n    open: child", "advance: dance"), 8,
     "advance 'dance' is not one of"),
    (GOOD.replace("    open: child\n", ""), 8, "'advance: open' needs 'open:'"),
    (GOOD.replace("audience: [trainee]", "audience: [everyone]"), 1,
     "audience 'everyone' is not one of"),
    (GOOD.replace("key: tiny", "key: small"), 1, "must match the file name"),
    (GOOD.replace("text: The forms.", "text: " + "word " * 70), 14, "keep it to 60"),
    (GOOD + "  - page: child\n    anchor: record-forms\n    title: T\n    text: T\n" * 11,
     1, "people stop finishing tours beyond about 12"),
    (GOOD.replace("pages: [families, child]", "pages: [families, child, form]"), 1,
     "page 'form' is listed but no step is on it"),
    (GOOD.replace("title: Forms", "title: [Forms"), 17, "not valid YAML"),
    (GOOD.replace("    title: Forms\n", ""), 14, "'title' is required"),
    (GOOD.replace("pages: [families, child]", "pages: [families, child, form]").replace(
        "  - page: families\n", "  - page: form\n").replace("families-list", "save-form"), 8,
     "a tour begins on a page it can open"),
])
def test_a_broken_tour_is_named_by_file_and_line(tmp_path, text, line, words):
    result = _check(tmp_path, text)
    assert result.exit_code == 1, result.output
    problem = result.output.strip()
    assert len(problem.splitlines()) == 1 and "Traceback" not in problem
    assert f"tiny.yaml:{line}: " in problem and words in problem, problem


def test_the_check_passes_a_good_tour_and_the_shipped_ones(tmp_path):
    result = _check(tmp_path, GOOD)
    assert result.exit_code == 0 and "1 tours" in result.output, result.output
    result = CliRunner().invoke(tours_command, ["check"])
    assert result.exit_code == 0 and "7 tours and 3 learning paths are valid" in result.output


def test_a_broken_learning_path_is_named_by_file_and_line(tmp_path, monkeypatch):
    from sandbox.tours import cli, definitions

    folder = tmp_path / "paths"
    shutil.copytree(definitions.PATHS_DIR, folder)
    (folder / "manager.yaml").write_text(
        "key: manager\ntitle: M\nsummary: S\nitems:\n  - tour: childs-record\n"
        "  - scenario: no-such-scenario\n  - tour: childs-record\n")
    monkeypatch.setattr(cli, "PATHS_DIR", folder)
    result = CliRunner().invoke(tours_command, ["check"])
    assert result.exit_code == 1
    assert "manager.yaml:6: item: no scenario called 'no-such-scenario'" in result.output
    (folder / "manager.yaml").write_text(
        "key: manager\ntitle: M\nsummary: S\nitems:\n  - tour: childs-record\n"
        "  - tour: childs-record\n")
    result = CliRunner().invoke(tours_command, ["check"])
    assert "manager.yaml:1: item 'tour:childs-record' is on the path twice" in result.output


def test_the_tours_folder_is_beside_the_scenarios():
    assert TOURS_DIR.parent.name == "scenarios"


def test_flask_tours_check_is_a_command_of_the_app(tmp_path):
    """The plugin command, as a person types it (it runs even if the app would not start)."""
    folder = tmp_path / "tours"
    folder.mkdir()
    (folder / "tiny.yaml").write_text(GOOD.replace("anchor: record-forms", "anchor: nowhere"))
    flask = Path(sys.executable).parent / "flask"
    done = subprocess.run([str(flask), "--app", "sandbox", "tours", "check", str(folder)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().endswith(
        'tiny.yaml:14: step: no element marked data-tour="nowhere" on a child\'s record (child)')
    assert "Traceback" not in done.stderr
