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

from sandbox.cases.models import Case, CaseNote
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
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


def _missed_visit(case: Case) -> None:
    if case.stage not in ON_A_PLAN:
        raise ExerciseError("Only a child on a plan has visits due by a standard, so a "
                            "missed one can be planted")
    visits = _records(case, "visit")
    if len(visits) < 3:
        raise ExerciseError("This record has too few visits to leave one out")
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


def _plan_without_category(case: Case) -> None:
    if case.stage not in ("cp_plan", "review_due"):
        raise ExerciseError("Only a child protection plan has a category to leave out")
    case.plan_category = None
    _blank(case, {"categories", "category_change"})


def _child_voice_absent(case: Case) -> None:
    removed: set[str] = set()
    if not _blank(case, CHILD_VOICE, removed):
        raise ExerciseError("This record holds none of the child's words to take out")
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


def _strategy_without_police(case: Case) -> None:
    records = _records(case, "strategy_discussion")
    if not records:
        raise ExerciseError("This record has no strategy discussion")
    record = records[-1]
    answers = record.answers
    group = next(f for f in _definition(record).fields if "participants" in f.statutory)
    agency = next(s.key for s in group.fields if "participant_agency" in s.statutory)
    answers[group.key] = [r for r in answers.get(group.key) or []
                          if r.get(agency) != "police"]
    record.answers_json = json.dumps(answers)


PLANT = {"missed_visit": _missed_visit, "plan_without_category": _plan_without_category,
         "child_voice_absent": _child_voice_absent,
         "strategy_without_police": _strategy_without_police}


def plant(case: Case, gaps, by: str) -> AnswerKey:
    """Plant `gaps` in the child's record and keep them in an answer key (in the caller's
    transaction: the gaps and their key, or neither)."""
    unknown = [k for k in gaps if k not in GAPS]
    if unknown or not gaps:
        raise ExerciseError(f"Choose gaps from: {', '.join(GAPS)}")
    for key in dict.fromkeys(gaps):
        PLANT[key](case)
    key = AnswerKey(tenant_id=case.tenant_id, case_id=case.id, gaps_json=json.dumps(
        list(dict.fromkeys(gaps))), planted_by=by)
    db.session.add(key)
    db.session.flush()
    return key


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
