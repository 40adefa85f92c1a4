"""Form definitions: YAML files in forms/<version set>/, loaded and checked.

A definition names its sections and fields, each field's kind, whether it is required,
help text, a practice guide to link to, where its answer may be pre-filled from, and what
submitting the form does to the case's place on the pathway. Any problem is reported as
`file:line: problem`, and the app refuses to start with a broken definition.
"""

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from sandbox.casework import pathway
from sandbox.core import signals
from sandbox.core.content_files import ROOT, FileProblem, MappingReader, read_yaml, stamp

FORMS_DIR = ROOT / "forms"
GUIDES_DIR = ROOT / "guides"
STATUTORY_FILE = "statutory.yaml"
SHIPPED_STATUTORY = FORMS_DIR / STATUTORY_FILE

KINDS = {
    "text": "a line of text",
    "longtext": "a paragraph or more",
    "date": "a date",
    "choice": "one option from a list",
    "choices": "any options from a list",
    "person": "one person from the family",
    "people": "people from the family",
    "scale": "a number from 0 to 10",
    "repeat": "a group of fields, as many times as needed",
}
# Dates on a child's case that submitting a form may set.
MAX_NAME = 80
GUIDE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
CASE_DATES = ("referral_on", "assessment_started_on", "strategy_on", "section47_started_on",
              "initial_conference_on", "last_core_group_on", "last_review_on", "stepped_down_on",
              "plan_reviewed_on", "closed_on",
              # Looked-after children (sandbox.casework.pathway.looked_after_steps).
              "looked_after_on", "placement_on", "legal_status_on", "care_plan_on",
              "placement_plan_on",
              "first_lac_review_on", "last_lac_review_on", "last_lac_visit_on",
              "health_assessment_on", "pep_on", "pathway_plan_on")
# Case columns an answer may set (a list of choices is kept comma-separated), or a fixed
# value may (`set`).
CASE_VALUES = ("plan_category", "stepped_down_to", "closure_reason", "placement_long_term",
               "legal_status", "placement_type", "temporary_approval")
# The parts of the pathway a form belongs to, in order: the child's page lists the forms
# to start under these headings.
PARTS = ("Front door", "Early Help", "Assessment", "Child protection", "Children in need",
         "Looked after", "Any time", "Closure")
NOTE_KINDS = ("Case note", "Home visit", "Phone call", "School visit", "Direct work",
              "Management oversight", "Supervision")


