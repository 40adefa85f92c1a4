"""Content kept as YAML files beside the code (forms, scenarios): reading them with line
numbers, and reporting a problem as `file:line: problem`."""

from pathlib import Path

import yaml

from sandbox.core.errors import ServiceError
from sandbox.core.received import control_character

ROOT = Path(__file__).resolve().parent.parent.parent


class FileProblem(ServiceError):
    def __init__(self, path: Path, line: int | None, problem: str):
        self.path, self.line, self.problem = path, line, problem
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        super().__init__(f"{where}:{line or 1}: {problem}")


MAX_DEPTH = 30  # levels of nesting; the deepest shipped file has about 10
TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep: no form or scenario needs that many"


class _NotAllowed(yaml.MarkedYAMLError):
    """Valid YAML that this service does not read."""


# libyaml's parser where it is installed (PyYAML's wheels have it): reading every form and
# scenario at start-up takes a tenth of the time pure Python does.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse_what_is_not_allowed(text: str) -> None:
    """Anchors and aliases are refused before anything is built: a large section referred
    to thousands of times would otherwise expand to gigabytes. So is nesting deeper than
    MAX_DEPTH: lists in mappings in lists, thousands deep, would exhaust the stack of
    whatever reads the result."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _NotAllowed(problem="anchors and aliases (&name, *name) are not allowed: "
                                      "write each part out in full",
                              problem_mark=event.start_mark)
        if isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.NodeEvent) and depth + 1 > MAX_DEPTH:
            raise _NotAllowed(problem=TOO_DEEP, problem_mark=event.start_mark)
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1


class _LineLoader(_Loader):
    """Keeps each mapping's line number under the key '__line__', and refuses a control
    character written as an escape ("\\0"): it could never be stored."""

    def construct_scalar(self, node):
        value = super().construct_scalar(node)
        if isinstance(value, str) and control_character(value) is not None:
            raise _NotAllowed(problem="a control character (such as \\0) is not allowed in "
                                      "text", problem_mark=node.start_mark)
        return value

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def read_yaml(path: Path, error=FileProblem, text: str | None = None):
    """The file's YAML (or `text`, named `path`), every mapping carrying its line; `error`
    for text that is not YAML."""
    try:
        if text is None:
            text = path.read_text(encoding="utf-8")
        _refuse_what_is_not_allowed(text)
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506
    except _NotAllowed as problem:
        raise error(path, problem.problem_mark.line + 1, problem.problem) from None
    except yaml.MarkedYAMLError as problem:
        mark = problem.problem_mark or problem.context_mark
        if "nesting depth" in (problem.problem or ""):  # libyaml's own limit, met first
            raise error(path, mark.line + 1 if mark else None, TOO_DEEP) from None
        raise error(path, mark.line + 1 if mark else None,
                    f"not valid YAML: {problem.problem}") from None
    except yaml.reader.ReaderError as problem:  # a character YAML does not allow
        line = text[:problem.position].count("\n") + 1 if text else None
        raise error(path, line, f"not valid YAML: character {problem.character!r} is not "
                                "allowed") from None
    except UnicodeDecodeError:
        raise error(path, None, "not UTF-8 text") from None


def stamp(root: Path, pattern: str = "*.yaml") -> tuple:
    """What the files look like now: a different stamp means something changed."""
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in root.rglob(pattern)))


class MappingReader:
    """Reads one file's mappings, failing with `file:line: problem` as `error`."""

    error = FileProblem

    def __init__(self, path: Path):
        self.path = path

    def fail(self, node, problem: str):
        raise self.error(self.path, node.get("__line__") if isinstance(node, dict) else None,
                         problem)

    def mapping(self, node, what: str, allowed, required) -> dict:
        """`node` as a mapping with only `allowed` keys and every `required` one filled."""
        if not isinstance(node, dict):
            raise self.error(self.path, None, f"{what} must be a mapping of names to values")
        unknown = sorted(set(node) - set(allowed) - {"__line__"})
        if unknown:
            self.fail(node, f"{what}: unknown key '{unknown[0]}' (allowed: "
                            f"{', '.join(sorted(allowed))})")
        missing = [k for k in required if node.get(k) in (None, "", [])]
        if missing:
            self.fail(node, f"{what}: '{missing[0]}' is required")
        return node
