"""Where a note is about, chosen from the system's own list of places: the pages of a
training copy, and each form and question of a form version. A note that names its place
from this list has the same target (sandbox.feedback.models.FeedbackItem.target) as every
other note about that place, so the queue groups them (sandbox.feedback.queue.similar).
(How a target reads in plain words is another matter: the working group's pages.)"""

from sandbox.recording.service import registry

# What people call each page (by its endpoint). "Feedback on this page" names its page
# the same way (sandbox.feedback.views.feedback_url), so both kinds of note meet.
PAGES = {
    "cases.tenant_home": "The list of families",
    "cases.family": "A family's page",
    "cases.child": "A child's record",
    "cases.person": "A person's page",
    "cases.chronology_entry": "A chronology entry",
    "cases.new_chronology_entry": "Adding to the chronology",
    "cases.case_note": "A case note",
    "cases.form_history": "A form's history",
    "cases.form_output": "A form's printable document",
    "scenarios.index": "Choosing a scenario",
    "panel": "The scenario panel beside the pages",
    "sessions.join": "Joining a session",
    "auth.sign_in": "Signing in",
    "guides.index": "Practice guidance",
    "guides.show": "A practice guide",
}
PAGE_PREFIX = "Page: "


def page_place(endpoint: str | None) -> str:
    """The place a page is, as a note stores it; "" for a page not on the list."""
    return PAGE_PREFIX + PAGES[endpoint] if endpoint in PAGES else ""


def choices(version_set: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The list to choose from, in groups: the pages, then each form of `version_set` (the
    form as a whole, then each question in the order the form asks them)."""
    groups = [("Pages", [(f"page:{key}", label) for key, label in PAGES.items()])]
    for form in registry().forms(version_set):
        groups.append((form.title, [(f"form:{form.key}", f"{form.title}: the form as a whole")]
                       + [(f"field:{form.key}/{f.key}", f"{form.title}: {f.label}")
                          for f in form.fields]))
    return groups


def read(value: str, version_set: str) -> dict | None:
    """What a chosen place means for the note (its form, version and question, or its
    page); None if `value` is not on the list for `version_set`."""
    kind, _, rest = (value or "").partition(":")
    if kind == "page" and rest in PAGES:
        return {"place": page_place(rest)}
    form_key, _, field_key = rest.partition("/")
    form = registry().form(version_set, form_key) if kind in ("form", "field") else None
    if form is None or (kind == "field") != bool(field_key):
        return None
    if field_key and form.field(field_key) is None:
        return None
    return {"form_key": form.key, "form_version": version_set, "field_key": field_key}
