"""The change log: agreed changes, once done, shared as Markdown, CSV and JSON; and
another council's log imported as proposals to review."""

import json
from datetime import date

from flask import current_app
from sqlalchemy import select

from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.received import DATE_RANGE, Refused, read_date, read_json
from sandbox.core.transactions import transaction
from sandbox.feedback import places
from sandbox.feedback.models import ChangeLogEntry, ChangeRequest
from sandbox.recording.service import registry
from sandbox.web.downloads import csv_text

FORMAT = "case-recording-sandbox/change-log"
VERSION = 1
FIELDS = ("title", "what_changed", "rationale", "form_version", "form_key", "field_key",
          "changed_on", "change_request_id")
LIMITS = {"title": 200, "form_version": 30, "form_key": 60, "field_key": 60,
          "what_changed": 5000, "rationale": 5000}
MAX_ENTRIES = 5000


class ChangeLogError(ServiceError):
    """A change log entry, import or review that cannot be done."""


OTHER = "other"


def picked_place(form: str, form_other: str, field: str, field_other: str) -> dict:
    """The form version, form and question chosen from the versions' own lists (or, for
    one not in the lists, written in): {form_version, form_key, field_key}."""
    form, field = (form or "").strip(), (field or "").strip()
    if not form:
        if field:
            raise ChangeLogError("Choose the form the question is on", "form")
        return {"form_version": "", "form_key": "", "field_key": ""}
    if form == OTHER:
        own = " ".join((form_other or "").split())
        if not own:
            raise ChangeLogError("Write which form it was, or choose one from the list",
                                 "form_other")
        return {"form_version": "", "form_key": own[:LIMITS["form_key"]],
                "field_key": " ".join((field_other or "").split())[:LIMITS["field_key"]]}
    if form not in dict(places.form_choices()):
        raise ChangeLogError("Choose a form from the list", "form")
    version_set, form_key = form.split("/", 1)
    if field == OTHER:
        own = " ".join((field_other or "").split())
        if not own:
            raise ChangeLogError("Write which question it was, or choose one from the list",
                                 "field_other")
        field = own[:LIMITS["field_key"]]
    elif field and field not in dict(places.question_choices(version_set, form_key)):
        raise ChangeLogError("Choose a question of this form from the list", "field")
    return {"form_version": version_set, "form_key": form_key, "field_key": field}


def add(request: ChangeRequest, data: dict, by: str) -> ChangeLogEntry:
    if request.status != "done" or request.merged_into_id:
        raise ChangeLogError("Only a request that is done goes in the change log", "title")
    for key in ("title", "what_changed", "rationale"):
        if not (data.get(key) or "").strip():
            raise ChangeLogError("Fill in the title, what changed and why", key)
    where = picked_place(data.get("form"), data.get("form_other"), data.get("field"),
                         data.get("field_other"))
    with transaction():
        entry = ChangeLogEntry(change_request_id=request.id, created_by=by,
                               changed_on=data.get("changed_on") or date.today(), **where,
                               **{k: (data.get(k) or "").strip()[:LIMITS[k]]
                                  for k in ("title", "what_changed", "rationale")})
        db.session.add(entry)
    return entry


def place_of(entry: ChangeLogEntry) -> str:
    """Where the change was, in plain words: the version's own titles, or the words the
    group wrote for a form or question not in the lists."""
    if not entry.form_key:
        return ""
    form = registry().form(entry.form_version, entry.form_key) if entry.form_version \
        else None
    if form is None:
        return ", ".join(p for p in (entry.form_key, entry.field_key) if p)
    where = form.title
    if entry.field_key:
        where += f": “{places.field_label(form, entry.field_key) or entry.field_key}”"
    return f"{where} ({places.set_title(entry.form_version)})"


def entries() -> list[ChangeLogEntry]:
    return db.session.scalars(select(ChangeLogEntry).where(ChangeLogEntry.origin == "")
                              .order_by(ChangeLogEntry.changed_on.desc(),
                                        ChangeLogEntry.id.desc())).all()


def proposals() -> list[ChangeLogEntry]:
    return db.session.scalars(select(ChangeLogEntry).where(ChangeLogEntry.origin != "")
                              .order_by(ChangeLogEntry.id)).all()


def _row(entry: ChangeLogEntry) -> dict:
    row = {k: getattr(entry, k) for k in FIELDS}
    row["changed_on"] = entry.changed_on.isoformat()
    return row


def as_json() -> str:
    return json.dumps({"format": FORMAT, "version": VERSION,
                       "from": current_app.config["SERVICE_NAME"],
                       "entries": [_row(e) for e in entries()]}, indent=1)


def as_csv() -> str:
    return csv_text(FIELDS, ([_row(e)[f] for f in FIELDS] for e in entries()))


def as_markdown() -> str:
    lines = ["# Change log", ""]
    for e in entries():
        where = place_of(e)
        lines += [f"## {e.changed_on.isoformat()}: {e.title}", ""]
        if where:
            lines += [f"- Where: {where}"]
        if e.change_request_id:
            lines += [f"- From change request {e.change_request_id}"]
        lines += [f"- What changed: {e.what_changed}", f"- Why: {e.rationale}", ""]
    return "\n".join(lines)


def import_json(raw: bytes, by: str) -> list[ChangeLogEntry]:
    """Another installation's change log, kept as proposals for this working group."""
    try:
        doc = read_json(raw)
    except Refused as problem:
        raise ChangeLogError(str(problem), "file") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ChangeLogError("This file is not a change log exported from a sandbox", "file")
    if doc.get("version") != VERSION:
        raise ChangeLogError(f"Change log version {doc.get('version')!r} is not supported",
                             "file")
    items = doc.get("entries")
    if not isinstance(items, list) or len(items) > MAX_ENTRIES:
        raise ChangeLogError(f"'entries' must be a list of at most {MAX_ENTRIES}", "file")
    origin = str(doc.get("from") or "another council")[:120]
    made = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise ChangeLogError(f"entries[{i}] must be an object", "file")
        for key in ("title", "what_changed", "rationale"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise ChangeLogError(f"entries[{i}].{key} must be some text", "file")
        changed_on = read_date(item.get("changed_on"))
        if changed_on is None:
            raise ChangeLogError(f"entries[{i}].changed_on must be a date (YYYY-MM-DD) "
                                 f"{DATE_RANGE}", "file")
        made.append(ChangeLogEntry(
            changed_on=changed_on, created_by=by, origin=origin, review="proposed",
            **{k: str(item.get(k) or "").strip()[:LIMITS[k]] for k in LIMITS}))
    with transaction():
        db.session.add_all(made)
    return made


def review(entry: ChangeLogEntry, decision: str) -> None:
    if entry.origin == "" or decision not in ("adopted", "set aside", "proposed"):
        raise ChangeLogError("Choose to adopt or set aside the proposal")
    with transaction():
        entry.review = decision