class DefinitionError(FileProblem):
    """A form definition that cannot be used: `file:line: problem`."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Prefill:
    form: str | None  # copy from this form on the same case, or
    field: str
    sibling: bool = False  # from the same form on a brother's or sister's case
    line: int | None = None


@dataclass(frozen=True)
class Field:
    key: str
    kind: str
    label: str
    hint: str = ""
    required: bool = False
    options: tuple[Option, ...] = ()
    guide: str | None = None
    prefill: tuple[Prefill, ...] = ()
    family: bool = False  # the same for every child in the family: can be copied across
    not_future: bool = False
    fields: tuple["Field", ...] = ()  # for repeat
    sample: str | None = None  # what the generator writes here
    statutory: tuple[str, ...] = ()  # keys of the statutory items this question captures

    def option_label(self, value) -> str:
        return next((o.label for o in self.options if o.value == value), str(value))


@dataclass(frozen=True)
class StatutoryItem:
    """Something a council must record on a form (forms/statutory.yaml, from PRACTICE.md)."""

    form: str
    key: str
    label: str
    system: str = ""  # how the system records it when no question asks it


@dataclass(frozen=True)
class Statutory:
    forms: dict[str, str]  # form key -> what the form is, in words
    items: dict[str, tuple[StatutoryItem, ...]]  # form key -> its items, in order

    def keys(self, form: str) -> set[str]:
        return {i.key for i in self.items.get(form, ())}


@dataclass(frozen=True)
class Section:
    title: str
    intro: str
    fields: tuple[Field, ...]
    shared: bool = False  # from _sections.yaml: the child's details, a sign-off


@dataclass(frozen=True)
class Effect:
    """What submitting does to the case when `when` holds: each field has one of the
    values given (a value, or a list of them). `move` names the pathway transition
    (sandbox.casework.pathway.TRANSITIONS), `on` the date field it happened on (`date:` in YAML,
    where a bare `on` reads as true)."""

    when: dict  # field key -> tuple of values
    move: str | None
    on: str | None
    dates: dict  # case date column -> field key
    values: dict  # case column -> field key
    set: dict  # case column -> a fixed value
    note: dict | None  # make a case note: {kind, subject, body: [field keys]}

    @property
    def stage(self) -> str | None:
        return pathway.TRANSITIONS[self.move].to if self.move else None

    def matches(self, answers: dict) -> bool:
        return _holds(self.when, answers)


@dataclass(frozen=True)
class Refusal:
    """A contradiction refused on submit, next to `field`: when `when` holds and (if
    named) `missing` is unanswered or `given` is answered."""

    when: dict  # field key -> tuple of values
    missing: str | None
    given: str | None
    field: str
    reason: str

    def applies(self, answers: dict) -> bool:
        if not _holds(self.when, answers):
            return False
        if self.missing and not _empty(answers.get(self.missing)):
            return False
        return not (self.given and _empty(answers.get(self.given)))


def _empty(value) -> bool:
    return value in (None, "", [], {})


def _holds(when: dict, answers: dict) -> bool:
    """Each field's answer is one of the values (for a list of choices: any of them)."""
    for key, values in when.items():
        answer = answers.get(key)
        chosen = answer if isinstance(answer, list) else [answer]
        if not any(str(a) in values for a in chosen if a is not None):
            return False
    return True


@dataclass(frozen=True)
class FormDef:
    key: str
    version_set: str
    version: int
    title: str
    purpose: str
    order: int
    sections: tuple[Section, ...]
    effects: tuple[Effect, ...]
    path: Path = field(compare=False)
    refusals: tuple[Refusal, ...] = ()
    # The roles (sandbox.casework.pathway.CASE_ROLES) who may submit it, and who signs it off.
    recorded_by: tuple[str, ...] = ()  # empty: anyone who records forms
    signed_off_by: str | None = None
    part: str = "Any time"
    draft: bool = False  # a working group's draft next version, not a shipped file

    @property
    def fields(self) -> list[Field]:
        return [f for s in self.sections for f in s.fields]

    @property
    def day_fields(self) -> list[str]:
        """The questions that may give the day the form is about: its own date questions
        (a shared section's dates are the child's birth, or the day it was signed)."""
        return [f.key for s in self.sections if not s.shared for f in s.fields
                if f.kind == "date"]

    def field(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)

    @property
    def part_order(self) -> int:
        return PARTS.index(self.part)

    @property
    def field_count(self) -> int:
        return sum(len(f.fields) if f.kind == "repeat" else 1 for f in self.fields)


def _read(path: Path):
    return read_yaml(path, DefinitionError)


