"""Tours and learning paths as data: YAML files in scenarios/tours/ and scenarios/paths/.

A tour names its title, audience, the pages it uses and its steps. Each step sits on one
of those pages, anchored to an element the page's template marks for it
(`data-tour="save-form"`), never to a CSS path, so that a change to the page's markup
cannot silently lose the step. A step moves on when the person does the real thing
(`advance`: opens a page, clicks the element, saves or submits the form) or presses Next.

A learning path is an ordered set of tours and scenarios for one kind of new starter;
items marked `guided` are only on the slower path, with more guidance.

Problems are reported as `file:line: problem`, like the forms and scenarios.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from sandbox.core.content_files import ROOT, FileProblem, MappingReader, read_yaml, stamp

TOURS_DIR = ROOT / "scenarios" / "tours"
PATHS_DIR = ROOT / "scenarios" / "paths"
SCENARIOS_DIR = ROOT / "scenarios"
TEMPLATES = ROOT / "templates"


@dataclass(frozen=True)
class Page:
    endpoint: str
    label: str  # where it is, in the words of the page ("the child's record")
    templates: tuple[str, ...]  # where its anchors are marked (base.html for every page)
    tenant: bool = True  # inside a training copy
    # The same page under other endpoints: where its form is sent, and shown again when
    # the server refuses it (a POST re-renders the form with its errors).
    also: tuple[str, ...] = ()

    @property
    def endpoints(self) -> tuple[str, ...]:
        return (self.endpoint, *self.also)


# The pages a tour may use. A page's URL is the real one the person is on; the list
# without JavaScript links to the ones that need no record chosen first.
PAGES = {
    "families": Page("cases.tenant_home", "the list of families", ("cases/tenant_home.html",
                                                                   "scenarios/_panel.html")),
    # With a scenario under way, its panel is beside the record.
    "child": Page("cases.child", "a child's record", ("cases/child.html",
                                                      "scenarios/_panel.html")),
    "form": Page("cases.form", "a form on a child's record",
                 ("recording/edit.html", "recording/view.html"),
                 also=("cases.form_post", "cases.amend_form", "cases.amend_form_post")),
    "chronology_new": Page("cases.new_chronology_entry", "adding to the chronology",
                           ("cases/chronology_form.html",)),
    "scenarios": Page("scenarios.index", "the training scenarios", ("scenarios/index.html",)),
    "feedback": Page("feedback.new", "the feedback page", ("feedback/new.html",), False),
    "feedback_mine": Page("feedback.mine", "your feedback", ("feedback/mine.html",), False),
    "sessions": Page("sessions.index", "training sessions", ("sessions/index.html",), False),
    "session_new": Page("sessions.new", "setting up a session", ("sessions/new.html",), False),
    "session": Page("sessions.show", "a session's room", ("sessions/show.html",), False),
    "floor": Page("floor.index", "the rooms under way", ("floor/index.html",), False),
    "note": Page("feedback.note", "the quick note", ("feedback/note.html",), False),
}
BY_ENDPOINT = {endpoint: key for key, page in PAGES.items() for endpoint in page.endpoints}
# A tour begins on a page it can open by itself; the others need a record chosen first
# (a form, a session's room), which the tour's earlier steps lead to.
STARTING_PAGES = ("families", "child", "scenarios", "feedback", "feedback_mine", "sessions",
                  "session_new", "floor", "note")
# How a step moves on besides Next: the person opens a page (`open: PAGE`), clicks the
# highlighted element, or saves or submits the form it is on. `save` moves on once the
# server has accepted the form (it answered with a redirect), never on the press alone.
ADVANCES = ("next", "click", "open", "save", "submit")
# Who a tour is for: the person's role, and for trainees the kind of new starter.
AUDIENCES = {"trainee": "new starters", "trainer": "practice trainers",
             "floor_walker": "floor walkers", "working_group": "the working group",
             "administrator": "administrators"}
# Completion drops beyond about a dozen steps: a longer tour is better split in two.
MAX_STEPS = 12
MAX_WORDS = 60  # a step's text: read at a glance
PACES = {"standard": "Standard", "guided": "Slower, with more guidance"}
_ANCHOR = re.compile(r'data-tour="([a-z0-9-]+)"')
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class TourError(FileProblem):
    """A tour or path that cannot be offered: `file:line: problem`."""


@dataclass(frozen=True)
class Step:
    page: str
    anchor: str
    title: str
    text: str
    advance: str
    opens: str | None  # advance: open
    line: int


@dataclass(frozen=True)
class Tour:
    key: str
    title: str
    summary: str
    audience: tuple[str, ...]
    minutes: int
    pages: tuple[str, ...]
    steps: tuple[Step, ...]
    path: Path

    @property
    def in_tenant(self) -> bool:
        return any(PAGES[p].tenant for p in self.pages)


@dataclass(frozen=True)
class PathItem:
    kind: str  # tour, scenario
    key: str
    guided_only: bool
    guidance: str  # more, on the slower path
    line: int

    @property
    def ref(self) -> str:
        return f"{self.kind}:{self.key}"


@dataclass(frozen=True)
class LearningPath:
    key: str
    title: str
    summary: str
    items: tuple[PathItem, ...]
    path: Path

    def items_for(self, pace: str) -> tuple[PathItem, ...]:
        return tuple(i for i in self.items if pace == "guided" or not i.guided_only)


def anchors_marked(templates: tuple[str, ...]) -> set[str]:
    """The anchors the templates mark, with those of base.html (every page has them)."""
    found = set()
    for name in (*templates, "base.html"):
        path = TEMPLATES / name
        if path.exists():
            found.update(_ANCHOR.findall(path.read_text(encoding="utf-8")))
    return found


def _words(text: str) -> int:
    return len(text.split())


class _Reader(MappingReader):
    error = TourError

    def text(self, node, key, what) -> str:
        value = node.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(node, f"{what}: '{key}' must be text")
        return value.strip()

    def key(self, node):
        key = node.get("key")
        if not isinstance(key, str) or not _KEY.match(key) or key != self.path.stem:
            self.fail(node, f"key '{key}' must match the file name ({self.path.stem})")
        return key

    def step(self, node, pages) -> Step:
        s = self.mapping(node, "step", ("page", "anchor", "title", "text", "advance", "open"),
                         ("page", "anchor", "title", "text"))
        if s["page"] not in pages:
            self.fail(s, f"step: page '{s['page']}' is not one of the tour's pages "
                         f"({', '.join(pages)})")
        if not isinstance(s["anchor"], str) or s["anchor"] not in anchors_marked(
                PAGES[s["page"]].templates):
            self.fail(s, f"step: no element marked data-tour=\"{s['anchor']}\" on "
                         f"{PAGES[s['page']].label} ({s['page']})")
        advance = s.get("advance", "next")
        if advance not in ADVANCES:
            self.fail(s, f"step: advance '{advance}' is not one of {', '.join(ADVANCES)}")
        opens = s.get("open")
        if advance == "open":
            if opens not in PAGES:
                self.fail(s, f"step: 'advance: open' needs 'open:' one of {', '.join(PAGES)}")
        elif opens is not None:
            self.fail(s, "step: 'open' goes with 'advance: open'")
        text = self.text(s, "text", "step")
        if _words(text) > MAX_WORDS:
            self.fail(s, f"step: the text has {_words(text)} words; keep it to {MAX_WORDS} "
                         "so it reads at a glance")
        return Step(page=s["page"], anchor=s["anchor"], title=self.text(s, "title", "step"),
                    text=text, advance=advance, opens=opens, line=s["__line__"])

    def tour(self, node) -> Tour:
        d = self.mapping(node, "tour", ("key", "title", "summary", "audience", "minutes",
                                        "pages", "steps"),
                         ("key", "title", "summary", "audience", "minutes", "pages", "steps"))
        key = self.key(d)
        audience = d["audience"] if isinstance(d["audience"], list) else [d["audience"]]
        for who in audience:
            if who not in AUDIENCES:
                self.fail(d, f"audience '{who}' is not one of {', '.join(AUDIENCES)}")
        if not isinstance(d["minutes"], int) or not 1 <= d["minutes"] <= 30:
            self.fail(d, "minutes must be a whole number from 1 to 30")
        pages = d["pages"] if isinstance(d["pages"], list) else []
        if not pages:
            self.fail(d, "pages must list the pages the tour uses")
        for page in pages:
            if page not in PAGES:
                self.fail(d, f"unknown page '{page}' (pages: {', '.join(PAGES)})")
        if not isinstance(d["steps"], list):
            self.fail(d, "steps must be a list")
        if len(d["steps"]) > MAX_STEPS:
            self.fail(d, f"{len(d['steps'])} steps: people stop finishing tours beyond about "
                         f"{MAX_STEPS}; split it in two")
        steps = tuple(self.step(s, pages) for s in d["steps"])
        if steps and steps[0].page not in STARTING_PAGES:
            self.fail(d["steps"][0], f"step: a tour begins on a page it can open "
                                     f"({', '.join(STARTING_PAGES)}), not on '{steps[0].page}'")
        if not steps:
            self.fail(d, "steps must list the tour's steps")
        unused = [p for p in pages if p not in {s.page for s in steps}]
        if unused:
            self.fail(d, f"page '{unused[0]}' is listed but no step is on it")
        return Tour(key=key, title=self.text(d, "title", "tour"),
                    summary=self.text(d, "summary", "tour"), audience=tuple(audience),
                    minutes=d["minutes"], pages=tuple(pages), steps=steps, path=self.path)

    def learning_path(self, node, tours, scenarios) -> LearningPath:
        d = self.mapping(node, "path", ("key", "title", "summary", "items"),
                         ("key", "title", "summary", "items"))
        key = self.key(d)
        if not isinstance(d["items"], list):
            self.fail(d, "items must be a list")
        items = []
        for raw in d["items"]:
            i = self.mapping(raw, "item", ("tour", "scenario", "guided", "guidance"), ())
            kinds = [k for k in ("tour", "scenario") if k in i]
            if len(kinds) != 1:
                self.fail(i, "item: give exactly one of tour, scenario")
            kind = kinds[0]
            known = tours if kind == "tour" else scenarios
            if i[kind] not in known:
                self.fail(i, f"item: no {kind} called '{i[kind]}'")
            if not isinstance(i.get("guided", False), bool):
                self.fail(i, "item: guided is true or false")
            items.append(PathItem(kind, i[kind], i.get("guided", False),
                                  str(i.get("guidance") or "").strip(), i["__line__"]))
        refs = [item.ref for item in items]
        twice = next((r for r in refs if refs.count(r) > 1), None)
        if twice:
            self.fail(d, f"item '{twice}' is on the path twice")
        return LearningPath(key=key, title=self.text(d, "title", "path"),
                            summary=self.text(d, "summary", "path"), items=tuple(items),
                            path=self.path)


@dataclass
class Library:
    tours: dict[str, Tour]
    paths: dict[str, LearningPath]
    problems: list[TourError]


def _scenario_keys() -> set[str]:
    # Scenario files are named by their key (sandbox.scenarios.definitions checks it).
    return {p.stem for p in SCENARIOS_DIR.glob("*.yaml")}


def load_tours(root: Path = TOURS_DIR) -> tuple[dict[str, Tour], list[TourError]]:
    tours, problems = {}, []
    for path in sorted(root.glob("*.yaml")):
        try:
            tours[path.stem] = _Reader(path).tour(read_yaml(path, TourError))
        except TourError as problem:
            problems.append(problem)
    return tours, problems


def load_paths(tours, root: Path = PATHS_DIR) -> tuple[dict[str, LearningPath],
                                                       list[TourError]]:
    paths, problems = {}, []
    scenarios = _scenario_keys()
    for path in sorted(root.glob("*.yaml")):
        try:
            paths[path.stem] = _Reader(path).learning_path(read_yaml(path, TourError), tours,
                                                           scenarios)
        except TourError as problem:
            problems.append(problem)
    return paths, problems


_loaded: dict[tuple, Library] = {}


def load(tours_root: Path = TOURS_DIR, paths_root: Path = PATHS_DIR) -> Library:
    """Every tour and path that checks out; broken ones kept aside with their problem.
    Kept while the files (and the templates their anchors are in) are unchanged."""
    key = (str(tours_root), stamp(tours_root), str(paths_root), stamp(paths_root),
           stamp(TEMPLATES, "*.html"))
    if key not in _loaded:
        tours, problems = load_tours(tours_root)
        paths, more = load_paths(tours, paths_root)
        _loaded.clear()
        _loaded[key] = Library(tours, paths, problems + more)
    return _loaded[key]
