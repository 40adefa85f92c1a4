"""Recording forms on a child's case: start, save, submit, sign off, copy to siblings.

Plain functions; the current tenant is already in scope (sandbox.core.tenancy). Each public
function is one transaction.
"""

import json
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import false, or_, select, update

from sandbox.cases.models import Case, CaseNote, ChronologyEntry, Person, Relationship
from sandbox.casework import looked_after, pathway
from sandbox.core import tenancy
from sandbox.core.clock import utcnow
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.transactions import transaction
from sandbox.forms import answers as answer_rules
from sandbox.forms.definitions import CASE_DATES, CASE_VALUES, FormDef, Registry
from sandbox.recording.models import DRAFT, SIGNED_OFF, SUBMITTED, FormChange, FormRecord

EVERY_ROLE = frozenset(pathway.CASE_ROLES)


class RecordingError(ServiceError):
    """The action cannot be done; the message says why."""


class NotYourRole(RecordingError):
    """The person does not hold the role this decision or sign-off belongs to."""


def _roles_named(roles) -> str:
    names = [pathway.CASE_ROLES[r].lower() for r in roles]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _you_are(roles: frozenset[str]) -> str:
    return (f"In this training session you are the {_roles_named(sorted(roles))}"
            if roles else "You hold no role in this training session")


class AlreadyDone(RecordingError):
    """The form was submitted (or signed off) already, often by a double click a moment
    ago: the first one counted."""


ALREADY_SUBMITTED = ("This form has already been submitted, so it was not submitted or "
                     "changed again. If you pressed Submit twice, the first one counted.")
ALREADY_SIGNED_OFF = "This form has already been signed off, so it was not signed off again."


@dataclass
class Conflict(Exception):
    """The form was saved by someone else since this person opened it."""

    record: FormRecord
    theirs: dict


def registry() -> Registry:
    return current_app.extensions["forms"]


def definition_of(record: FormRecord) -> FormDef:
    return registry().form(record.version_set, record.form_key)


def today() -> date:
    return date.today()


def family_people(case: Case) -> list[Person]:
    """People who may be chosen in person fields: the household and everyone linked."""
    linked = select(Relationship.person_id).where(Relationship.child_id == case.child_id)
    return db.session.scalars(
        select(Person).where((Person.family_id == case.family_id) | Person.id.in_(linked))
        .order_by(Person.is_child, Person.date_of_birth)).all()


def records_of(case_id: int) -> list[FormRecord]:
    return db.session.scalars(select(FormRecord).where(FormRecord.case_id == case_id)
                              .order_by(FormRecord.id)).all()


def sibling_cases(case: Case) -> list[Case]:
    return db.session.scalars(select(Case).where(Case.family_id == case.family_id,
                                                 Case.id != case.id).order_by(Case.id)).all()


def _latest(case_ids: list[int], form_key: str) -> FormRecord | None:
    """The newest form of this kind on these cases, submitted ones first."""
    found = db.session.scalars(
        select(FormRecord).where(FormRecord.case_id.in_(case_ids),
                                 FormRecord.form_key == form_key)
        .order_by((FormRecord.status == DRAFT), FormRecord.id.desc())).first()
    return found


def prefilled(definition: FormDef, case: Case) -> tuple[dict, dict]:
    """Answers copied from earlier forms on this case, or the same form on a sibling's;
    and where each came from ({field: {record, form, field}}), for the form to show."""
    answers, sources = {}, {}
    siblings = [c.id for c in sibling_cases(case)]
    for field in definition.fields:
        for rule in field.prefill:
            source = (_latest(siblings, definition.key) if rule.sibling
                      else _latest([case.id], rule.form))
            value = source.answers.get(rule.field) if source else None
            if not answer_rules.is_empty(value):
                answers[field.key] = value
                sources[field.key] = {"record": source.id, "form": source.form_key,
                                      "field": rule.field}
                break
    return answers, sources


@dataclass(frozen=True)
class Source:
    """Where a pre-filled answer came from: a form on this child's record or a sibling's."""

    record: FormRecord
    title: str
    child: str  # whose record: the child's first name


