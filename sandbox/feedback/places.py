"""What feedback and change requests are about, in plain words: the form set, the form's
title and the question as the version itself words them, never internal keys."""

from dataclasses import dataclass

from sandbox.recording.service import registry


@dataclass(frozen=True)
class Place:
    title: str  # "Section 47 enquiry: “What does the child say?”"
    detail: str = ""  # "Streamlined forms"
    href: str = ""


def set_title(version_set: str) -> str:
    if version_set.startswith("draft-"):
        return f"Draft {version_set.removeprefix('draft-')}"
    return f"{version_set.replace('_', ' ').capitalize()} forms"


def field_label(form, key: str) -> str | None:
    """A question's wording, a question inside a repeating group's too ("group.field" or
    the field's own key)."""
    group, _, inner = key.partition(".")
    found = form.field(group)
    if found is not None and not inner:
        return found.label
    for top in form.fields:
        for sub in top.fields:
            if sub.key == (inner or key) and (not inner or top.key == group):
                return f"{top.label}: {sub.label}"
    return None


def of_target(target: str, kind: str = "") -> Place:
    """A feedback item's or request's target ("streamlined/section47_enquiry/child_voice",
    a page's path, a scenario, or the group's own words) in plain words."""
    if kind in ("page", "scenario", "guide", "other") or "/" not in target or \
            target.startswith("/"):
        return Place(target or "No page recorded")
    version_set, _, rest = target.partition("/")
    form_key, _, field_key = rest.partition("/")
    form = registry().form(version_set, form_key)
    if form is None:
        return Place(target)
    if not field_key:
        return Place(form.title, set_title(version_set))
    label = field_label(form, field_key)
    return Place(f"{form.title}: “{label}”" if label else f"{form.title}: a question no "
                 "longer on the form", set_title(version_set))


def of_item(item) -> Place:
    if item.form_key:
        return of_target(item.target, "field" if item.field_key else "form")
    return of_target(item.target, "page")


def init_app(app):
    app.add_template_global(of_target, "place_of")
    app.add_template_global(of_item, "place_of_item")


def form_choices() -> list[tuple[str, str]]:
    """Every form of every shipped set, as "set/form" and its title."""
    return [(f"{version_set}/{form.key}", f"{form.title} ({set_title(version_set)})")
            for version_set in registry().version_sets
            for form in registry().forms(version_set)]


def question_choices(version_set: str, form_key: str) -> list[tuple[str, str]]:
    """The form's questions in order, those inside a repeating group as "group.field"."""
    form = registry().form(version_set, form_key)
    if form is None:
        return []
    found = []
    for top in form.fields:
        found.append((top.key, top.label))
        found += [(f"{top.key}.{sub.key}", f"{top.label}: {sub.label}") for sub in top.fields]
    return found
