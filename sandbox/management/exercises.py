"""Audit exercises: known gaps planted in a child's record in a training copy, kept in an
answer key the trainee never sees, and which of them a trainee's case file audit found.

A gap is planted in the copy's records (so it works on any generated copy, and a reset
takes it away again), by the form questions' statutory items, so that it means the same
in both form sets. A gap is found when the audit answers its question "No" or "Partly"
and says what was found.
"""

import json
import re
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import delete, select

from sandbox.cases.models import Case, CaseNote, ChronologyEntry
from sandbox.casework import pathway
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.management import tools
from sandbox.management.models import SUBMITTED, AnswerKey, AuditFinding, CaseAudit
from sandbox.recording.models import DRAFT, FormChange, FormRecord
from seed import stories

CHILD_VOICE = {"child_views", "child_voice", "child_words"}
FOUND = ("not_met", "partly")
# The visiting standard (PRACTICE.md section 2) applies to a child on a plan: only there is a
# missing visit a gap rather than a visit nobody owed.
ON_A_PLAN = ("cin_plan", "cp_plan", "review_due")
# The child's words as the generator writes them into a visit's case note: one paragraph.
_VOICE = [re.compile(r".+?".join(map(re.escape, re.split(r"\{\w+\}", t))) + "$")
          for band in stories.CHILD_VOICE.values() for t in band]


class ExerciseError(ServiceError):
    """A gap that cannot be planted in this record; the message says why."""


@dataclass(frozen=True)
class Gap:
    key: str
    label: str
    question: str  # the audit question (audits/case-file.yaml) that finds it


GAPS = {g.key: g for g in [
    Gap("missed_visit", "A statutory visit was missed", "visits"),
    Gap("plan_without_category", "The child protection plan has no category", "plan"),
    Gap("child_voice_absent", "The child's voice is absent from the record", "child_voice"),
    Gap("strategy_without_police", "A strategy discussion was held without the police",
        "strategy_partners"),
]}


def _records(case: Case, key: str | None = None) -> list[FormRecord]:
    statement = select(FormRecord).where(FormRecord.case_id == case.id,
                                         FormRecord.status != DRAFT)
    if key:
        statement = statement.where(FormRecord.form_key == key)
    return db.session.scalars(statement.order_by(FormRecord.id)).all()


def _definition(record: FormRecord):
    return current_app.extensions["forms"].form(record.version_set, record.form_key)


def _missed_visit_problem(case: Case) -> str | None:
    if case.stage not in ON_A_PLAN:
        return "Only a child on a plan has visits due by a standard, so a missed one can be " \
               "planted"
    if len(_records(case, "visit")) < 3:
        return "This record has too few visits to leave one out"
    return None


def _missed_visit(case: Case) -> None:
    visits = _records(case, "visit")
    gone = visits[-2]  # the one before the latest: the gap lies inside the record
    day = gone.answers.get(_date_key(gone))
    db.session.execute(delete(FormChange).where(FormChange.form_record_id == gone.id)
                       .execution_options(synchronize_session=False))
    db.session.delete(gone)
    if isinstance(day, str):
        db.session.execute(delete(CaseNote).where(
            CaseNote.case_id == case.id, CaseNote.kind == "Home visit",
            CaseNote.written_on == date.fromisoformat(day))
            .execution_options(synchronize_session=False))


def _date_key(record: FormRecord) -> str | None:
    return next((f.key for f in _definition(record).fields if f.kind == "date"), None)


def _plan_without_category_problem(case: Case) -> str | None:
    if case.stage not in ("cp_plan", "review_due"):
        return "Only a child protection plan has a category to leave out"
    return None


def _plan_without_category(case: Case) -> None:
    case.plan_category = None
    _blank(case, {"categories", "category_change"})
    # The conference's chronology line named the category too.
    _rewrite(case, None, _NO_CATEGORY)


def _child_voice_absent_problem(case: Case) -> str | None:
    held = any(record.answers.get(f.key) not in (None, "", []) for record in _records(case)
               for f in _definition(record).fields if CHILD_VOICE & set(f.statutory))
    return None if held else "This record holds none of the child's words to take out"


def _child_voice_absent(case: Case) -> None:
    removed: set[str] = set()
    _blank(case, CHILD_VOICE, removed)
    # The visit notes hold the child's words too (the visit form writes them there, and so
    # does the generator): take them out, or the record shows what the key calls absent.
    for note in db.session.scalars(select(CaseNote).where(
            CaseNote.case_id == case.id, CaseNote.kind == "Home visit")):
        kept = [p for p in note.body.split("\n\n") if p.strip() not in removed
                and not any(v.match(p.strip()) for v in _VOICE)]
        note.body = "\n\n".join(kept)