def prefill_sources(record: FormRecord) -> dict[str, Source]:
    """Each answer filled in when `record` was started, and the form it came from (one
    still in this training copy)."""
    wanted = record.prefilled_from
    ids = {v.get("record") for v in wanted.values() if isinstance(v, dict)}
    if not ids:
        return {}  # nothing was filled in: no query
    found = {r.id: r for r in db.session.scalars(select(FormRecord).where(
        FormRecord.id.in_([i for i in ids if isinstance(i, int)])))}
    cases = {c.id: c for c in db.session.scalars(select(Case).where(
        Case.id.in_({r.case_id for r in found.values()})))} if found else {}
    sources = {}
    for key, where in wanted.items():
        source = found.get(where.get("record")) if isinstance(where, dict) else None
        definition = definition_of(source) if source else None
        if definition is not None:
            case = cases.get(source.case_id)
            sources[key] = Source(source, definition.title,
                                  case.child.first_name if case else "")
    return sources


def _log(record: FormRecord, action: str, by: str, changes: dict) -> None:
    tenancy.add_new(FormChange(form_record_id=record.id, revision=record.revision,
                               action=action, changed_by=by, changed_at=utcnow(),
                               changes_json=json.dumps(changes)))


def start(case: Case, version_set: str, form_key: str, by: str) -> FormRecord:
    definition = registry().form(version_set, form_key)
    if definition is None:
        raise RecordingError(f"There is no form '{form_key}' in the {version_set} set")
    with transaction():
        answers, sources = prefilled(definition, case)
        now = utcnow()
        record = tenancy.add_new(FormRecord(
            case_id=case.id, form_key=form_key, version_set=version_set,
            definition_version=definition.version, status=DRAFT,
            answers_json=json.dumps(answers), revision=1, started_by=by, started_at=now,
            updated_by=by, updated_at=now, prefilled_json=json.dumps(sources)))
        _log(record, "started", by, answer_rules.changed({}, answers))
    return record


def save(record: FormRecord, answers: dict, revision: int, by: str,
         editor: str | None = None) -> FormRecord:
    """Keep the answers as a draft. Raises Conflict if someone saved since `revision`.

    `editor` names the open page saving; saves since `revision` made by that same page
    (its autosaves) are its own work, not someone else's.
    """
    if not record.editable:
        raise AlreadyDone(ALREADY_SUBMITTED)
    with transaction(keep_loaded=True):  # the record is read again as it is written
        before = record.answers
        changes = answer_rules.changed(before, answers)
        if revision == record.revision and not changes:
            return record
        _write_draft(record, revision, editor, answers_json=json.dumps(answers),
                     updated_by=by, updated_at=utcnow(), editor=editor)
        _log(record, "saved", by, changes)
    return record


def _write_draft(record: FormRecord, revision: int, page: str | None, **values) -> None:
    """The one statement that decides who wins when saves and submits of a draft race:
    it changes the draft only while it is still a draft at `revision` (or was last saved
    by this same open `page`), so only the first of them matches. Raises Conflict, or
    AlreadyDone if the form was submitted meanwhile."""
    same_page = FormRecord.editor == page if page else false()
    # RETURNING puts the row as written back on `record` (populate_existing), in the same
    # statement: no second query to read it again.
    written = db.session.scalars(
        update(FormRecord)
        .where(FormRecord.tenant_id == record.tenant_id, FormRecord.id == record.id,
               or_(FormRecord.revision == revision, same_page), FormRecord.status == DRAFT)
        .values(revision=FormRecord.revision + 1, **values).returning(FormRecord),
        execution_options={"synchronize_session": False, "populate_existing": True}).all()
    if len(written) != 1:
        db.session.rollback()
        db.session.refresh(record)
        if not record.editable:
            raise AlreadyDone(ALREADY_SUBMITTED)
        raise Conflict(record, record.answers)


def decision_field(definition: FormDef) -> str:
    """The question a form's decision is recorded in (where a refusal about the decision
    is shown): the first field a move depends on, else the first question."""
    for effect in definition.effects:
        if effect.move and effect.when:
            return next(iter(effect.when))
    return definition.fields[0].key


