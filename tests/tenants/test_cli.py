import json

import pytest


def test_tenant_commands_from_create_to_delete(cli, tmp_path):
    created = json.loads(cli("tenant", "create", "--name", "cli-room", "--seed", "3",
                             "--families", "4", "--json"))
    assert created["families"] == 4
    assert json.loads(cli("tenant", "list", "--json"))[0]["name"] == "cli-room"
    first = cli("tenant", "export", "cli-room")
    assert json.loads(cli("tenant", "reset", "cli-room", "--json"))["last_reset_at"]
    assert cli("tenant", "export", "cli-room") == first
    cli("tenant", "snapshot", "cli-room", "--label", "start")
    cli("tenant", "create", "--name", "seat-1", "--from-snapshot", "start")
    path = tmp_path / "room.json"
    path.write_text(first)
    imported = json.loads(cli("tenant", "import", str(path), "--name", "copy", "--json"))
    assert imported["name"] == "copy"
    exported = json.loads(cli("tenant", "export", "copy"))
    assert exported["tables"] == json.loads(first)["tables"]
    moved = json.loads(cli("tenant", "reset", "cli-room", "--to-today", "--json"))
    assert moved["anchor"] == json.loads(first)["tenant"]["anchor"]  # made today
    undated = json.loads(first)
    del undated["tenant"]["anchor"]  # an export from before anchors
    path.write_text(json.dumps(undated))
    cli("tenant", "import", str(path), "--name", "undated")
    refused = cli("tenant", "reset", "undated", "--to-today", code=1)
    assert "cannot be moved to today" in refused and len(refused.strip().splitlines()) == 1
    assert "Deleted 'cli-room'" in cli("tenant", "delete", "cli-room")


@pytest.mark.parametrize("args, words", [
    (("tenant", "reset", "ghost"), "No tenant called 'ghost'"),
    (("tenant", "delete", "ghost"), "No tenant called 'ghost'"),
    (("tenant", "export", "ghost"), "No tenant called 'ghost'"),
    (("tenant", "snapshot", "ghost", "--label", "x"), "No tenant called 'ghost'"),
    (("tenant", "create", "--name", "x", "--families", "-5"), "between 1 and"),
    (("tenant", "create", "--name", "Bad Name", "--families", "2"), "lower-case"),
    (("tenant", "create", "--name", "x", "--from-snapshot", "nope"), "No snapshot"),
])
def test_bad_values_give_one_line_and_exit_1(cli, assert_one_line, args, words):
    output = cli(*args, code=1)
    assert words in output
    assert_one_line(output)


def test_bad_import_files_give_one_line_a_problem(cli, tmp_path, assert_one_line):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    output = cli("tenant", "import", str(broken), code=1)
    assert "not valid JSON" in output
    assert_one_line(output)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"format": "case-recording-sandbox/tenant", "version": 1,
                                 "tenant": {"name": "w"}, "tables": {"people": [{"id": 0}]}}))
    lines = cli("tenant", "import", str(wrong), code=1).strip().splitlines()
    assert lines[0] == "Error: The file cannot be imported: it has 8 problems"
    assert lines[1] == ("table people, row 1: id: expected a positive whole number, got 0")
    assert len(lines) == 7 and lines[-1] == "and 3 more problems"
    assert "No tenants." in cli("tenant", "list")


def test_usage_errors_exit_2(cli):
    cli("tenant", "create", "--name", "x", "--families", "many", code=2)
    cli("tenant", "create", "--name", "x", code=2)


def test_duplicate_name(cli, assert_one_line):
    cli("tenant", "create", "--name", "dup", "--families", "1")
    output = cli("tenant", "create", "--name", "dup", "--families", "1", code=1)
    assert "already exists" in output
    assert_one_line(output)


def test_demo_data_and_init_db_run_twice(cli):
    cli("init-db")
    first = json.loads(cli("demo-data", "--json"))
    assert {row["role"] for row in first} >= {"administrator", "trainee"}
    cli("demo-data")
    cli("init-db")
