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
from sandbox.census import check as census
from sandbox.core.extensions import db
from sandbox.management import exercises
from sandbox.recording.models import DRAFT, SIGNED_OFF, FormRecord
from sandbox.scenarios.definitions import Check, answer_field


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


def _form_problem(run, check: Check, title: str, exact: bool = True) -> str | None:
    records = _forms(run, check)
    if not records:
        if check.kind == "form_signed_off":
            return (f"The {title} is not signed off yet: the manager who signs it off "
                    "does so once it is submitted.")
        return f"Start the {title} on this child's record." if check.kind == "form_started" \
            else f"Submit the {title} for this child (a draft does not count yet)."
    definition = current_app.extensions["forms"].form(run.form_version, check.form)
    best = None
    for record, lacks in _shortfalls(run, check, definition, records):
        if not any(lacks):
            return None
        best = best or (*lacks, record.answers)
    wrong, empty, outside, answers = best
    if not exact:  # a proficiency check says that, not which answer
        return f"The {title} does not yet record everything this step asks for."
    if wrong:
        return " ".join(asked_for(definition, k, check.answers[run.form_version][k], answers, title)
                        for k in wrong)
    if empty:
        return (f"This step asks for an answer to {_quoted(definition, empty)} in the "
                f"{title}: still empty.")
    return (f"Say who from the family's safety network will do it: choose them for "
            f"{_quoted(definition, outside)} in the {title}.")


def _label(definition, key: str) -> str:
    group, _, sub = key.partition(".")
    found = answer_field(definition, key)
    if sub and definition.field(group):
        return f"{definition.field(group).label}: {found.label}" if found else key
    return found.label if found else key


def _quoted(definition, keys) -> str:
    names = [f"‘{_label(definition, k)}’" for k in keys]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _options(field, values) -> str:
    names = [f"‘{field.option_label(v)}’" for v in values]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def asked_for(definition, key: str, wanted, answers: dict, title: str) -> str:
    """Which answer the step asks for, in the words of the form: the decision it records,
    or the option a question needs (for a group: the rows still missing)."""
    field = answer_field(definition, key)
    values = wanted if isinstance(wanted, list) else [wanted]
    group, _, sub = key.partition(".")
    if sub:
        have = {str(row.get(sub)) for row in answers.get(group) or [] if isinstance(row, dict)}
        missing = [v for v in values if v not in have]
        return (f"This step asks for {_options(field, values)} in "
                f"‘{definition.field(group).label}’ in the {title}; still missing: "
                f"{_options(field, missing)}.")
    if any(key in e.when for e in definition.effects if e.move):
        return (f"This step asks you to record the decision {_options(field, values)} in "
                f"the {title}.")
    return (f"This step asks for {_options(field, values)} as the answer to "
            f"‘{field.label}’ in the {title}.")


def problem(run, check: Check, form_title: str = "form", exact: bool = True) -> str | None:
    """What is still needed for `check`, or None when it passes; `exact`: naming the
    answers the step needs (not in a proficiency check)."""
    if check.kind == "visited":
        return None if check.page in run.visited else "Open the page this step asks for."
    if check.kind in ("form_started", "form_submitted", "form_signed_off"):
        return _form_problem(run, check, form_title, exact)
    if check.kind == "chronology_added":
        found = db.session.scalar(select(ChronologyEntry.id).where(
            ChronologyEntry.case_id == run.case_id,
            ChronologyEntry.kind == check.chronology_kind,
            ChronologyEntry.id > run.chronology_mark))
        return None if found else (
            f"Add a {pathway.CHRONOLOGY_KINDS[check.chronology_kind].lower()} to the "
            "child's chronology.")
    if check.kind == "audit":
        return _audit_problem(run, check)
    if check.kind == "stage":
        case = db.session.scalar(select(Case).where(Case.id == run.case_id))
        # A plan under review is still the plan; otherwise the record is at that stage.
        level = {"review_due": "cp_plan"}
        if case and level.get(case.stage, case.stage) == level.get(check.stage, check.stage):
            return None
        return (f"The child's record is not at '{pathway.STAGE_BY_KEY[check.stage].label}'; "
                "check the decision you recorded.")
    if check.kind == "census_clean":
        case = db.session.scalar(select(Case).where(Case.id == run.case_id))
        wrong = census.child_is_clean(case.child_id) if case else "The child's record is gone."
        return None if wrong is None else (
            f"The census still finds a problem in this child's record: {wrong}")
    raise ValueError(f"unknown check {check.kind}")



def _audit_problem(run, check: Check) -> str | None:
    """Whether the trainee's latest audit of the record, submitted on this run, found
    every gap planted in it; says how many, never which (the answer key stays hidden)."""
    audit = exercises.latest_audit(run.tenant_id, run.case_id, run.user_id,
                                   check.audit_tool, since=run.started_at)
    if audit is None:
        return "Submit your case file audit of the child's record."
    gaps = exercises.answer_key(run.tenant_id, run.case_id)
    _found, missed = exercises.found_in(audit, gaps)
    case = db.session.scalar(select(Case).where(Case.id == run.case_id))
    wrong = exercises.misread(audit, case) if case is not None else []
    if wrong:
        named = "; ".join(f"“{text}”" for text in wrong)
        return (f"Your audit says the record falls short where it does not: {named}. Look "
                "at the dates in the record again and submit a new audit: start it again "
                "from Case file audits.")
    if not missed:
        return None
    return (f"Your audit found {len(gaps) - len(missed)} of the {len(gaps)} gaps in this "
            "record. Read the record again (visits, plans, strategy discussions, the "
            "child's own words) and submit a new audit: start it again from Case file "
            "audits.")


NEEDED = "This step needs this answer"
NEEDED_NETWORK = "This step needs someone from the family's safety network here"


def needed(run, check: Check) -> dict[str, str]:
    """The questions of the step's form that its check reads, each with what to tell the
    trainee beside it (a question the form calls optional may be one the step needs)."""
    version = run.form_version
    marks = {key.partition(".")[0]: NEEDED
             for key in [*check.answers.get(version, {}), *check.filled.get(version, [])]}
    marks.update({key: NEEDED_NETWORK for key in check.in_network.get(version, [])})
    return marks
