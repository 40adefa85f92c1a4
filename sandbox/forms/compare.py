"""Two versions of a form side by side: which questions were added, removed, changed or
moved.

Questions are matched by their key. A kept question is "changed" when what the person
sees or must do differs (wording, hint, kind, whether it is required, its options), and
"moved" when it changed section or its place among the kept questions: the fewest kept
questions that must be picked up and put elsewhere to turn one order into the other.
"""

from bisect import bisect_left
from dataclasses import dataclass

from sandbox.forms.definitions import Field, FormDef

ADDED, REMOVED, CHANGED, MOVED = "added", "removed", "changed", "moved"
LABELS = {ADDED: "Added", REMOVED: "Removed", CHANGED: "Changed", MOVED: "Moved"}
_ASPECTS = (("label", "wording"), ("hint", "hint"), ("kind", "kind of answer"),
            ("required", "whether it must be answered"), ("options", "options"))


@dataclass(frozen=True)
class Difference:
    kind: str
    key: str
    label: str  # the question as the newer version words it (older, if removed)
    detail: str = ""

    @property
    def kind_label(self) -> str:
        return LABELS[self.kind]


@dataclass(frozen=True)
class Comparison:
    older: FormDef
    newer: FormDef
    differences: tuple[Difference, ...]

    def count(self, kind: str) -> int:
        return sum(d.kind == kind for d in self.differences)

    @property
    def unchanged(self) -> int:
        touched = {d.key for d in self.differences}
        return sum(f.key not in touched for f in self.newer.fields
                   if self.older.field(f.key) is not None)


def _placed(form: FormDef) -> dict[str, tuple[int, str]]:
    """Each question's position and section title."""
    return {f.key: (i, s.title) for i, (s, f) in
            enumerate((s, f) for s in form.sections for f in s.fields)}


def _kept_in_place(sequence: list[int]) -> set[int]:
    """Indexes of a longest increasing run (not necessarily adjacent) of `sequence`."""
    tails, tail_at, previous = [], [], [-1] * len(sequence)
    for i, value in enumerate(sequence):
        j = bisect_left(tails, value)
        if j == len(tails):
            tails.append(value)
            tail_at.append(i)
        else:
            tails[j], tail_at[j] = value, i
        previous[i] = tail_at[j - 1] if j else -1
    kept, i = set(), tail_at[-1] if tail_at else -1
    while i >= 0:
        kept.add(i)
        i = previous[i]
    return kept


def _changes(old: Field, new: Field) -> list[str]:
    found = []
    for attribute, words in _ASPECTS:
        if attribute == "options":
            if [(o.value, o.label) for o in old.options] != \
                    [(o.value, o.label) for o in new.options]:
                found.append(words)
        elif getattr(old, attribute) != getattr(new, attribute):
            found.append(words)
    if old.kind == new.kind == "repeat" and \
            [f.key for f in old.fields] != [f.key for f in new.fields]:
        found.append("questions in the group")
    return found


def compare(older: FormDef, newer: FormDef) -> Comparison:
    before, after = _placed(older), _placed(newer)
    differences = []
    kept = [f for f in newer.fields if f.key in before]
    in_place = _kept_in_place([before[f.key][0] for f in kept])
    for i, f in enumerate(kept):
        changed = _changes(older.field(f.key), f)
        if changed:
            differences.append(Difference(CHANGED, f.key, f.label, ", ".join(changed)))
        old_section, new_section = before[f.key][1], after[f.key][1]
        if old_section != new_section:
            differences.append(Difference(MOVED, f.key, f.label,
                                          f"from '{old_section}' to '{new_section}'"))
        elif i not in in_place:
            differences.append(Difference(MOVED, f.key, f.label,
                                          f"to a new place in '{new_section}'"))
    differences += [Difference(ADDED, f.key, f.label, f"in '{after[f.key][1]}'")
                    for f in newer.fields if f.key not in before]
    differences += [Difference(REMOVED, f.key, f.label, f"was in '{before[f.key][1]}'")
                    for f in older.fields if f.key not in after]
    order = {ADDED: 0, REMOVED: 1, CHANGED: 2, MOVED: 3}
    differences.sort(key=lambda d: order[d.kind])
    return Comparison(older, newer, tuple(differences))