def role_problem(definition: FormDef, roles: frozenset[str]) -> str | None:
    """Why this person may not submit the form (its decision belongs to another role)."""
    if not definition.recorded_by or roles & set(definition.recorded_by):
        return None
    who = _roles_named(definition.recorded_by)
    return (f"The {who} records this decision. {_you_are(roles)}: you can draft it, and "
            f"the {who} submits it.")


def pathway_problems(definition: FormDef, answers: dict, case: Case,
                     stage: str | None = None, before: dict | None = None) -> dict[str, str]:
    """A move the child's record cannot make from where it stands (PRACTICE.md §1.12:
    anything not listed is forbidden), next to the decision. `stage`, `before`: where it
    stands and its dates (for an amendment, as they were before the form was first
    submitted)."""
    for effect in definition.effects:
        if effect.move and effect.matches(answers):
            problem = pathway.refusal(pathway.TRANSITIONS[effect.move], stage or case.stage,
                                      case, answers)
            if problem:
                key = next(iter(effect.when), None) or decision_field(definition)
                return {f"f-{key}": problem}
    # What cannot be right for a child of this age on the day (a looked-after child's
    # legal status, placement and review), or a score out of range
    # (sandbox.casework.looked_after).
    born = getattr(case.child, "date_of_birth", None)
    dates = {c: _stored(c, before.get(c)) if before is not None else getattr(case, c, None)
             for c in looked_after.RECORD_FIELDS}
    return {f"f-{key}": problem for key, problem in
            looked_after.answer_problems(definition.key, answers, born, dates).items()}



def submit(record: FormRecord, answers: dict, revision: int, by: str, case: Case,
           people: set[str], editor: str | None = None,
           roles: frozenset[str] = EVERY_ROLE) -> dict[str, str]:
    """Check everything and submit if all is well. Returns the errors, if any (the
    answers are then kept as a draft, so a failed submit never loses them). `roles`:
    the roles (sandbox.casework.pathway.CASE_ROLES) the person holds in this training copy.

    Submitting is one conditional update of the draft (see `_write_draft`): of several
    submits of one page at once, one submits and the rest raise AlreadyDone.
    """
    definition = definition_of(record)
    errors = answer_rules.check(definition, answers, people, today(), submitting=True)
    if not errors:
        errors = pathway_problems(definition, answers, case)
    if not errors and (problem := role_problem(definition, roles)):
        save(record, answers, revision, by, editor)
        raise NotYourRole(problem)
    if errors:
        save(record, answers, revision, by, editor)
        return errors
    if not record.editable:
        raise AlreadyDone(ALREADY_SUBMITTED)
    with transaction():
        changes = answer_rules.changed(record.answers, answers)
        now = utcnow()
        _write_draft(record, revision, editor, answers_json=json.dumps(answers),
                     status=SUBMITTED, submitted_by=by, submitted_at=now, updated_by=by,
                     updated_at=now, editor=editor,
                     case_before_json=json.dumps(_case_state(case)))
        _apply_effects(definition, answers, case, by)
        _log(record, "submitted", by, changes)
    return {}


# What a submission may change on the child's record (the pathway's columns), kept before
# it does so that an amendment can put them back.
_CASE_DATE_COLUMNS = ("stage_on", *CASE_DATES)
CASE_COLUMNS = ("stage", "strategy_from", "closure_reason", *_CASE_DATE_COLUMNS,
                *CASE_VALUES)


def _case_state(case: Case) -> dict:
    return {c: (v.isoformat() if isinstance(v := getattr(case, c), date) else v)
            for c in CASE_COLUMNS}


def _put_back(case: Case, state: dict) -> None:
    """The record's pathway columns as they were (an import's are checked on the way in:
    sandbox.recording.models)."""
    for column in (c for c in CASE_COLUMNS if c in state):
        value = state[column]
        if column == "stage" and value is None:
            continue  # a record always has a stage
        setattr(case, column, _stored(column, value))


def _stored(column: str, value):
    """A pathway column's value as `_case_state` kept it, as the record holds it."""
    if column in _CASE_DATE_COLUMNS and isinstance(value, str) and value:
        return date.fromisoformat(value)
    return value