class _Reader(MappingReader):
    error = DefinitionError

    def __init__(self, path: Path, shared: dict, statutory: Statutory | None = None):
        super().__init__(path)
        self.shared = shared
        self.statutory = statutory if statutory is not None else load_statutory(
            SHIPPED_STATUTORY.parent)

    def name(self, node, key, what, required=False) -> str | None:
        """A name (of a kind, form, field, section, stage): one line of text, not a list
        or a mapping, which would fail later where it is looked up."""
        value = node.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not 0 < len(value) <= MAX_NAME or "\n" in value:
            self.fail(node, f"{what}: '{key}' must be a name (one line of text, up to "
                            f"{MAX_NAME} characters)")
        return value

    def table(self, node, key, what) -> dict:
        """A mapping of names to values (`when`, `dates`, `values`), or nothing."""
        value = node.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(node, f"{what}: '{key}' must be a mapping of names to values, not a "
                            "list or a single value")
        return {k: v for k, v in value.items() if k != "__line__"}

    def text(self, node, key, what, default=""):
        value = node.get(key, default)
        if not isinstance(value, str):
            self.fail(node, f"{what}: '{key}' must be text")
        return value.strip()

    def field(self, node, nested=False) -> Field:
        f = self.mapping(node, "field", {
            "key", "kind", "label", "hint", "required", "options", "guide", "prefill",
            "family", "not_future", "fields", "sample", "statutory"}, {"key", "kind", "label"})
        key = f["key"]
        if not isinstance(key, str) or not key.replace("_", "").isalnum() or not key.islower():
            self.fail(f, f"field key {key!r} must be lower-case letters, digits and _")
        kind = self.name(f, "kind", f"field '{key}'", required=True)
        if kind not in KINDS:
            self.fail(f, f"field '{key}': unknown kind '{kind}' (kinds: {', '.join(KINDS)})")
        options = ()
        if kind in ("choice", "choices"):
            raw = f.get("options")
            if not isinstance(raw, list) or not raw:
                self.fail(f, f"field '{key}': a {kind} field needs a list of options")
            options = tuple(self.option(o, f) for o in raw)
            values = [o.value for o in options]
            if len(values) != len(set(values)):
                self.fail(f, f"field '{key}': two options have the same value")
        elif "options" in f:
            self.fail(f, f"field '{key}': only choice fields have options")
        subfields = ()
        if kind == "repeat":
            if nested:
                self.fail(f, f"field '{key}': a repeating group cannot hold another")
            raw = f.get("fields")
            if not isinstance(raw, list) or not raw:
                self.fail(f, f"field '{key}': a repeating group needs its fields")
            subfields = tuple(self.field(s, nested=True) for s in raw)
            self.unique([s.key for s in subfields], f, f"group '{key}'")
        guide = f.get("guide")
        if guide is not None and (not isinstance(guide, str) or not GUIDE_NAME.match(guide)):
            self.fail(f, f"field '{key}': 'guide' must name a guide: lower-case letters, "
                         f"digits, - and _, up to {MAX_NAME} characters")
        if guide is not None and not (GUIDES_DIR / f"{guide}.md").exists():
            self.fail(f, f"field '{key}': no guide called '{guide}' in guides/")
        raw_prefill = f.get("prefill") or []
        if not isinstance(raw_prefill, list):
            self.fail(f, f"field '{key}': 'prefill' must be a list")
        prefill = tuple(self.prefill(p, f) for p in raw_prefill)
        for flag in ("required", "family", "not_future"):
            if not isinstance(f.get(flag, False), bool):
                self.fail(f, f"field '{key}': '{flag}' must be true or false")
        if f.get("not_future") and kind != "date":
            self.fail(f, f"field '{key}': not_future applies only to dates")
        return Field(key=key, kind=kind, label=self.text(f, "label", f"field '{key}'"),
                     hint=self.text(f, "hint", f"field '{key}'"),
                     required=f.get("required", False), options=options, guide=guide,
                     prefill=prefill, family=f.get("family", False),
                     not_future=f.get("not_future", False), fields=subfields,
                     sample=f.get("sample"), statutory=self.statutory_keys(f))

    def statutory_keys(self, f) -> tuple[str, ...]:
        raw = f.get("statutory")
        if raw is None:
            return ()
        keys = [raw] if isinstance(raw, str) else raw
        if not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
            self.fail(f, f"field '{f['key']}': 'statutory' names an item key, or a list of "
                         "them, from forms/statutory.yaml")
        return tuple(keys)

    def option(self, node, parent) -> Option:
        if isinstance(node, str):
            return Option(node, node)
        o = self.mapping(node, "option", {"value", "label"}, {"value", "label"})
        return Option(str(o["value"]), self.text(o, "label", "option"))

    def prefill(self, node, parent) -> Prefill:
        p = self.mapping(node, "prefill", {"form", "field", "sibling"}, {"field"})
        self.name(p, "form", "prefill")
        self.name(p, "field", "prefill", required=True)
        if not p.get("form") and not p.get("sibling"):
            self.fail(p, "prefill: name a 'form' to copy from, or set 'sibling: true'")
        return Prefill(form=p.get("form"), field=p["field"], sibling=bool(p.get("sibling")),
                       line=p["__line__"])

    def unique(self, keys, node, what):
        seen = set()
        for key in keys:
            if key in seen:
                self.fail(node, f"{what}: the field key '{key}' is used twice")
            seen.add(key)

    def when(self, node, what) -> dict:
        """Field keys to the answers that match: a value, or a list of them."""
        return {str(k): tuple(str(v) for v in (value if isinstance(value, list) else [value]))
                for k, value in self.table(node, "when", what).items()}

    def effect(self, node) -> Effect:
        e = self.mapping(node, "on_submit", {"when", "move", "date", "dates", "values", "set",
                                             "note"}, set())
        move = self.name(e, "move", "on_submit")
        if move is not None and move not in pathway.TRANSITIONS:
            self.fail(e, f"on_submit: unknown move '{move}' (moves: "
                         f"{', '.join(pathway.TRANSITIONS)})")
        on = self.name(e, "date", "on_submit")
        if move and not on:
            self.fail(e, f"on_submit: move '{move}' needs 'date', the date field it happened "
                         "on")
        dates = self.table(e, "dates", "on_submit")
        for column in dates:
            if column not in CASE_DATES:
                self.fail(e, f"on_submit: '{column}' is not a case date "
                             f"({', '.join(CASE_DATES)})")
        values = self.table(e, "values", "on_submit")
        fixed = {k: str(v) for k, v in self.table(e, "set", "on_submit").items()}
        for what in (dates, values):
            for column, field_key in what.items():
                if not isinstance(column, str) or not isinstance(field_key, str):
                    self.fail(e, "on_submit: dates and values name a case column and a field")
        for column in [*values, *fixed]:
            if column not in CASE_VALUES:
                self.fail(e, f"on_submit: '{column}' cannot be set ({', '.join(CASE_VALUES)})")
        for column, value in fixed.items():
            if column in CASE_VALUES and not pathway.case_value_allowed(column, value):
                self.fail(e, f"on_submit: '{value}' is not a value {column} can hold")
        gives_reason = "closure_reason" in fixed or "closure_reason" in values
        if move in pathway.REASON_FROM_PATHWAY and gives_reason:
            self.fail(e, f"on_submit: move '{move}' takes its closure_reason from the "
                         "pathway (sandbox.casework.pathway.closure_reason), so leave it out")
        if move and move not in pathway.REASON_FROM_PATHWAY and \
                pathway.TRANSITIONS[move].to == "closed" and not gives_reason:
            self.fail(e, f"on_submit: move '{move}' closes the case, so it sets closure_reason")
        note = e.get("note")
        if note is not None:
            note = self.mapping(note, "note", {"kind", "subject", "body"}, {"kind", "body"})
            if not isinstance(note["body"], list) or not all(
                    isinstance(k, str) for k in note["body"]):
                self.fail(note, "note: 'body' must be a list of field keys")
            if self.name(note, "kind", "note", required=True) not in NOTE_KINDS:
                self.fail(note, f"note: kind must be one of {', '.join(NOTE_KINDS)}")
            note = {"kind": note["kind"], "subject": note.get("subject"),
                    "body": list(note["body"]), "__line__": note["__line__"]}
        return Effect(when=self.when(e, "on_submit"), move=move, on=on, dates=dates,
                      values=values, set=fixed, note=note)

    def refusal(self, node) -> Refusal:
        r = self.mapping(node, "refuse", {"when", "missing", "given", "field", "reason"},
                         {"when", "reason"})
        when = self.when(r, "refuse")
        if not when:
            self.fail(r, "refuse: 'when' names the answers that cannot go together")
        missing, given = self.name(r, "missing", "refuse"), self.name(r, "given", "refuse")
        target = self.name(r, "field", "refuse") or missing or given or next(iter(when))
        return Refusal(when=when, missing=missing, given=given, field=target,
                       reason=self.text(r, "reason", "refuse"))

    def roles(self, node, key) -> tuple[str, ...]:
        raw = node.get(key)
        values = raw if isinstance(raw, list) else [] if raw is None else [raw]
        for role in values:
            if not isinstance(role, str) or role not in pathway.CASE_ROLES:
                self.fail(node, f"{key}: unknown role '{role}' (roles: "
                                f"{', '.join(pathway.CASE_ROLES)})")
        return tuple(values)

    def section(self, node) -> Section:
        if isinstance(node, dict) and "use" in node:
            use = self.name(self.mapping(node, "section", {"use"}, {"use"}), "use", "section",
                            required=True)
            if use not in self.shared:
                self.fail(node, f"no shared section called '{use}' in _sections.yaml")
            return self.shared[use]
        s = self.mapping(node, "section", {"title", "intro", "fields"}, {"title", "fields"})
        if not isinstance(s["fields"], list) or not s["fields"]:
            self.fail(s, f"section '{s['title']}' needs a list of fields")
        return Section(title=self.text(s, "title", "section"),
                       intro=self.text(s, "intro", "section"),
                       fields=tuple(self.field(f) for f in s["fields"]))

    def check_statutory(self, d, sections) -> None:
        """Each question's statutory items are items of this form in forms/statutory.yaml.

        A shared section is used by many forms: its questions may name an item of any form,
        and count only in the forms that list that item."""
        own = self.statutory.keys(d["key"])
        every = {k for form in self.statutory.items for k in self.statutory.keys(form)}
        shared = [id(s) for s in self.shared.values()]
        for section in sections:
            known = every if id(section) in shared else own
            for f in (f for top in section.fields for f in (top, *top.fields)):
                for key in f.statutory:
                    if key not in known:
                        self.fail(d, f"field '{f.key}': unknown statutory item '{key}' for "
                                     f"form '{d['key']}' (items: "
                                     f"{', '.join(sorted(known)) or 'none'})")

    def form(self, node, version_set: str) -> FormDef:
        d = self.mapping(node, "form", {"key", "title", "version", "purpose", "order",
                                        "part", "sections", "on_submit", "refuse",
                                        "recorded_by", "signed_off_by"},
                         {"key", "title", "version", "sections"})
        self.name(d, "key", "form", required=True)
        if not isinstance(d["version"], int) or isinstance(d["version"], bool) or \
                not 1 <= d["version"] <= 1_000_000:
            self.fail(d, "version must be a whole number from 1 to 1,000,000")
        order = d.get("order", 99)
        if not isinstance(order, int) or isinstance(order, bool):
            self.fail(d, "order must be a whole number (where the form comes in lists)")
        if not isinstance(d["sections"], list) or not d["sections"]:
            self.fail(d, "a form needs a list of sections")
        if d.get("part", "Any time") not in PARTS:
            self.fail(d, f"part must be one of: {', '.join(PARTS)}")
        sections = tuple(self.section(s) for s in d["sections"])
        self.unique([f.key for s in sections for f in s.fields], d, f"form '{d['key']}'")
        self.check_statutory(d, sections)
        effects = tuple(self.effect(e) for e in (d.get("on_submit") or []))
        refusals = tuple(self.refusal(r) for r in (d.get("refuse") or []))
        signed = self.roles(d, "signed_off_by")
        if len(signed) > 1:
            self.fail(d, "signed_off_by: name one role")
        form = FormDef(key=d["key"], version_set=version_set, version=d["version"],
                       title=self.text(d, "title", "form"),
                       purpose=self.text(d, "purpose", "form"), order=order,
                       sections=sections, effects=effects, path=self.path,
                       refusals=refusals, recorded_by=self.roles(d, "recorded_by"),
                       signed_off_by=signed[0] if signed else None,
                       part=d.get("part", "Any time"))
        for effect, raw in zip(effects, d.get("on_submit") or [], strict=True):
            self.check_when(form, effect.when, raw, "on_submit")
            for key in [*effect.dates.values(), *effect.values.values(),
                        *(effect.note or {}).get("body", []), *([effect.on] if effect.on else [])]:
                if form.field(key) is None:
                    self.fail(raw, f"on_submit: no field '{key}' in this form")
            for key in [*effect.dates.values(), *([effect.on] if effect.on else [])]:
                if form.field(key).kind != "date":
                    self.fail(raw, f"on_submit: '{key}' is not a date field")
        for refusal, raw in zip(refusals, d.get("refuse") or [], strict=True):
            self.check_when(form, refusal.when, raw, "refuse")
            for key in filter(None, (refusal.missing, refusal.given, refusal.field)):
                if form.field(key) is None:
                    self.fail(raw, f"refuse: no field '{key}' in this form")
        self.check_outcomes(form, d)
        return form

    def check_when(self, form: FormDef, when: dict, raw, what: str) -> None:
        for key, values in when.items():
            target = form.field(key)
            if target is None or target.kind not in ("choice", "choices"):
                self.fail(raw, f"{what}: 'when' needs a choice field, not '{key}'")
            for value in values:
                if value not in {o.value for o in target.options}:
                    self.fail(raw, f"{what}: '{key}' has no option '{value}'")

    def check_outcomes(self, form: FormDef, raw) -> None:
        """Every option of a field that decides a move has a move of its own (alone or
        with another field's answer), so no outcome leaves the child where they were."""
        deciding = {k for e in form.effects if e.move for k in e.when}
        for key in sorted(deciding):
            refused = {v for r in form.refusals if set(r.when) == {key} and not r.missing
                       and not r.given for v in r.when[key]}
            for option in form.field(key).options:
                if option.value in refused:
                    continue
                if not any(e.move and option.value in e.when.get(key, ())
                           for e in form.effects):
                    self.fail(raw, f"on_submit: the answer '{option.value}' to '{key}' "
                                   "moves the child nowhere; give it a move")


