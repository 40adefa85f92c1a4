"""Forms recorded on a child's case, and the history of every change to them."""

import json
from collections.abc import Iterator
from datetime import date, datetime

from flask import current_app
from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.casework import pathway
from sandbox.core.extensions import db
from sandbox.core.tenancy import TenantOwned, tenant_fk
from sandbox.forms import answers as answer_rules

DRAFT, SUBMITTED, SIGNED_OFF = "draft", "submitted", "signed_off"
STATUS_LABELS = {DRAFT: "Draft", SUBMITTED: "Submitted", SIGNED_OFF: "Signed off"}


# What an imported file may hold (sandbox.tenants.transfer): a form of a set that ships,
# answers the form's pages, history and printable document can show.

def _json_object(text: str) -> dict | None:
    try:
        found = json.loads(text)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _form_of(row: dict | None):
    sets = current_app.extensions["forms"].sets
    return sets.get(row["version_set"], {}).get(row["form_key"]) if row else None


def check_stored_record(row: dict, _rows_by_id) -> Iterator[str]:
    sets = current_app.extensions["forms"].sets
    if row["version_set"] not in sets:
        yield (f"version_set '{row['version_set']}' is not one of "
               f"{', '.join(sorted(sets))}")
        return
    definition = _form_of(row)
    if definition is None:
        yield f"form_key '{row['form_key']}' is not a form of the {row['version_set']} set"
        return
    answers = _json_object(row["answers_json"])
    if answers is None:
        yield "answers_json is not a JSON object of answers"
        return
    for key in answer_rules.unfit(definition, answers):
        yield (f"answers_json: the answer to '{key}' does not fit its question "
               f"({definition.field(key).kind})")
    yield from _check_case_before(row.get("case_before_json"))
    filled = row.get("prefilled_json")
    if filled is not None and (
            (found := _json_object(filled)) is None or not all(
                isinstance(v, dict) and isinstance(v.get("record"), int)
                for v in found.values())):
        yield "prefilled_json is not a JSON object of {field: {record: id, ...}}"


def _check_case_before(text: str | None) -> Iterator[str]:
    """The child's record before a submission: known stages, dates as dates."""
    if text is None:
        return
    state = _json_object(text)
    if state is None:
        yield "case_before_json is not a JSON object"
        return
    for column, value in state.items():
        if value is not None and not (isinstance(value, str) and len(value) <= 120):
            yield f"case_before_json: '{column[:40]}' is not a short text"
        elif column in ("stage", "strategy_from") and value is not None and \
                value not in pathway.STAGE_KEYS:
            yield f"case_before_json: '{str(value)[:20]}' is not a stage"
        elif column.endswith("_on") and value is not None:
            try:
                date.fromisoformat(value)
            except ValueError:
                yield f"case_before_json: '{column[:40]}' is not a date"


def check_stored_change(row: dict, rows_by_id) -> Iterator[str]:
    changes = _json_object(row["changes_json"])
    if changes is None:
        yield "changes_json is not a JSON object of changes"
        return
    definition = _form_of(rows_by_id["form_records"].get(row["form_record_id"]))
    for key, pair in changes.items():
        field = definition.field(key) if definition else None
        if not (isinstance(pair, list) and len(pair) == 2) or (
                field and not all(answer_rules.fits(field, v) for v in pair)):
            yield (f"changes_json: the change to '{key}' is not [before, after] in "
                   "answers its question can hold")


class FormRecord(TenantOwned, db.Model):
    __tablename__ = "form_records"
    __table_args__ = (*tenant_fk("case_id", "cases"),
                      {"info": {"check_row": check_stored_record}})

    case_id: Mapped[int]
    form_key: Mapped[str] = mapped_column(String(60))
    version_set: Mapped[str] = mapped_column(String(30))
    definition_version: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), default=DRAFT,
                                        info={"one_of": list(STATUS_LABELS)})
    answers_json: Mapped[str] = mapped_column(Text, default="{}")
    # Goes up by one with every save; a save that names an older revision is a conflict.
    revision: Mapped[int] = mapped_column(default=1)
    # The page (one open copy of the form) that saved last: its own autosaves never
    # conflict with its own later save.
    editor: Mapped[str | None] = mapped_column(String(40))
    started_by: Mapped[str] = mapped_column(String(120))
    started_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime]
    submitted_by: Mapped[str | None] = mapped_column(String(120))
    submitted_at: Mapped[datetime | None]
    signed_off_by: Mapped[str | None] = mapped_column(String(120))
    signed_off_at: Mapped[datetime | None]
    # The child's record as it was just before this form's submission changed it (the
    # columns a submission may set), so that an amendment can put it back and make its
    # own change instead. None: submitted before amendments, or not submitted.
    case_before_json: Mapped[str | None] = mapped_column(Text)
    # The answers filled in when the form was started: {field: {"record": id, "form":
    # form key, "field": its field}}, so the form shows which, and from where.
    prefilled_json: Mapped[str | None] = mapped_column(Text)

    @property
    def answers(self) -> dict:
        return json.loads(self.answers_json or "{}")

    @property
    def prefilled_from(self) -> dict:
        return json.loads(self.prefilled_json or "{}")

    @property
    def case_before(self) -> dict | None:
        return json.loads(self.case_before_json) if self.case_before_json else None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def editable(self) -> bool:
        return self.status == DRAFT


class FormChange(TenantOwned, db.Model):
    """One save, submission or sign-off: who, when, and each answer before and after."""

    __tablename__ = "form_changes"
    __table_args__ = (*tenant_fk("form_record_id", "form_records"),
                      {"info": {"check_row": check_stored_change}})

    form_record_id: Mapped[int]
    revision: Mapped[int]
    action: Mapped[str] = mapped_column(String(30))  # started, saved, submitted, signed off...
    changed_by: Mapped[str] = mapped_column(String(120))
    changed_at: Mapped[datetime]
    changes_json: Mapped[str] = mapped_column(Text, default="{}")

    @property
    def changes(self) -> dict:
        return json.loads(self.changes_json or "{}")
