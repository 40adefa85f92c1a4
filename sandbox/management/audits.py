"""Case file audits: an auditor picks a child's record in a training copy, answers the
tool's questions with a finding each, and grades the record; results are read by question
and by form across every submitted audit. A finding can be raised, in one click, as a
change request for the working group or a training need for trainers (through the
feedback area's public module)."""

from collections import Counter
from dataclasses import dataclass, field

from flask import g
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from sandbox.cases import records
from sandbox.core.clock import utcnow
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.transactions import transaction
from sandbox.feedback import queue, review
from sandbox.feedback.models import ReviewRound
from sandbox.management import tools
from sandbox.management.models import DRAFT, SUBMITTED, AuditFinding, CaseAudit

MAX_FINDING = 5000
RAISE_AS = {"change": "a change request", "training": "a training need"}


class AuditError(ServiceError):
    """An audit that cannot be started, saved or submitted as asked; the message says why."""


class NotFound(LookupError):
    pass


def _tool(key: str) -> tools.Tool:
    found = tools.tool(key)
    if found is None:
        raise AuditError("Choose an audit tool from the list", "tool")
    return found


def start(case_id: int, tool_key: str, user) -> CaseAudit:
    """The auditor's audit in progress of this child's record with this tool: started now,
    or the one they already began (of two presses at once, one makes it and both open
    it: a unique index on drafts)."""
    tool = _tool(tool_key)
    case = records.case(case_id)  # another copy's case, or none: records.NotFound
    mine = select(CaseAudit).where(CaseAudit.tenant_id == g.tenant.id,
                                   CaseAudit.case_id == case.id,
                                   CaseAudit.tool_key == tool.key,
                                   CaseAudit.auditor_id == user.id,
                                   CaseAudit.status == DRAFT)
    found = db.session.scalar(mine)
    if found is not None:
        return found
    try:
        with transaction():
            audit = CaseAudit(tenant_id=g.tenant.id, tenant_name=g.tenant.name,
                              case_id=case.id, child_name=case.child.full_name,
                              tool_key=tool.key, auditor_id=user.id,
                              auditor_name=user.full_name)
            db.session.add(audit)
    except IntegrityError:
        db.session.rollback()
        audit = db.session.scalar(mine)
    return audit


def moderate(first: CaseAudit, user) -> CaseAudit:
    """A second auditor moderates `first` blind: they audit the same record with the same
    tool, and a review round holds both audits' findings back until both are submitted.
    Of two moderators at once, one opens the round; the other is told."""
    if first.auditor_id == user.id:
        raise AuditError("A second auditor moderates an audit: ask a colleague")
    if first.status != SUBMITTED:
        raise AuditError("This audit can be moderated once its auditor submits it")
    if first.round_id is not None:
        round_members = {m.id for m in review.asked(db.session.get(ReviewRound,
                                                                   first.round_id))}
        if user.id not in round_members:
            raise AuditError("Someone else is already moderating this audit")
        return start(first.case_id, first.tool_key, user)
    mine = start(first.case_id, first.tool_key, user)
    with transaction():  # the round and its hold on the audit, or neither
        round_ = review.open_blind(f"Moderation: {first.child_name}'s record",
                                   [first.auditor_id, user.id], user.full_name)
        taken = db.session.execute(
            update(CaseAudit).where(CaseAudit.id == first.id, CaseAudit.round_id.is_(None))
            .values(round_id=round_.id).execution_options(synchronize_session=False)
        ).rowcount
        if taken != 1:
            raise AuditError("Someone else began moderating this audit a moment ago")
        mine.round_id = round_.id
    db.session.refresh(first)
    return mine


def round_of(audit: CaseAudit) -> ReviewRound | None:
    return db.session.get(ReviewRound, audit.round_id) if audit.round_id else None


def may_read(audit: CaseAudit, user) -> bool:
    """An auditor reads their own audit; anyone else only once its moderation round is
    revealed, so a moderator's first view of the record is their own."""
    if audit.auditor_id == user.id:
        return True
    round_ = round_of(audit)
    return round_ is not None and review.revealed(round_)


def moderation(audit: CaseAudit) -> list[CaseAudit]:
    """The audits of the same record in this audit's round, once revealed."""
    round_ = round_of(audit)
    if round_ is None or not review.revealed(round_):
        return []
    return db.session.scalars(select(CaseAudit).where(CaseAudit.round_id == round_.id)
                              .order_by(CaseAudit.submitted_at, CaseAudit.id)).all()


def in_this_copy() -> list[CaseAudit]:
    return db.session.scalars(select(CaseAudit).where(CaseAudit.tenant_id == g.tenant.id)
                              .order_by(CaseAudit.id.desc())).all()


def audit(audit_id: int) -> CaseAudit:
    """An audit made in the copy open now; any other answers 404."""
    found = db.session.scalar(select(CaseAudit).where(CaseAudit.id == audit_id,
                                                      CaseAudit.tenant_id == g.tenant.id))
    if found is None:
        raise NotFound
    return found


def findings(audit: CaseAudit) -> dict[str, AuditFinding]:
    return {f.question_key: f for f in db.session.scalars(
        select(AuditFinding).where(AuditFinding.audit_id == audit.id))}


