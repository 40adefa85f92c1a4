"""Audit tools as data: the shipped tool is sound, and a broken file is named by file and
line with what is wrong, never a traceback."""

import pytest

from sandbox.forms import definitions
from sandbox.management import tools

SHIPPED = tools.TOOLS_DIR / "case-file.yaml"


def test_the_shipped_tool_grades_with_the_four_judgements_and_names_real_forms():
    tool = tools.read_tool(SHIPPED)
    assert [g.key for g in tool.grades] == list(tools.GRADES)
    assert all(g.guidance for g in tool.grades)
    forms = {d.key for d in definitions.load().forms("streamlined")}
    assert all(q.text and q.guidance for q in tool.questions)
    assert all(q.form in forms for q in tool.questions if q.form), [
        q.form for q in tool.questions if q.form not in forms]


BROKEN = [
    ("grades in another order", lambda t: t.replace("- key: outstanding", "- key: excellent"),
     "grades must be, in order: outstanding, good, requires_improvement, inadequate"),
    ("no questions", lambda t: t[:t.index("questions:")] + "questions: []\n",
     "questions: give at least one"),
    ("a question twice", lambda t: t.replace("- key: visits", "- key: child_voice"),
     "questions: each key once"),
    ("a question without its text",
     lambda t: t.replace("text: Have the child's visits", "txt: Have the child's visits"),
     "question: 'text' is required (text)"),
    ("a grade without guidance", lambda t: t.replace("    guidance: >\n      The child is safe",
                                                     "    advice: >\n      The child is safe"),
     "grade: 'guidance' is required (text)"),
    ("not a mapping", lambda t: "- just a list\n", "an audit tool is a mapping"),
]


@pytest.mark.parametrize("change, problem", [(c, p) for _n, c, p in BROKEN],
                         ids=[n for n, _c, _p in BROKEN])
def test_a_broken_tool_is_named_by_file_and_line(tmp_path, change, problem):
    path = tmp_path / "tool.yaml"
    path.write_text(change(SHIPPED.read_text()))
    with pytest.raises(tools.ToolError) as raised:
        tools.read_tool(path)
    message = str(raised.value)
    assert problem in message
    where, line, _rest = message.split(":", 2)
    assert where.endswith("tool.yaml") and line.isdigit() and "\n" not in message
