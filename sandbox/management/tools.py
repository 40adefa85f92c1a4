"""Audit tools as data (audits/*.yaml): the questions an auditor answers about a child's
record and the grades, each with its guidance. Read with line numbers, so a broken file
is reported as `file:line: problem`."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sandbox.core.content_files import ROOT, FileProblem, read_yaml

TOOLS_DIR = ROOT / "audits"
# The inspectorate's four judgements, best first: every tool grades with all of them.
GRADES = ("outstanding", "good", "requires_improvement", "inadequate")
ANSWERS = {"met": "Yes", "partly": "Partly", "not_met": "No"}


class ToolError(FileProblem):
    """An audit tool that cannot be used: `file:line: problem`."""


@dataclass(frozen=True)
class Grade:
    key: str
    label: str
    guidance: str


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    guidance: str
    form: str  # the form the question is mostly about ("" for the record as a whole)


@dataclass(frozen=True)
class Tool:
    key: str
    title: str
    purpose: str
    grades: tuple[Grade, ...]
    questions: tuple[Question, ...]

    def grade(self, key: str) -> Grade | None:
        return next((g for g in self.grades if g.key == key), None)


def _text(path, node, key, where) -> str:
    value = node.get(key) if isinstance(node, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise ToolError(path, node.get("__line__") if isinstance(node, dict) else None,
                        f"{where}: '{key}' is required (text)")
    return value.strip()


def read_tool(path: Path) -> Tool:
    data = read_yaml(path, ToolError)
    if not isinstance(data, dict):
        raise ToolError(path, None, "an audit tool is a mapping with key, title, grades "
                                    "and questions")
    grades = data.get("grades")
    if not isinstance(grades, list) or [g.get("key") if isinstance(g, dict) else None
                                        for g in grades] != list(GRADES):
        raise ToolError(path, data["__line__"], "grades must be, in order: "
                                                + ", ".join(GRADES))
    questions = data.get("questions")
    if not isinstance(questions, list) or not questions:
        raise ToolError(path, data["__line__"], "questions: give at least one")
    keys = [q.get("key") if isinstance(q, dict) else None for q in questions]
    if len(set(keys)) != len(keys):
        raise ToolError(path, data["__line__"], "questions: each key once")
    return Tool(
        key=_text(path, data, "key", "tool"), title=_text(path, data, "title", "tool"),
        purpose=str(data.get("purpose") or "").strip(),
        grades=tuple(Grade(g["key"], _text(path, g, "label", "grade"),
                           _text(path, g, "guidance", "grade")) for g in grades),
        questions=tuple(Question(_text(path, q, "key", "question"),
                                 _text(path, q, "text", "question"),
                                 str(q.get("guidance") or "").strip(),
                                 str(q.get("form") or "")) for q in questions))


@cache
def tools() -> dict[str, Tool]:
    found = [read_tool(p) for p in sorted(TOOLS_DIR.glob("*.yaml"))]
    return {t.key: t for t in found}


def tool(key: str) -> Tool | None:
    return tools().get(key)
