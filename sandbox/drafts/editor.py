"""Changing a draft question by question: the common changes (wording, hint, whether it
must be answered, options, adding, removing and moving a question, the questions of a
repeating group), each made on the definition's data and written back as its text.

The text box and these changes edit the same draft: each change reads the text as it is
now, changes one thing and writes the whole text again in the layout the shipped forms
use (comments written in the text are not kept). What the change would break is said in
plain words before anything is written; the whole text is then checked as a file is.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sandbox.core.content_files import FileProblem, read_yaml
from sandbox.core.errors import ServiceError
from sandbox.forms.definitions import KINDS

MAX_LABEL = 300
MAX_HINT = 1000
MAX_OPTIONS = 60
# The kinds a question can be added as here, in words a practitioner would use.
ADDABLE = {
    "text": "A short answer (a line of text)",
    "longtext": "A longer answer (a paragraph or more)",
    "date": "A date",
    "choice": "One answer from a list",
    "choices": "Any answers from a list",
    "person": "One person from the family",
    "people": "People from the family",
    "scale": "A number from 0 to 10 (a scaling question)",
    "repeat": "A repeating group (rows of questions, as many as needed)",
}
ADDABLE_IN_GROUP = {k: v for k, v in ADDABLE.items() if k != "repeat"}


class EditError(ServiceError):
    """A change that cannot be made; `field` names the box it belongs to."""


@dataclass
class Question:
    address: str  # "key", or "group.key" inside a repeating group
    key: str
    kind: str
    label: str
    hint: str = ""
    required: bool = False
    options: list[tuple[str, str]] = field(default_factory=list)
    fields: list["Question"] = field(default_factory=list)
    section: int = 0
    group: str = ""

    @property
    def kind_label(self) -> str:
        return ADDABLE.get(self.kind, KINDS.get(self.kind, self.kind))

    @property
    def has_options(self) -> bool:
        return self.kind in ("choice", "choices")


@dataclass
class SectionView:
    number: int
    title: str
    shared: str  # the shared section it uses (legacy forms), edited in the text only
    questions: list[Question]


# --- reading and writing the text ------------------------------------------------------


def _plain(node):
    """The data without the lines the reader marks each mapping with."""
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items() if k != "__line__"}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def load(source: str) -> dict:
    # Read as every definition is (no anchors or aliases, sane characters).
    try:
        data = _plain(read_yaml(Path("draft"), FileProblem, source))
    except FileProblem:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise EditError("The draft's text has a problem, so it cannot be changed question "
                        "by question: put it right in the text box first")
    return data


class _Flow(dict):
    """An option, written on one line as the shipped forms write them."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)  # lists indented under their key


_Dumper.add_representer(_Flow, lambda dumper, data: dumper.represent_mapping(
    "tag:yaml.org,2002:map", data.items(), flow_style=True))


def _text_style(dumper, data: str):
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _text_style)