def _blank(case: Case, items: set[str], removed: set[str] | None = None) -> bool:
    """Empty every answer that records one of these statutory items (their texts are
    added to `removed`)."""
    changed = False
    for record in _records(case):
        answers = record.answers
        for f in _definition(record).fields:
            if items & set(f.statutory):
                value = answers.pop(f.key, None)
                if value not in (None, "", []):
                    changed = True
                    if removed is not None and isinstance(value, str):
                        removed.add(value.strip())
        record.answers_json = json.dumps(answers)
    return changed


def _strategy_without_police_problem(case: Case) -> str | None:
    records = _records(case, "strategy_discussion")
    if not records:
        return "This record has no strategy discussion"
    joint = next((f.key for f in _definition(records[-1]).fields
                  if "joint_enquiry" in f.statutory), None)
    if str(records[-1].answers.get(joint, "")).lower() == "yes":
        return "Its strategy discussion began a joint enquiry with the police, so it cannot " \
               "be shown without them"
    return None


def _strategy_without_police(case: Case) -> None:
    record = _records(case, "strategy_discussion")[-1]
    answers = record.answers
    fields = _definition(record).fields
    group = next(f for f in fields if "participants" in f.statutory)
    agency = next(s.key for s in group.fields if "participant_agency" in s.statutory)
    answers[group.key] = [r for r in answers.get(group.key) or []
                          if r.get(agency) != "police"]
    # Nor does the record say elsewhere what the police shared, or that they took part.
    for f in fields:
        if "agency_information" in f.statutory and "police" in f.key:
            answers.pop(f.key, None)
    record.answers_json = json.dumps(answers)
    held = answers.get(_date_key(record))
    _rewrite(case, date.fromisoformat(held) if isinstance(held, str) else None, _NO_POLICE)


# What the generated chronology and notes say of a planted gap, and what they say without
# it (seed.stories, seed.oversight): the record must not contradict its own gap.
_NO_POLICE = [
    (re.compile(r"with police, health and the referrer"), "with health"),
    (re.compile(r"Police and health shared what they hold\."), "Health shared what it holds."),
    (re.compile(r", not joint: the police open no criminal investigation"), ""),
    (re.compile(r"with the police and health"), "with health"),
    (re.compile(r", with the police if the enquiry is joint"), ""),
]
_NO_CATEGORY = [
    (re.compile(r" under the category of [^.]+\."), "."),
    (re.compile(r"Decision: child protection plan \([^)]*\)\."),
     "Decision: child protection plan."),
]


def _rewrite(case: Case, on: date | None, changes) -> None:
    """Apply `changes` to the child's chronology and case notes (those of day `on`, or all)."""
    def changed(text: str) -> str:
        for pattern, replacement in changes:
            text = pattern.sub(replacement, text)
        return text

    entries = select(ChronologyEntry).where(ChronologyEntry.case_id == case.id)
    notes = select(CaseNote).where(CaseNote.case_id == case.id)
    if on is not None:
        entries = entries.where(ChronologyEntry.occurred_on == on)
        notes = notes.where(CaseNote.written_on == on)
    for entry in db.session.scalars(entries):
        entry.title, entry.detail = changed(entry.title), changed(entry.detail)
    for note in db.session.scalars(notes):
        note.body = changed(note.body)
    # The written answers of the day's other forms (an oversight's decision and reasons).
    for record in _records(case):
        if record.form_key == "strategy_discussion":
            continue  # its attendees are changed by the gap itself
        day = record.answers.get(_date_key(record))
        if on is not None and day != on.isoformat():
            continue
        answers = {k: changed(v) if isinstance(v, str) else v
                   for k, v in record.answers.items()}
        if answers != record.answers:
            record.answers_json = json.dumps(answers)


PLANT = {"missed_visit": _missed_visit, "plan_without_category": _plan_without_category,
         "child_voice_absent": _child_voice_absent,
         "strategy_without_police": _strategy_without_police}
PROBLEM = {"missed_visit": _missed_visit_problem,
           "plan_without_category": _plan_without_category_problem,
           "child_voice_absent": _child_voice_absent_problem,
           "strategy_without_police": _strategy_without_police_problem}


def problem(case: Case, gaps) -> str | None:
    """Why these gaps cannot be planted in this child's record (None: they can)."""
    return next((found for key in dict.fromkeys(gaps) if key in PROBLEM
                 and (found := PROBLEM[key](case))), None)


def plant(case: Case, gaps, by: str) -> AnswerKey:
    """Plant `gaps` in the child's record and keep them in an answer key (in the caller's
    transaction: the gaps and their key, or neither)."""
    unknown = [k for k in gaps if k not in GAPS]
    if unknown or not gaps:
        raise ExerciseError(f"Choose gaps from: {', '.join(GAPS)}")
    if (why := problem(case, gaps)) is not None:
        raise ExerciseError(why)
    if answer_key(case.tenant_id, case.id):
        raise ExerciseError(f"{case.child.full_name}'s record already holds an audit "
                            "exercise; reset the copy to plant other gaps")
    for key in dict.fromkeys(gaps):
        PLANT[key](case)
    key = AnswerKey(tenant_id=case.tenant_id, case_id=case.id, gaps_json=json.dumps(
        list(dict.fromkeys(gaps))), planted_by=by)
    db.session.add(key)
    db.session.flush()  # planted at the same moment elsewhere: IntegrityError (one key)
    return key