def save(audit: CaseAudit, answers: dict, user, submit: bool = False) -> None:
    """`answers`: {"grade", "summary", "answer-<question>", "finding-<question>"}, as the
    page sends them. Submitting needs every question answered and a grade; a submitted
    audit no longer changes."""
    if audit.auditor_id != user.id:
        raise AuditError("Only the auditor who began this audit can change it")
    tool = _tool(audit.tool_key)
    grade = answers.get("grade") or None
    if grade is not None and tool.grade(grade) is None:
        raise AuditError("Choose a grade from the list", "grade")
    given = {}
    for question in tool.questions:
        answer = answers.get(f"answer-{question.key}") or None
        if answer is not None and answer not in tools.ANSWERS:
            raise AuditError("Choose Yes, Partly or No", f"answer-{question.key}")
        text = (answers.get(f"finding-{question.key}") or "").strip()
        if len(text) > MAX_FINDING:
            raise AuditError(f"Keep each finding to {MAX_FINDING:,} characters",
                             f"finding-{question.key}")
        given[question.key] = (answer, text)
    if submit:
        missing = [q for q in tool.questions if given[q.key][0] is None]
        if missing:
            raise AuditError(f"Answer every question before you submit: “{missing[0].text}”",
                             f"answer-{missing[0].key}")
        if grade is None:
            raise AuditError("Choose a grade for the record before you submit", "grade")
    with transaction():
        # Only while still a draft: a second submit, or a save after it, changes nothing.
        changed = db.session.execute(
            update(CaseAudit).where(CaseAudit.id == audit.id, CaseAudit.status == DRAFT)
            .values(grade=grade, summary=(answers.get("summary") or "").strip()[:MAX_FINDING],
                    status=SUBMITTED if submit else DRAFT,
                    submitted_at=utcnow() if submit else None)).rowcount
        if changed != 1:
            raise AuditError("This audit was submitted, so it can no longer change")
        kept = findings(audit)
        for key, (answer, text) in given.items():
            row = kept.get(key) or AuditFinding(audit_id=audit.id, question_key=key)
            row.answer, row.finding = answer, text
            db.session.add(row)
    db.session.refresh(audit)
    round_ = round_of(audit)
    if submit and round_ is not None:
        done = db.session.scalars(select(CaseAudit.auditor_id).where(
            CaseAudit.round_id == round_.id, CaseAudit.status == SUBMITTED)).all()
        review.reveal_when_all(round_, done, user)


def raise_finding(audit: CaseAudit, question_key: str, how: str, user) -> str:
    """A finding, as a change request for the working group or a training need."""
    if not may_read(audit, user):
        raise NotFound
    tool = _tool(audit.tool_key)
    question = next((q for q in tool.questions if q.key == question_key), None)
    found = findings(audit).get(question_key)
    if question is None or how not in RAISE_AS:
        raise AuditError("Choose a finding and what to make of it")
    if found is None or not found.finding:
        raise AuditError("Write the finding before you raise it", f"finding-{question_key}")
    round_ = round_of(audit)
    if round_ is not None and not review.revealed(round_):
        # The queues are read by others, a moderator among them: blind until revealed.
        raise AuditError("Raise this finding once the moderation is revealed: the second "
                         "auditor reads the record for themselves first")
    text = (f"Case file audit of {audit.child_name}'s record, “{question.text}”: "
            f"{found.finding}")[:queue.MAX_TEXT]
    context = {"tenant_name": audit.tenant_name, "case_id": audit.case_id,
               "form_key": question.form, "place": f"Case file audit: {question.text}"}
    if how == "training":
        queue.capture(user, "training", text, context, source="audit")
        return RAISE_AS[how]
    with transaction():  # the note and the request it becomes, or neither
        item = queue.capture(user, "practice", text, context, source="audit")
        queue.make_request([item.id], problem=text, proposal="", priority="medium",
                           by=user.full_name)
    return RAISE_AS[how]


@dataclass
class QuestionResult:
    question: tools.Question
    answers: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.answers.values())


@dataclass
class Results:
    tool: tools.Tool
    audits: int
    grades: Counter
    by_question: list[QuestionResult]
    by_form: dict[str, Counter]


def results(tool_key: str) -> Results:
    """Every submitted audit with this tool, whatever copy it was made in."""
    tool = _tool(tool_key)
    done = db.session.scalars(select(CaseAudit).where(CaseAudit.tool_key == tool.key,
                                                      CaseAudit.status == SUBMITTED)).all()
    ids = [a.id for a in done]
    rows = db.session.scalars(select(AuditFinding).where(AuditFinding.audit_id.in_(ids))
                              ).all() if ids else []
    by_question = {q.key: QuestionResult(q) for q in tool.questions}
    by_form: dict[str, Counter] = {}
    for row in rows:
        if row.question_key in by_question and row.answer:
            result = by_question[row.question_key]
            result.answers[row.answer] += 1
            by_form.setdefault(result.question.form or "the record as a whole",
                               Counter())[row.answer] += 1
    return Results(tool, len(done), Counter(a.grade for a in done),
                   list(by_question.values()), by_form)