def _flowed(node):
    if isinstance(node, dict):
        if set(node) == {"value", "label"}:
            return _Flow(node)
        return {k: _flowed(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_flowed(v) for v in node]
    return node


def dump(data: dict) -> str:
    return yaml.dump(_flowed(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=100, default_flow_style=False)


# --- what the draft holds --------------------------------------------------------------


def _question(raw: dict, section: int, group: str = "") -> Question:
    options = []
    for option in raw.get("options") or []:
        if isinstance(option, dict):
            options.append((str(option.get("value")), str(option.get("label", ""))))
        else:
            options.append((str(option), str(option)))
    key = str(raw.get("key", ""))
    return Question(address=f"{group}.{key}" if group else key, key=key,
                    kind=str(raw.get("kind", "")), label=str(raw.get("label", "")),
                    hint=str(raw.get("hint") or ""), required=raw.get("required") is True,
                    options=options, section=section, group=group,
                    fields=[_question(f, section, key) for f in raw.get("fields") or []
                            if isinstance(f, dict)] if raw.get("kind") == "repeat" else [])


def outline(source: str, shared: dict | None = None) -> list[SectionView]:
    """The draft's sections and questions, in order. A shared section (`use:`) shows the
    questions of the set's shared section, `shared` (name -> Section), to read only."""
    sections = []
    for number, raw in enumerate(load(source)["sections"]):
        if isinstance(raw, dict) and "use" in raw:
            found = (shared or {}).get(raw["use"])
            questions = [Question(address="", key=f.key, kind=f.kind, label=f.label,
                                  hint=f.hint, required=f.required, section=number)
                         for f in (found.fields if found else ())]
            sections.append(SectionView(number, found.title if found else str(raw["use"]),
                                        str(raw["use"]), questions))
            continue
        fields = raw.get("fields") if isinstance(raw, dict) else None
        sections.append(SectionView(number, str(raw.get("title", "")) if isinstance(
            raw, dict) else "", "", [_question(f, number) for f in fields or []
                                     if isinstance(f, dict)]))
    return sections


def find(source: str, address: str) -> Question | None:
    for section in outline(source):
        for question in section.questions:
            if question.address == address and not section.shared:
                return question
            for inner in question.fields:
                if inner.address == address:
                    return inner
    return None


def _locate(data: dict, address: str) -> tuple[list, int]:
    """The list holding the question at `address`, and its place in that list."""
    group, _, key = address.rpartition(".")
    for section in data["sections"]:
        if not isinstance(section, dict) or "use" in section:
            continue
        fields = section.get("fields") or []
        for n, raw in enumerate(fields):
            if not isinstance(raw, dict):
                continue
            if not group and raw.get("key") == key:
                return fields, n
            if group and raw.get("key") == group:
                inner = raw.get("fields") or []
                for m, sub in enumerate(inner):
                    if isinstance(sub, dict) and sub.get("key") == key:
                        return inner, m
    raise EditError("That question is no longer in the draft: someone may have removed it")


# --- what else in the form depends on a question or an answer --------------------------


def _named_by_submit(data: dict) -> set[str]:
    """The questions what submitting does names: its conditions, dates, values, notes."""
    named = set()
    for rule in data.get("on_submit") or []:
        if not isinstance(rule, dict):
            continue
        named |= set(map(str, rule.get("when") or {}))
        named |= {str(rule["date"])} if rule.get("date") else set()
        for part in ("dates", "values"):
            named |= set(map(str, (rule.get(part) or {}).values()))
        note = rule.get("note")
        named |= set(map(str, note.get("body") or [])) if isinstance(note, dict) else set()
    return named


def _named_by_refusals(data: dict) -> set[str]:
    named = set()
    for rule in data.get("refuse") or []:
        if isinstance(rule, dict):
            named |= set(map(str, rule.get("when") or {}))
            named |= {str(rule[k]) for k in ("missing", "given", "field") if rule.get(k)}
    return named


def _used_by_rules(data: dict, key: str) -> str | None:
    """Why the question cannot go: what submitting the form does, or a contradiction the
    form refuses, names it; or another question is filled in from it."""
    if key in _named_by_submit(data):
        return ("What happens when the form is submitted depends on this question (where the "
                "child goes next, a date on the case or a case note), so it cannot be removed "
                "here. Ask whoever looks after the forms to change that first")
    if key in _named_by_refusals(data):
        return ("The form checks this question's answer against another one when it is "
                "submitted, so it cannot be removed here. Change that check in the text first")
    for section in data["sections"]:
        for raw in (section.get("fields") or []) if isinstance(section, dict) else []:
            for prefill in (raw.get("prefill") or []) if isinstance(raw, dict) else []:
                if isinstance(prefill, dict) and prefill.get("field") == key and \
                        not prefill.get("form"):
                    return (f"“{raw.get('label')}” is filled in from this question, so it "
                            "cannot be removed here")
    return None


def _option_decides(data: dict, key: str, value: str) -> bool:
    for rule in [*(data.get("on_submit") or []), *(data.get("refuse") or [])]:
        when = rule.get("when") if isinstance(rule, dict) else None
        if isinstance(when, dict) and key in when:
            values = when[key] if isinstance(when[key], list) else [when[key]]
            if value in map(str, values):
                return True
    return False


# --- the changes -----------------------------------------------------------------------


def _words(value, what: str, box: str, limit: int, needed: bool = True) -> str:
    value = " ".join((value or "").split())
    if needed and not value:
        raise EditError(f"Enter {what}", box)
    if len(value) > limit:
        raise EditError(f"Keep {what} to {limit} characters", box)
    return value


def _new_key(label: str, taken: set[str]) -> str:
    """A key made from the wording (never shown; earlier answers line up by it)."""
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40].strip("_") or "question"
    if not base[0].isalpha():
        base = f"q_{base}"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}_{n}"
    return key