class AlreadyAmended(RecordingError):
    """Someone amended the form since this person opened it (often two at once)."""


ALREADY_AMENDED = ("Someone amended this form a moment ago, so your amendment was not "
                   "made. Open the form again to see it as it is now, then amend it if "
                   "it still needs it.")
NOTHING_CHANGED = "You did not change any answer, so the form was not amended."


def _drives_case(definition: FormDef) -> set[str]:
    """The questions whose answers a submission puts on the child's record."""
    keys = set()
    for effect in definition.effects:
        keys |= set(effect.when) | set(effect.dates.values()) | set(effect.values.values())
        keys |= {effect.on} if effect.on else set()
    return keys


def _changes_case(definition: FormDef | None) -> bool:
    return bool(definition) and any(e.move or e.dates or e.values or e.set
                                    for e in definition.effects)


def _moved_on_since(record: FormRecord) -> FormRecord | None:
    """A form submitted on the same child's record after `record` that changed it (a case
    note, say, does not)."""
    later = db.session.scalars(select(FormRecord).where(
        FormRecord.case_id == record.case_id, FormRecord.id != record.id,
        FormRecord.status != DRAFT, FormRecord.case_before_json.is_not(None),
        FormRecord.submitted_at >= record.submitted_at)
        .order_by(FormRecord.submitted_at)).all()
    return next((r for r in later if _changes_case(definition_of(r))), None)


def amend_problems(record: FormRecord, definition: FormDef, answers: dict, case: Case,
                   people: set[str]) -> dict[str, str]:
    """Why these answers cannot replace the submitted ones, beside the question: what a
    submission refuses, and a change to the child's record that cannot follow (the
    record has moved on since, or the form was recorded before amendments kept where the
    record stood)."""
    errors = answer_rules.check(definition, answers, people, today(), submitting=True)
    if errors:
        return errors
    touched = sorted(k for k in answer_rules.changed(record.answers, answers)
                     if k in _drives_case(definition))
    if not touched:
        return {}
    where = f"f-{touched[0]}"
    before = record.case_before
    if before is None:
        return {where: "This form was recorded before forms could be amended, so an answer "
                       "that changes the child's place on the pathway cannot be amended "
                       "here. Record the decision on a new form instead."}
    later = _moved_on_since(record)
    if later is not None:
        title = definition_of(later).title if definition_of(later) else "form"
        return {where: f"The child's record has moved on since: the {title} was submitted "
                       "after this form. An answer that changes the child's place on the "
                       "pathway can no longer be amended here; record what has changed "
                       "on the form the record is at now."}
    return pathway_problems(definition, answers, case, stage=before.get("stage"),
                            before=before)


def amend(record: FormRecord, answers: dict, revision: int, by: str, case: Case,
          people: set[str], roles: frozenset[str] = EVERY_ROLE) -> dict[str, str]:
    """Correct a submitted form: its answers become a new revision, kept in its history
    (who, when, each answer before and after). Returns the problems, if any (nothing is
    changed then). A signed-off form goes back to submitted: what the manager agreed to
    has changed, so it needs signing off again.

    The child's record follows the amended answers through the pathway, as a submission
    would: it is put back as it was before this form was first submitted and the amended
    answers' effects are made from there (no new chronology line or note: the form was
    recorded once). One conditional update decides between amendments at once: of two
    made from the same revision, one is made and the other raises AlreadyAmended.
    """
    if record.editable:
        raise RecordingError("This form is still a draft: save or submit it instead")
    definition = definition_of(record)
    errors = amend_problems(record, definition, answers, case, people)
    if errors:
        return errors
    if problem := role_problem(definition, roles):
        raise NotYourRole(problem)
    changes = answer_rules.changed(record.answers, answers)
    if not changes:
        raise RecordingError(NOTHING_CHANGED)
    moves_case = any(k in _drives_case(definition) for k in changes)
    before = record.case_before
    with transaction():
        done = db.session.execute(
            update(FormRecord)
            .where(FormRecord.tenant_id == record.tenant_id, FormRecord.id == record.id,
                   FormRecord.revision == revision, FormRecord.status != DRAFT)
            .values(revision=FormRecord.revision + 1, answers_json=json.dumps(answers),
                    status=SUBMITTED, signed_off_by=None, signed_off_at=None,
                    updated_by=by, updated_at=utcnow())
            .execution_options(synchronize_session=False))
        if done.rowcount != 1:
            raise AlreadyAmended(ALREADY_AMENDED)
        db.session.refresh(record)
        if moves_case:
            db.session.refresh(case)
            _put_back(case, before)
            _apply_effects(definition, answers, case, by, first=False)
        _log(record, "amended", by, changes)
    return {}