def keyed_cases(tenant_id: int) -> set[int]:
    """The records of this copy that hold an exercise's gaps."""
    return set(db.session.scalars(select(AnswerKey.case_id).where(
        AnswerKey.tenant_id == tenant_id)))


def answer_key(tenant_id: int, case_id: int) -> list[str]:
    found = db.session.scalars(select(AnswerKey).where(
        AnswerKey.tenant_id == tenant_id, AnswerKey.case_id == case_id)
        .order_by(AnswerKey.id.desc())).first()
    return json.loads(found.gaps_json) if found else []


def latest_audit(tenant_id: int, case_id: int, user_id: int, tool_key: str, since=None):
    statement = select(CaseAudit).where(
        CaseAudit.tenant_id == tenant_id, CaseAudit.case_id == case_id,
        CaseAudit.auditor_id == user_id, CaseAudit.tool_key == tool_key,
        CaseAudit.status == SUBMITTED)
    if since is not None:
        statement = statement.where(CaseAudit.submitted_at >= since)
    return db.session.scalars(statement.order_by(CaseAudit.id.desc())).first()


def _first_date(record: FormRecord | None, item: str) -> date | None:
    if record is None:
        return None
    for f in _definition(record).fields:
        value = record.answers.get(f.key)
        if f.kind == "date" and item in f.statutory and isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return None
    return None


def _latest(case: Case, key: str) -> FormRecord | None:
    found = _records(case, key)
    return found[-1] if found else None


def _timely(case: Case) -> bool:
    """Whether the record shows the front-door decision within 1 working day of the contact
    and the assessment authorised within 45 working days of the referral."""
    contact = _latest(case, "contact_referral")
    received, decided = _first_date(contact, "received_at"), _first_date(contact, "decided_at")
    authorised = _first_date(_latest(case, "child_family_assessment"), "authorised_on")
    return None not in (received, decided, authorised, case.referral_on) and \
        decided <= pathway.add_working_days(received, 1) and \
        authorised <= pathway.add_working_days(case.referral_on, 45)


# Questions an exercise never plants a gap for, with how to tell from the record that it
# meets them: an audit answering them "No" has not read the record (a blanket "No" finds
# every gap, and no trainee learns from it).
MET = {"timeliness": _timely}


def misread(audit: CaseAudit, case: Case) -> list[str]:
    """The questions (their words) the audit marked not met, or partly met, that the record
    meets."""
    texts = {q.key: q.text for q in tools.tool(audit.tool_key).questions}
    return [texts[f.question_key] for f in db.session.scalars(
        select(AuditFinding).where(AuditFinding.audit_id == audit.id)
        .order_by(AuditFinding.question_key))
        if f.question_key in MET and f.answer in FOUND and MET[f.question_key](case)]


def found_in(audit: CaseAudit, gaps) -> tuple[list[str], list[str]]:
    """The planted gaps the audit found, and those it missed."""
    answers = {f.question_key: f for f in db.session.scalars(
        select(AuditFinding).where(AuditFinding.audit_id == audit.id))}
    found, missed = [], []
    for key in gaps:
        finding = answers.get(GAPS[key].question)
        hit = finding is not None and finding.answer in FOUND and finding.finding.strip()
        (found if hit else missed).append(key)
    return found, missed


@dataclass
class KeyedRecord:
    """An exercise in this copy, as a trainer debriefs it: the record, its planted gaps, and
    which each submitted audit of it found."""
    key: AnswerKey
    child_name: str
    gaps: list[Gap]
    audits: list[tuple[CaseAudit, list[str], list[str]]]  # the audit, found, misread


def keys_in_copy(tenant_id: int) -> list[KeyedRecord]:
    keys = db.session.scalars(select(AnswerKey).where(AnswerKey.tenant_id == tenant_id)
                              .order_by(AnswerKey.id)).all()
    out = []
    for key in keys:
        gaps = [GAPS[g] for g in json.loads(key.gaps_json) if g in GAPS]
        case = db.session.scalar(select(Case).where(Case.id == key.case_id))
        audits = db.session.scalars(select(CaseAudit).where(
            CaseAudit.tenant_id == tenant_id, CaseAudit.case_id == key.case_id,
            CaseAudit.status == SUBMITTED).order_by(CaseAudit.submitted_at)).all()
        rows = [(a, found_in(a, [g.key for g in gaps])[0],
                 misread(a, case) if case is not None else []) for a in audits]
        out.append(KeyedRecord(key, case.child.full_name if case else "(record removed)",
                               gaps, rows))
    return out