@dataclass
class Registry:
    sets: dict[str, dict[str, FormDef]]
    shared: dict[str, dict[str, Section]] = field(default_factory=dict)
    statutory: Statutory | None = None

    def set_of(self, version_set: str) -> dict[str, FormDef]:
        found = self.sets.get(version_set)
        if found is None:
            # A set that is not files: a draft next version of one form over its set.
            found = next((forms for _receiver, forms in signals.version_set_wanted.send(
                self, version_set=version_set) if forms), None)
        return found or {}

    def form(self, version_set: str, key: str) -> FormDef | None:
        return self.set_of(version_set).get(key)

    def forms(self, version_set: str) -> list[FormDef]:
        return sorted(self.set_of(version_set).values(), key=lambda f: (f.order, f.key))

    @property
    def version_sets(self) -> list[str]:
        return sorted(self.sets)

    def parse(self, text: str, version_set: str, name: str) -> FormDef:
        """A form definition written as `text` for `version_set`, checked as a file would
        be (shared sections and pre-fill sources from the set); problems as `name:line`."""
        path = Path(name)
        form = _Reader(path, self.shared.get(version_set, {}), self.statutory).form(
            read_yaml(path, DefinitionError, text), version_set)
        _check_across({version_set: {**self.sets.get(version_set, {}), form.key: form}})
        return form