def signs_off(definition: FormDef) -> str:
    """The role that signs off a form: its own, else the team manager."""
    return definition.signed_off_by or pathway.TEAM_MANAGER


def sign_off(record: FormRecord, by: str, roles: frozenset[str] = EVERY_ROLE) -> FormRecord:
    if record.status == SIGNED_OFF:
        raise AlreadyDone(ALREADY_SIGNED_OFF)
    if record.status != SUBMITTED:
        raise RecordingError("Only a submitted form can be signed off")
    wanted = signs_off(definition_of(record))
    if wanted not in roles:
        raise NotYourRole(f"The {pathway.CASE_ROLES[wanted].lower()} signs off this form. "
                          f"{_you_are(roles)}.")
    if record.submitted_by == by:
        raise RecordingError("A manager other than the person who submitted it must sign it off")
    with transaction():
        # Conditional, like submitting: of two sign-offs at once only one matches.
        done = db.session.execute(
            update(FormRecord)
            .where(FormRecord.tenant_id == record.tenant_id, FormRecord.id == record.id,
                   FormRecord.status == SUBMITTED)
            .values(status=SIGNED_OFF, signed_off_by=by, signed_off_at=utcnow(),
                    revision=FormRecord.revision + 1)
            .execution_options(synchronize_session=False))
        if done.rowcount != 1:
            raise AlreadyDone(ALREADY_SIGNED_OFF)
        db.session.refresh(record)
        _log(record, "signed off", by, {})
    return record


def copy_to_siblings(record: FormRecord, case: Case, by: str) -> list[Case]:
    """Put this form's family answers on each sibling's record, in a draft of the same form.

    An existing draft of the form on a sibling's record is updated; otherwise one is started.
    All the siblings or none: if a sibling's draft was saved by someone else meanwhile,
    nothing is copied and RecordingError says so.
    """
    definition = definition_of(record)
    shared = {f.key: record.answers.get(f.key) for f in definition.fields if f.family}
    if not any(not answer_rules.is_empty(v) for v in shared.values()):
        raise RecordingError("This form has no family information to copy yet")
    siblings = sibling_cases(case)
    try:
        with transaction():
            # One copy of this form at a time: the first statement takes its row (on
            # SQLite, the database) for writing, so a second copy at the same moment waits,
            # then finds the drafts the first one started instead of starting more.
            db.session.execute(
                update(FormRecord).where(FormRecord.tenant_id == record.tenant_id,
                                         FormRecord.id == record.id)
                .values(updated_at=FormRecord.updated_at)
                .execution_options(synchronize_session=False))
            for sibling in siblings:
                draft = db.session.scalars(
                    select(FormRecord).where(FormRecord.case_id == sibling.id,
                                             FormRecord.form_key == record.form_key,
                                             FormRecord.status == DRAFT)
                    .order_by(FormRecord.id.desc())
                    .execution_options(populate_existing=True)).first()
                if draft is None:
                    draft = start(sibling, record.version_set, record.form_key, by)
                save(draft, {**draft.answers, **shared}, draft.revision, by)
    except (Conflict, AlreadyDone):
        raise RecordingError(
            "Someone changed this form on a brother's or sister's record at the same "
            "moment, so nothing was copied. Copy again to put the family information on "
            "every sibling's record.") from None
    return siblings


def _case_value(value):
    return ",".join(str(v) for v in value) if isinstance(value, list) else value


