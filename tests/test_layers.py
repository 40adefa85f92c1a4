"""The layers of the code, read from every module's imports (`ast`, nothing is run).

- core (sandbox/core) imports no area and no web module;
- web (sandbox/web) imports only the core;
- casework (sandbox/casework) imports only the core;
- an area imports the core, web, casework, the seed generator, its own modules and other
  areas' public modules (PUBLIC below), never another area's insides;
- recording imports nothing of scenarios, time on forms or feedback: they listen to its
  signals (sandbox.core.signals);
- seed/ imports only casework and the form definitions;
- no two modules import each other, however indirectly (imports inside functions count).

The app itself (sandbox/__init__.py, sandbox/cli.py, sandbox/demo.py) stands on top and may
import anything. A new upward import fails here.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP = {"sandbox", "sandbox.cli", "sandbox.demo"}
LOWER = ("core", "web", "casework")

# What each area offers the others. Anything else in it is its own business.
PUBLIC = {
    "audit": {"log"},
    "auth": {"models", "session", "passwords", "webforms"},
    # views: the case pages' blueprint, to which recording adds the form pages.
    "cases": {"models", "records", "views"},
    # check: the census of a training copy, and whether one child's record is clean;
    # reporting and hotspots: what any DfE return made from the forms needs, and the
    # working group's hotspots of each (sandbox.ssda903 uses them).
    "census": {"check", "hotspots", "reporting"},
    "drafts": {"service"},
    "feedback": {"models", "queue", "review"},
    "forms": {"definitions", "answers", "compare", "coverage", "plain_language"},
    "guides": {"library"},
    "recording": {"models", "service"},
    "scenarios": {"models", "runner", "rooms"},
    "tenants": {"models", "service"},
    "timing": {"report"},
    "tours": set(),
    "ssda903": set(),
    "admin": set(),
    "main": set(),
    # exercises and tools: scenarios plant a case file audit's gaps and check them.
    "management": {"exercises", "tools"},
}


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in [*ROOT.glob("sandbox/**/*.py"), *ROOT.glob("seed/**/*.py")]
           if "static" not in p.parts}


def _imports(name: str) -> set[str]:
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[:len(package.split(".")) - node.level + 1],
                                 *([node.module] if node.module else [])])
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in MODULES else base)
    return {m for m in found if m in MODULES}


IMPORTS = {name: _imports(name) for name in MODULES}


def layer(name: str) -> str:
    parts = name.split(".")
    if parts[0] == "seed":
        return "seed"
    if name in TOP:
        return "app"
    return parts[1]


def _problems() -> list[str]:
    problems = []
    for name, imported in sorted(IMPORTS.items()):
        mine = layer(name)
        for other in sorted(imported):
            theirs = layer(other)
            if mine == "app" or theirs == mine:
                continue
            if mine == "core" or (mine in ("web", "casework") and theirs != "core"):
                problems.append(f"{name} ({mine}) imports {other}")
            elif mine == "seed" and theirs != "casework" and other != "sandbox.forms.definitions":
                problems.append(f"{name} (seed) imports {other}")
            elif mine not in LOWER and mine != "seed":
                if theirs in (*LOWER, "seed"):
                    continue
                if theirs == "app":
                    problems.append(f"{name} imports the app ({other})")
                elif mine == "recording" and theirs in ("scenarios", "timing", "feedback"):
                    problems.append(f"{name} (recording) imports {other}: send a signal")
                elif other.split(".")[2:3] and other.split(".")[2] not in PUBLIC.get(theirs, ()):
                    problems.append(f"{name} imports {other}, not public in {theirs}")
                elif not other.split(".")[2:3]:
                    problems.append(f"{name} imports the package {other}: name a module")
    return problems


def _cycles() -> list[list[str]]:
    """Each strongly connected group of modules (Tarjan), largest first."""
    index, low, stack, on, groups = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in IMPORTS[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(IMPORTS):
        if v not in index:
            visit(v)
    return sorted(groups, key=len, reverse=True)


def test_every_module_is_read():
    assert len(MODULES) > 100
    assert "sandbox.core.tenancy" in MODULES and "seed.generator" in MODULES
    assert "sandbox.core.extensions" in IMPORTS["sandbox.recording.service"]


def test_each_layer_imports_only_what_is_below_it():
    assert _problems() == []


def test_no_module_imports_itself_through_others():
    assert _cycles() == []


def test_an_upward_import_is_caught():
    IMPORTS["sandbox.core.clock"].add("sandbox.tenants.models")
    IMPORTS["sandbox.recording.views"].add("sandbox.timing.capture")
    try:
        problems = _problems()
    finally:
        IMPORTS["sandbox.core.clock"].discard("sandbox.tenants.models")
        IMPORTS["sandbox.recording.views"].discard("sandbox.timing.capture")
    assert "sandbox.core.clock (core) imports sandbox.tenants.models" in problems
    assert any(p.startswith("sandbox.recording.views (recording) imports sandbox.timing")
               for p in problems)
