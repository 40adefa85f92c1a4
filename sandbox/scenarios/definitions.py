"""Scenario scripts: YAML files in scenarios/, loaded and checked against the forms.

A scenario names its audience, duration, learning outcomes, the form versions it works
in, where it starts (a kind of case in the trainee's tenant, or a saved snapshot) and its
steps. Each step has an instruction and practice guidance in Markdown, hints, links to
guides, and a check that is worked out from what the trainee actually recorded, or from
where they are. Problems are reported as `file:line: problem`.
"""

from dataclasses import dataclass, field
from pathlib import Path

from sandbox.casework import pathway
from sandbox.core.content_files import ROOT, FileProblem, MappingReader, read_yaml, stamp
from sandbox.forms.definitions import GUIDES_DIR, Registry
from sandbox.management import exercises, tools

SCENARIOS_DIR = ROOT / "scenarios"

# Pages a navigation step can ask the trainee to open, and the endpoint each one is.
PAGES = {
    "families": "cases.tenant_home",
    "family": "cases.family",
    "child": "cases.child",
    "chronology": "cases.chronology_entry",
    "case_note": "cases.case_note",
    "form": "cases.form",
    "form_history": "cases.form_history",
    "form_output": "cases.form_output",
    "person": "cases.person",
    "guide": "guides.show",
    "census": "census.census_page",
}
CHECKS = ("visited", "form_started", "form_submitted", "form_signed_off", "chronology_added",
          "stage", "census_clean", "audit")
# Who records a step. The social worker (practitioner) records most; a conference's
# decision is recorded by its chair, a manager's decision by the team manager. In a joint
# session each trainee holds a role; on their own, a trainee is told which seat they take.
ROLES = {"practitioner": "social worker", "team_manager": "team manager",
         "conference_chair": "conference chair",
         "independent_reviewing_officer": "independent reviewing officer"}


class ScenarioError(FileProblem):
    """A scenario that cannot be offered: `file:line: problem`."""


@dataclass(frozen=True)
class Check:
    kind: str
    page: str | None = None  # visited
    form: str | None = None  # form_started, form_submitted
    # version -> {field: option value, or a list of them}. A choice field holds the value;
    # a choices field holds each; "group.field" means some row of a repeating group does.
    answers: dict = field(default_factory=dict)
    filled: dict = field(default_factory=dict)  # version -> [fields with an answer]
    # version -> [person/people fields, or groups with a person field]: someone chosen
    # there is in the child's safety network.
    in_network: dict = field(default_factory=dict)
    chronology_kind: str | None = None
    stage: str | None = None
    audit_tool: str | None = None  # audit: a case file audit with this tool finds the gaps


@dataclass(frozen=True)
class Step:
    title: str
    instruction: str
    guidance: str
    hints: tuple[str, ...]
    guides: tuple[str, ...]
    check: Check
    session: int = 1
    line: int = 0
    role: str = "practitioner"


@dataclass(frozen=True)
class Scenario:
    key: str
    title: str
    audience: str
    minutes: int
    outcomes: tuple[str, ...]
    versions: tuple[str, ...]
    start_case: dict  # {stage, concern}: the first case in the tenant that matches
    start_snapshot: str | None
    steps: tuple[Step, ...]
    path: Path
    # Gaps planted in the case's record when the scenario starts, for a case file audit
    # to find (sandbox.management.exercises; the answer key is never shown).
    start_gaps: tuple[str, ...] = ()

    @property
    def sessions(self) -> int:
        return max(s.session for s in self.steps)


def answer_field(definition, key: str):
    """The field an `answers` key names: "field", or "group.field" inside a repeat."""
    group, _, sub = key.partition(".")
    found = definition.field(group)
    if sub:
        return next((s for s in found.fields if s.key == sub), None) if found else None
    return found


