"""Whether a step is done, worked out from what the trainee recorded in their tenant.

Only work done since the scenario started counts, so forms the generator put on record
never pass a step for the trainee. The current tenant is in scope (sandbox.core.tenancy).
Each check returns None when it passes, or what the step still needs, in practice terms.
"""

import json

from sqlalchemy import select

from sandbox.cases.models import Case, ChronologyEntry
from sandbox.casework import pathway
from sandbox.core.extensions import db
from sandbox.recording.models import DRAFT, FormRecord
from sandbox.recording.service import family_people
from sandbox.scenarios.definitions import Check


def _forms(run, check: Check, submitted: bool) -> list[FormRecord]:
    statement = select(FormRecord).where(
        FormRecord.case_id == run.case_id, FormRecord.form_key == check.form,
        FormRecord.started_at >= run.started_at).order_by(FormRecord.id.desc())
    if submitted:
        statement = statement.where(FormRecord.status != DRAFT)
    return db.session.scalars(statement).all()


def _form_problem(run, check: Check, title: str) -> str | None:
    submitted = check.kind == "form_submitted"
    records = _forms(run, check, submitted)
    if not records:
        return f"Start the {title} on this child's record." if not submitted else \
            f"Submit the {title} for this child (a draft does not count yet)."
    case = db.session.scalar(select(Case).where(Case.id == run.case_id))
    names = ({p.first_name for p in family_people(case)} if check.names_someone
             else set())
    version = run.form_version
    best = None
    for record in records:
        answers = record.answers
        wanted = check.answers.get(version, {})
        wrong = [k for k, v in wanted.items() if str(answers.get(k)) != v]
        empty = [k for k in check.filled.get(version, []) if not answers.get(k)]
        unnamed = [k for k in check.names_someone.get(version, [])
                   if not any(n in json.dumps(answers.get(k) or "") for n in names)]
        if not (wrong or empty or unnamed):
            return None
        best = best or (wrong, empty, unnamed)
    wrong, empty, unnamed = best
    if wrong:
        return f"The {title} does not yet record the decision this step asks for."
    if empty:
        return f"Some answers this step asks for are still empty in the {title}."
    return f"Say who will do it: name the people from the family or their network in the {title}."


def problem(run, check: Check, form_title: str = "form") -> str | None:
    """What is still needed for `check`, or None when it passes."""
    if check.kind == "visited":
        return None if check.page in run.visited else "Open the page this step asks for."
    if check.kind in ("form_started", "form_submitted"):
        return _form_problem(run, check, form_title)
    if check.kind == "chronology_added":
        found = db.session.scalar(select(ChronologyEntry.id).where(
            ChronologyEntry.case_id == run.case_id,
            ChronologyEntry.kind == check.chronology_kind,
            ChronologyEntry.id > run.chronology_mark))
        return None if found else (
            f"Add a {pathway.CHRONOLOGY_KINDS[check.chronology_kind].lower()} to the "
            "child's chronology.")
    if check.kind == "stage":
        case = db.session.scalar(select(Case).where(Case.id == run.case_id))
        # A plan under review is still the plan; otherwise the record is at that stage.
        level = {"review_due": "cp_plan"}
        if case and level.get(case.stage, case.stage) == level.get(check.stage, check.stage):
            return None
        return (f"The child's record is not at '{pathway.STAGE_BY_KEY[check.stage].label}'; "
                "check the decision you recorded.")
    raise ValueError(f"unknown check {check.kind}")