_loaded: dict[tuple, Registry] = {}
_statutory_loaded: dict[tuple, Statutory] = {}


def load(root: Path = FORMS_DIR) -> Registry:
    """Every version set under `root`; raises DefinitionError at the first problem.

    Kept for as long as the files are unchanged, so each app (one per test) does not
    parse them again.
    """
    key = (str(root), stamp(root))
    if key not in _loaded:
        _loaded[key] = _load(root)
    return _loaded[key]


def load_statutory(root: Path) -> Statutory:
    """The statutory items of each form: root's statutory.yaml, or the shipped one."""
    path = root / STATUTORY_FILE
    if not path.exists():
        path = SHIPPED_STATUTORY
    key = (str(path), path.stat().st_mtime_ns, path.stat().st_size)
    if key not in _statutory_loaded:
        _statutory_loaded[key] = _read_statutory(path)
    return _statutory_loaded[key]


def _read_statutory(path: Path) -> Statutory:
    reader = MappingReader(path)
    reader.error = DefinitionError
    raw = _read(path)
    if not isinstance(raw, dict):
        raise DefinitionError(path, None, "must map form keys to their statutory items")
    forms, items = {}, {}
    for form_key, node in raw.items():
        if form_key == "__line__":
            continue
        entry = reader.mapping(node, f"statutory items of '{form_key}'", {"title", "items"},
                               {"title", "items"})
        if not isinstance(entry["items"], list):
            reader.fail(entry, f"'{form_key}': items must be a list")
        found = []
        for item in entry["items"]:
            i = reader.mapping(item, "statutory item", {"key", "label", "system"},
                               {"key", "label"})
            if i["key"] in {f.key for f in found}:
                reader.fail(i, f"'{form_key}': the item '{i['key']}' is listed twice")
            found.append(StatutoryItem(form_key, i["key"], str(i["label"]).strip(),
                                       str(i.get("system") or "").strip()))
        forms[form_key] = str(entry["title"]).strip()
        items[form_key] = tuple(found)
    return Statutory(forms, items)