class _Reader(MappingReader):
    error = ScenarioError

    def __init__(self, path: Path, forms: Registry):
        super().__init__(path)
        self.forms = forms

    def guide(self, node, name):
        if not (GUIDES_DIR / f"{name}.md").exists():
            self.fail(node, f"no guide called '{name}' in guides/")
        return name

    def per_version(self, node, raw, versions, what) -> dict:
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.fail(node, f"{what} must map each form version to its fields")
        out = {k: v for k, v in raw.items() if k != "__line__"}
        for version in versions:
            if version not in out:
                self.fail(node, f"{what}: say what it means in the {version} forms")
        return out

    def check(self, node, versions) -> Check:
        c = self.mapping(node, "check", (*CHECKS, "answers", "filled", "in_network"), ())
        kinds = [k for k in CHECKS if k in c]
        if len(kinds) != 1:
            self.fail(c, f"check: give exactly one of {', '.join(CHECKS)}")
        kind = kinds[0]
        if kind == "visited":
            if c["visited"] not in PAGES:
                self.fail(c, f"check: unknown page '{c['visited']}' (pages: {', '.join(PAGES)})")
            return Check(kind, page=c["visited"])
        if kind == "chronology_added":
            if c["chronology_added"] not in pathway.CHRONOLOGY_KINDS:
                self.fail(c, f"check: unknown chronology type '{c['chronology_added']}'")
            return Check(kind, chronology_kind=c["chronology_added"])
        if kind == "census_clean":
            if c["census_clean"] is not True:
                self.fail(c, "check: census_clean takes true (the child's census record has "
                             "no errors)")
            return Check(kind)
        if kind == "audit":
            if tools.tool(c["audit"]) is None:
                self.fail(c, f"check: no audit tool '{c['audit']}' in audits/")
            return Check(kind, audit_tool=c["audit"])
        if kind == "stage":
            if c["stage"] not in pathway.STAGE_BY_KEY:
                self.fail(c, f"check: unknown stage '{c['stage']}'")
            return Check(kind, stage=c["stage"])
        form = c[kind]
        answers = self.per_version(c, c.get("answers"), versions, "answers")
        filled = self.per_version(c, c.get("filled"), versions, "filled")
        naming = self.per_version(c, c.get("in_network"), versions, "in_network")
        if kind == "form_started" and (answers or naming):
            self.fail(c, "check: a form that is only started has no answers to check yet")
        for version in versions:
            definition = self.forms.form(version, form)
            if definition is None:
                self.fail(c, f"check: no form '{form}' in the {version} set")
            for key, value in (answers.get(version) or {}).items():
                if key == "__line__":
                    continue
                f = answer_field(definition, key)
                if f is None:
                    self.fail(c, f"check: no field '{key}' in {version} {form}")
                values = value if isinstance(value, list) else [value]
                if f.kind == "choice" and isinstance(value, list) and "." not in key:
                    self.fail(c, f"check: '{key}' in {version} {form} holds one option")
                if f.kind not in ("choice", "choices") or not values or not {
                        str(v) for v in values} <= {o.value for o in f.options}:
                    self.fail(c, f"check: '{key}' in {version} {form} can never be "
                                 f"'{value}' (it can be: "
                                 f"{', '.join(o.value for o in f.options) or 'free text'})")
            for key in filled.get(version) or []:
                if definition.field(key) is None:
                    self.fail(c, f"check: no field '{key}' in {version} {form}")
            for key in naming.get(version) or []:
                f = definition.field(key)
                if f is None or not (f.kind in ("person", "people") or any(
                        s.kind in ("person", "people") for s in f.fields)):
                    self.fail(c, f"check: in_network needs a field of people in {version} "
                                 f"{form}, not '{key}'")
        text = lambda x: [str(v) for v in x] if isinstance(x, list) else str(x)  # noqa: E731
        clean = lambda d: {v: ({k: text(x) for k, x in m.items() if k != "__line__"}  # noqa: E731
                               if isinstance(m, dict) else list(m)) for v, m in d.items()}
        return Check(kind, form=form, answers=clean(answers), filled=clean(filled),
                     in_network=clean(naming))

    def step(self, node, versions) -> Step:
        s = self.mapping(node, "step", ("title", "instruction", "guidance", "hints", "guides",
                                     "check", "session", "role"), ("title", "instruction",
                                                                   "check"))
        role = s.get("role", "practitioner")
        if role not in ROLES:
            self.fail(s, f"step: unknown role '{role}' (roles: {', '.join(ROLES)})")
        hints = s.get("hints") or []
        if not isinstance(hints, list) or not all(isinstance(h, str) for h in hints):
            self.fail(s, "step: hints must be a list of text")
        guides = tuple(self.guide(s, g) for g in (s.get("guides") or []))
        session = s.get("session", 1)
        if not isinstance(session, int) or session < 1:
            self.fail(s, "step: session must be a whole number from 1")
        check = self.check(s["check"], versions)
        self.whose(s, check, role, versions)
        return Step(title=s["title"], instruction=s["instruction"],
                    guidance=s.get("guidance") or "", hints=tuple(hints), guides=guides,
                    check=check, session=session,
                    line=s["__line__"], role=role)

    def whose(self, node, check: Check, role: str, versions) -> None:
        """A step is given to the part that records (or signs off) its form, so that in a
        joint session the trainee holding that part is the one told to do it."""
        for version in versions if check.form else ():
            definition = self.forms.form(version, check.form)
            if check.kind == "form_submitted" and definition.recorded_by:
                wanted = definition.recorded_by
            elif check.kind == "form_signed_off":
                wanted = (definition.signed_off_by or pathway.TEAM_MANAGER,)
            else:
                continue
            if role not in wanted:
                self.fail(node, f"step: the {' or '.join(ROLES[w] for w in wanted)} "
                                f"{'signs off' if check.kind == 'form_signed_off' else 'records'}"
                                f" the {version} {check.form}; give the step "
                                f"'role: {wanted[0]}'")

    def scenario(self, node) -> Scenario:
        d = self.mapping(node, "scenario", ("key", "title", "audience", "minutes", "outcomes",
                                         "versions", "start", "steps"),
                      ("key", "title", "audience", "minutes", "outcomes", "versions", "start",
                       "steps"))
        versions = tuple(d["versions"]) if isinstance(d["versions"], list) else ()
        for version in versions:
            if version not in self.forms.version_sets:
                self.fail(d, f"unknown form version '{version}'")
        if not versions:
            self.fail(d, "versions must list the form versions this scenario works in")
        if not isinstance(d["minutes"], int) or d["minutes"] < 1:
            self.fail(d, "minutes must be a whole number")
        start = self.mapping(d["start"], "start", ("case", "snapshot", "gaps"), ())
        gaps = start.get("gaps") or []
        if not isinstance(gaps, list) or any(gap not in exercises.GAPS for gap in gaps):
            self.fail(start, f"start: gaps are a list of: {', '.join(exercises.GAPS)}")
        case = start.get("case") or {}
        if case:
            self.mapping(case, "start case", ("stage", "concern"), ("stage",))
            if case["stage"] not in pathway.STAGE_BY_KEY:
                self.fail(case, f"start: unknown stage '{case['stage']}'")
            if case.get("concern") and case["concern"] not in pathway.CONCERNS:
                self.fail(case, f"start: unknown concern '{case['concern']}'")
        elif not start.get("snapshot"):
            self.fail(start, "start: give a 'case' (stage, concern) or a 'snapshot' label")
        if not isinstance(d["steps"], list) or not d["steps"]:
            self.fail(d, "steps must be a list")
        steps = tuple(self.step(s, versions) for s in d["steps"])
        return Scenario(key=d["key"], title=d["title"], audience=d["audience"],
                        minutes=d["minutes"], outcomes=tuple(d["outcomes"]), versions=versions,
                        start_case={k: v for k, v in case.items() if k != "__line__"},
                        start_snapshot=start.get("snapshot"), steps=steps, path=self.path,
                        start_gaps=tuple(gaps))


def load_file(path: Path, forms: Registry) -> Scenario:
    raw = read_yaml(path, ScenarioError)
    scenario = _Reader(path, forms).scenario(raw)
    if scenario.key != path.stem:
        raise ScenarioError(path, raw.get("__line__"), f"key '{scenario.key}' must match the "
                                                       "file name")
    return scenario


@dataclass
class Library:
    scenarios: dict[str, Scenario]
    problems: list[ScenarioError]


_loaded: dict[tuple, Library] = {}


def load(forms: Registry, root: Path = SCENARIOS_DIR) -> Library:
    """Every scenario that checks out; broken ones are kept aside with their problem.

    Kept while the files (and the form definitions) are unchanged.
    """
    key = (str(root), stamp(root), id(forms))
    if key not in _loaded:
        _loaded[key] = _load(forms, root)
    return _loaded[key]


def _load(forms: Registry, root: Path) -> Library:
    scenarios, problems = {}, []
    for path in sorted(root.glob("*.yaml")):
        try:
            scenario = load_file(path, forms)
        except ScenarioError as problem:
            problems.append(problem)
        else:
            scenarios[scenario.key] = scenario
    return Library(scenarios, problems)