def _option_value(label: str, taken: set[str]) -> str:
    return _new_key(label, taken)


def reword(source: str, address: str, label: str, hint: str, required: bool) -> str:
    data = load(source)
    fields, n = _locate(data, address)
    raw = fields[n]
    raw["label"] = _words(label, "the question", "label", MAX_LABEL)
    hint = " ".join((hint or "").split())
    if len(hint) > MAX_HINT:
        raise EditError(f"Keep the hint to {MAX_HINT} characters", "hint")
    if hint:
        raw["hint"] = hint
    else:
        raw.pop("hint", None)
    if required:
        raw["required"] = True
    else:
        raw.pop("required", None)
    return dump(data)


def change_options(source: str, address: str, labels: dict[str, str], remove: set[str],
                   add: str) -> str:
    """Reword options (value -> new label), remove some, add one (at the end)."""
    data = load(source)
    fields, n = _locate(data, address)
    raw = fields[n]
    if raw.get("kind") not in ("choice", "choices"):
        raise EditError("Only a question with a list of answers has options", "add_option")
    key = str(raw.get("key"))
    options = []
    for n, option in enumerate(raw.get("options") or []):
        value, label = ((str(option.get("value")), option.get("label")) if isinstance(
            option, dict) else (str(option), option))
        if value in remove:
            if _option_decides(data, key, value):
                raise EditError(f"“{label}” decides what happens when the form is submitted "
                                "(where the child goes next), so it cannot be removed here",
                                f"opt_{n}")
            continue
        if value in labels:
            label = _words(labels[value], "the answer's wording", f"opt_{n}", MAX_LABEL)
        options.append({"value": value, "label": label})
    add = " ".join((add or "").split())
    if add:
        if len(add) > MAX_LABEL:
            raise EditError(f"Keep the answer to {MAX_LABEL} characters", "add_option")
        if add.lower() in {str(o["label"]).lower() for o in options}:
            raise EditError(f"“{add}” is already an answer", "add_option")
        options.append({"value": _option_value(add, {o["value"] for o in options}),
                        "label": add})
    if not options:
        raise EditError("Keep at least one answer: a question with a list needs one",
                        "add_option")
    if len(options) > MAX_OPTIONS:
        raise EditError(f"A list can hold at most {MAX_OPTIONS} answers", "add_option")
    raw["options"] = options
    return dump(data)