def _load(root: Path) -> Registry:
    sets: dict[str, dict[str, FormDef]] = {}
    shared_sets: dict[str, dict[str, Section]] = {}
    statutory = load_statutory(root)
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        shared_path = folder / "_sections.yaml"
        shared = {}
        if shared_path.exists():
            reader = _Reader(shared_path, {}, statutory)
            raw = _read(shared_path)
            if not isinstance(raw, dict):
                raise DefinitionError(shared_path, None, "must map section names to sections")
            shared = {k: dataclasses.replace(reader.section(v), shared=True)
                      for k, v in raw.items() if k != "__line__"}
        forms = {}
        for path in sorted(folder.glob("*.yaml")):
            if path.name.startswith("_"):
                continue
            reader = _Reader(path, shared, statutory)
            form = reader.form(_read(path), folder.name)
            if form.key != path.stem:
                raise DefinitionError(path, None, f"key '{form.key}' must match the file name")
            forms[form.key] = form
        sets[folder.name] = forms
        shared_sets[folder.name] = shared
    _check_across(sets)
    return Registry(sets, shared_sets, statutory)


def _check_across(sets: dict[str, dict[str, FormDef]]) -> None:
    """Pre-fill sources exist, and every version set has the same forms."""
    for forms in sets.values():
        for form in forms.values():
            for f in form.fields:
                for p in f.prefill:
                    source = forms.get(p.form) if p.form else form
                    if source is None:
                        raise DefinitionError(form.path, p.line,
                                              f"field '{f.key}': prefill from unknown form "
                                              f"'{p.form}'")
                    if source.field(p.field) is None:
                        raise DefinitionError(form.path, p.line,
                                              f"field '{f.key}': prefill from unknown field "
                                              f"'{p.field}' of '{source.key}'")
    keys = {name: set(forms) for name, forms in sets.items()}
    if len({frozenset(k) for k in keys.values()}) > 1:
        union = set().union(*keys.values())
        for name, have in keys.items():
            if union - have:
                missing = sorted(union - have)[0]
                raise DefinitionError(FORMS_DIR / name, None,
                                      f"version set '{name}' has no form '{missing}'")