def _apply_effects(definition: FormDef, answers: dict, case: Case, by: str,
                   first: bool = True) -> None:
    """Each effect whose answers hold: the move it names (the first such move, checked
    beforehand by `pathway_problems`), on its date, and the dates and values it records;
    on the `first` submission, its case note and chronology line too."""
    moved = False
    for effect in definition.effects:
        if not effect.matches(answers):
            continue
        if effect.move and not moved:  # the first move whose answers hold, as checked
            moved = True
            transition = pathway.TRANSITIONS[effect.move]
            to = pathway.destination(transition, case)
            reason = pathway.closure_reason(transition, case) if to == "closed" else None
            case.strategy_from = pathway.plan_held_during(case, to, transition)
            case.stage = to
            on = answers.get(effect.on)
            case.stage_on = date.fromisoformat(on) if isinstance(on, str) else today()
            if to == "closed":
                case.closed_on = case.stage_on
                case.closure_reason = reason or case.closure_reason
            elif pathway.STAGE_BY_KEY[to].open:
                case.closed_on = case.closure_reason = None  # open again
            if not pathway.keeps_plan_category(to, case.strategy_from):
                case.plan_category = None  # the plan has ended (or never began)
        for column, key in effect.dates.items():
            if isinstance(answers.get(key), str):
                setattr(case, column, date.fromisoformat(answers[key]))
        for column, key in effect.values.items():
            value = answers.get(key)
            # Only what the case can hold (a draft may map a free-text answer here).
            if not answer_rules.is_empty(value) and \
                    pathway.case_value_allowed(column, _case_value(value)):
                setattr(case, column, _case_value(value))
        for column, value in effect.set.items():
            if column != "closure_reason" or case.stage == "closed":  # back on a plan
                setattr(case, column, value)
        if effect.note and first:
            _note_from(effect.note, definition, answers, case, by)
    if first:
        _chronology_from(definition, answers, case, by)


def _first_date(definition: FormDef, answers: dict) -> date:
    """The day the form is about (never the child's date of birth in a legacy form's
    Section A): its first own date question answered; else today."""
    for key in definition.day_fields:
        if isinstance(answers.get(key), str) and answers[key]:
            return date.fromisoformat(answers[key])
    return today()


def _note_from(note: dict, definition: FormDef, answers: dict, case: Case, by: str) -> None:
    body = "\n\n".join(str(answers[k]) for k in note["body"] if answers.get(k))
    subject = answers.get(note.get("subject") or "") or f"{note['kind']} – {case.child.first_name}"
    tenancy.add_new(CaseNote(case_id=case.id, author_id=None, recorded_by=by,
                             written_on=_first_date(definition, answers), kind=note["kind"],
                             subject=subject, body=body or "(no details recorded)"))


# The chronology line each submitted pathway form adds (case notes and visits add a note).
CHRONOLOGY_KIND = {
    "contact_referral": "decision", "strategy_discussion": "meeting",
    "initial_conference": "meeting", "core_group_review": "meeting",
    "review_conference": "meeting", "child_family_assessment": "significant_event",
    "section47_enquiry": "significant_event", "conference_report": "significant_event",
    "early_help_assessment": "significant_event", "early_help_plan": "meeting",
    "cin_plan": "decision", "cin_review": "meeting", "closure": "decision",
    # A manager's decision on the case is a decision in the child's story (PRACTICE.md
    # section 7); supervision is not an event in the child's life: it stays a case note.
    "management_oversight": "decision",
    # Looked-after children (a visit adds a note, as any visit does).
    "looked_after_start": "significant_event", "care_plan": "decision",
    "placement_plan": "decision", "lac_review": "meeting", "health_assessment":
    "significant_event", "personal_education_plan": "meeting", "ceased_looked_after":
    "significant_event", "pathway_plan": "decision",
}


def _chronology_from(definition: FormDef, answers: dict, case: Case, by: str) -> None:
    """Each submitted pathway form is a dated line in the chronology."""
    kind = CHRONOLOGY_KIND.get(definition.key)
    if kind is None:
        return
    tenancy.add_new(ChronologyEntry(case_id=case.id,
                                    occurred_on=_first_date(definition, answers), kind=kind,
                                    title=f"{definition.title} recorded",
                                    detail=f"{definition.title} submitted by {by}.",
                                    source="Children's social care"))
