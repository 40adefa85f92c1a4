"""Case file audits: control data beside the training copies (like scenario runs), so an
audit and its findings outlive a reset of the copy it was made in, and results can be
read across audits. A case is named by its id local to the copy."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.core.clock import utcnow
from sandbox.core.extensions import db

DRAFT, SUBMITTED = "draft", "submitted"


class CaseAudit(db.Model):
    __tablename__ = "case_audits"
    # One audit in progress of a case per auditor and tool in a copy: starting again
    # opens it (once submitted, starting again begins a new one).
    __table_args__ = (Index("uq_case_audit_draft", "tenant_id", "case_id", "tool_key",
                            "auditor_id", unique=True, sqlite_where=text("status = 'draft'"),
                            postgresql_where=text("status = 'draft'")),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="SET NULL"), index=True)
    tenant_name: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[int]
    child_name: Mapped[str] = mapped_column(String(130))
    tool_key: Mapped[str] = mapped_column(String(60))
    auditor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    auditor_name: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(20), default=DRAFT)
    grade: Mapped[str | None] = mapped_column(String(30))
    summary: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    # A moderated audit and its moderator's share one blind review round
    # (sandbox.feedback.review): neither sees the other's findings until both are in.
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("review_rounds.id", ondelete="SET NULL"))


class AuditFinding(db.Model):
    __tablename__ = "audit_findings"

    audit_id: Mapped[int] = mapped_column(
        ForeignKey("case_audits.id", ondelete="CASCADE"), primary_key=True)
    question_key: Mapped[str] = mapped_column(String(60), primary_key=True)
    answer: Mapped[str | None] = mapped_column(String(20))  # met, partly, not_met
    finding: Mapped[str] = mapped_column(Text, default="")


class AnswerKey(db.Model):
    """The gaps planted in a child's record for an audit exercise: shown to no trainee;
    a scenario's audit step checks the trainee's audit against it."""

    __tablename__ = "audit_answer_keys"
    # One key a record, whoever plants it at the same moment (a trainee's start, a
    # trainer's command line): the second finds the first's. A reset clears it.
    __table_args__ = (Index("uq_audit_answer_key", "tenant_id", "case_id", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int]
    gaps_json: Mapped[str] = mapped_column(Text)
    planted_by: Mapped[str] = mapped_column(String(120))
    planted_at: Mapped[datetime] = mapped_column(default=utcnow)
