"""Statutory coverage: for every item a council must record (forms/statutory.yaml), the
questions of each version set that capture it (`statutory:` on a question)."""

from dataclasses import dataclass

from sandbox.forms.definitions import Field, FormDef, Statutory, StatutoryItem


@dataclass(frozen=True)
class Asked:
    form: FormDef
    field: Field


@dataclass(frozen=True)
class Coverage:
    item: StatutoryItem
    asked: dict[str, list[Asked]]  # version set -> questions (empty: not asked)


def coverage(statutory: Statutory, sets: dict[str, list[FormDef]]) -> list[tuple[str, list]]:
    """For each form in forms/statutory.yaml, in order: its title and, for each of its
    items, where each set asks it. A question in a legacy shared section counts for a form
    only if that form lists its item."""
    found = []
    for form_key, items in statutory.items.items():
        rows = []
        for item in items:
            rows.append(Coverage(item, {
                name: [Asked(form, f) for form in forms if form.key == form_key
                       for top in form.fields for f in (top, *top.fields)
                       if item.key in f.statutory]
                for name, forms in sets.items()}))
        found.append((statutory.forms[form_key], rows))
    return found


def missing(found: list[tuple[str, list]], version_set: str) -> list[Coverage]:
    """Items a version set does not ask and the system does not record itself."""
    return [c for _, rows in found for c in rows
            if not c.asked.get(version_set) and not c.item.system]
