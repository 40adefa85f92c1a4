"""Whether a step is done, worked out from what the trainee recorded in their tenant.

Only work done since the scenario started counts (a submitted form, since the step
started), so forms the generator put on record never pass a step for the trainee. The
current tenant is in scope (sandbox.core.tenancy). Each check returns None when it passes, or
what the step still needs, in practice terms.
"""

from flask import current_app
from sqlalchemy import select

from sandbox.cases.models import Case, ChronologyEntry, Relationship
from sandbox.casework import pathway
from sandbox.core.extensions import db
from sandbox.recording.models import DRAFT, SIGNED_OFF, FormRecord
from sandbox.scenarios.definitions import Check


def _forms(run, check: Check) -> list[FormRecord]:
    statement = select(FormRecord).where(
        FormRecord.case_id == run.case_id, FormRecord.form_key == check.form
    ).order_by(FormRecord.id.desc())
    if check.kind == "form_submitted":
        # Submitted while on this step: an earlier step's form (or a wrong first try at
        # one) never passes a later step that asks for the same form. A step begins when
        # the one before it was done (`passed_at`), so strictly after. When it was started
        # does not matter: a draft already on the child's record, finished and submitted
        # now, is the trainee's work.
        statement = statement.where(FormRecord.status != DRAFT,
                                    FormRecord.submitted_at > run.step_started_at)
    elif check.kind == "form_signed_off":
        statement = statement.where(FormRecord.started_at >= run.started_at,
                                    FormRecord.status == SIGNED_OFF,
                                    FormRecord.signed_off_at > run.step_started_at)
    else:
        statement = statement.where(FormRecord.started_at >= run.started_at)
    return db.session.scalars(statement).all()


def _shortfalls(run, check: Check, definition, records):
    """For each record, newest first: the answers it lacks (wrong decisions, empty
    answers, nobody from the safety network); all three empty when it passes."""
    version = run.form_version
    network = set()
    if check.in_network.get(version):
        case = db.session.scalar(select(Case).where(Case.id == run.case_id))
        network = _network(case)
    for record in records:
        answers = record.answers
        wanted = check.answers.get(version, {})
        yield record, (
            [k for k, v in wanted.items() if not holds(answers, k, v)],
            [k for k in check.filled.get(version, []) if not answers.get(k)],
            [k for k in check.in_network.get(version, [])
             if not chosen_people(definition.field(k), answers.get(k)) & network])


def passed_at(run, check: Check):
    """When the work that passed `check` was done: the submit or sign-off of the form,
    else None (now). The next step begins then, so that in a joint session a seat whose
    part is not this step's catches up with what the others did in its training copy,
    however seldom its page was reloaded."""
    if check.kind not in ("form_submitted", "form_signed_off"):
        return None
    definition = current_app.extensions["forms"].form(run.form_version, check.form)
    record = next((r for r, lacks in _shortfalls(run, check, definition, _forms(run, check))
                   if not any(lacks)), None)
    if record is None:
        return None
    return record.signed_off_at if check.kind == "form_signed_off" else record.submitted_at


def holds(answers: dict, key: str, wanted) -> bool:
    """Whether the answers hold what an `answers` check asks for `key` (see Check)."""
    wanted = wanted if isinstance(wanted, list) else [wanted]
    group, _, sub = key.partition(".")
    value = answers.get(group)
    if sub:
        chosen = {str(row.get(sub)) for row in value or [] if isinstance(row, dict)}
    elif isinstance(value, list):
        chosen = {str(v) for v in value}
    else:
        return len(wanted) == 1 and str(value) == wanted[0]
    return set(wanted) <= chosen


def chosen_people(field, value) -> set[str]:
    """Every person chosen in an answer: a person, people, or the rows of a group."""
    if field.kind == "person":
        return {str(value)} if value else set()
    if field.kind == "people":
        return {str(v) for v in value or []}
    found = set()
    for row in value or []:
        for sub in field.fields:
            if sub.kind in ("person", "people") and isinstance(row, dict):
                found |= chosen_people(sub, row.get(sub.key))
    return found


def _network(case) -> set[str]:
    return {str(i) for i in db.session.scalars(select(Relationship.person_id).where(
        Relationship.child_id == case.child_id, Relationship.in_safety_network.is_(True)))}


def _form_problem(run, check: Check, title: str) -> str | None:
    records = _forms(run, check)
    if not records:
        if check.kind == "form_signed_off":
            return (f"The {title} is not signed off yet: the manager who signs it off "
                    "does so once it is submitted.")
        return f"Start the {title} on this child's record." if check.kind == "form_started" \
            else f"Submit the {title} for this child (a draft does not count yet)."
    definition = current_app.extensions["forms"].form(run.form_version, check.form)
    best = None
    for _record, lacks in _shortfalls(run, check, definition, records):
        if not any(lacks):
            return None
        best = best or lacks
    wrong, empty, outside = best
    if wrong:
        return f"The {title} does not yet record the decision this step asks for."
    if empty:
        return f"Some answers this step asks for are still empty in the {title}."
    return (f"Say who from the family's safety network will do it: choose them in the "
            f"{title}.")


def problem(run, check: Check, form_title: str = "form") -> str | None:
    """What is still needed for `check`, or None when it passes."""
    if check.kind == "visited":
        return None if check.page in run.visited else "Open the page this step asks for."
    if check.kind in ("form_started", "form_submitted", "form_signed_off"):
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