def add_question(source: str, section: int, group: str, after: str, kind: str, label: str,
                 hint: str, required: bool, options: str) -> tuple[str, str]:
    """A new question in a section (or a repeating group), after `after` (a key) or at
    the end. The text, and the new question's address."""
    data = load(source)
    allowed = ADDABLE_IN_GROUP if group else ADDABLE
    if kind not in allowed:
        raise EditError("Choose what kind of answer the question takes", "kind")
    label = _words(label, "the question", "label", MAX_LABEL)
    hint = _words(hint, "the hint", "hint", MAX_HINT, needed=False)
    if group:
        fields, n = _locate(data, group)
        if fields[n].get("kind") != "repeat":
            raise EditError("Questions are added to a repeating group only", "label")
        target = fields[n].setdefault("fields", [])
    else:
        sections = data["sections"]
        if not 0 <= section < len(sections) or not isinstance(sections[section], dict) \
                or "use" in sections[section]:
            raise EditError("Choose a section of this draft to add the question to", "label")
        target = sections[section].setdefault("fields", [])
    taken = {str(f.get("key")) for f in target if isinstance(f, dict)}
    if not group:
        taken |= {str(f.get("key")) for s in data["sections"] if isinstance(s, dict)
                  for f in s.get("fields") or [] if isinstance(f, dict)}
    raw: dict = {"key": _new_key(label, taken), "kind": kind, "label": label}
    if hint:
        raw["hint"] = hint
    if required:
        raw["required"] = True
    if kind in ("choice", "choices"):
        lines = [" ".join(line.split()) for line in (options or "").splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            raise EditError("Write the answers to choose from, one on each line", "options")
        if len(lines) > MAX_OPTIONS:
            raise EditError(f"A list can hold at most {MAX_OPTIONS} answers", "options")
        if len({line.lower() for line in lines}) != len(lines):
            raise EditError("Two answers have the same words: make each one different",
                            "options")
        made: list[dict] = []
        for line in lines:
            if len(line) > MAX_LABEL:
                raise EditError(f"Keep each answer to {MAX_LABEL} characters", "options")
            made.append({"value": _option_value(line, {o["value"] for o in made}),
                         "label": line})
        raw["options"] = made
    if kind == "repeat":
        # A group needs a question of its own to start with; more are added to it after.
        raw["fields"] = [{"key": "details", "kind": "text", "label": "Details"}]
    place = len(target)
    if after:
        keys = [str(f.get("key")) for f in target if isinstance(f, dict)]
        if after not in keys:
            raise EditError("Choose where the question goes from the list", "after")
        place = keys.index(after) + 1
    target.insert(place, raw)
    return dump(data), f"{group}.{raw['key']}" if group else raw["key"]


def remove_question(source: str, address: str) -> str:
    data = load(source)
    fields, n = _locate(data, address)
    key = str(fields[n].get("key"))
    if "." not in address:  # a group's own questions are not named by the rules
        reason = _used_by_rules(data, key)
        if reason:
            raise EditError(reason, "remove")
    if len(fields) == 1:
        raise EditError("This is the only question here: a section or repeating group "
                        "needs at least one. Add another first", "remove")
    del fields[n]
    return dump(data)


def move_question(source: str, address: str, direction: str) -> str:
    """One place up or down; past the top or bottom of a section, into the next section
    along (a question in a repeating group stays in its group)."""
    if direction not in ("up", "down"):
        raise EditError("Choose to move it up or down", "move")
    data = load(source)
    fields, n = _locate(data, address)
    step = -1 if direction == "up" else 1
    if 0 <= n + step < len(fields):
        fields[n], fields[n + step] = fields[n + step], fields[n]
        return dump(data)
    if "." in address:
        raise EditError(f"It is already the {'first' if step < 0 else 'last'} question in "
                        "its group", "move")
    sections = data["sections"]
    here = next(i for i, s in enumerate(sections)
                if isinstance(s, dict) and s.get("fields") is fields)
    there = here + step
    while 0 <= there < len(sections) and (not isinstance(sections[there], dict)
                                          or "use" in sections[there]):
        there += step  # shared sections are not changed here
    if not 0 <= there < len(sections):
        raise EditError(f"It is already the {'first' if step < 0 else 'last'} question on "
                        "the form", "move")
    if len(fields) == 1:
        raise EditError("It is the only question in its section: a section needs at least "
                        "one", "move")
    moving = fields.pop(n)
    target = sections[there].setdefault("fields", [])
    target.insert(len(target) if step < 0 else 0, moving)
    return dump(data)
