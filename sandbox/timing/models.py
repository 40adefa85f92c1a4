"""Time spent on forms (measured in the sandbox) and time-tracking studies (imported).

Both are control data, kept apart from tenants' records so that resetting a tenant or a
training seat never loses the evidence.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.core.clock import utcnow
from sandbox.core.extensions import db


class FormSitting(db.Model):
    """One stretch of one person with one form open: from opening the page to leaving it.

    A piece of work is every sitting on one form record, from starting it to submitting.
    """

    __tablename__ = "form_sittings"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="SET NULL"), index=True)
    tenant_name: Mapped[str] = mapped_column(String(64))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="SET NULL"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    username: Mapped[str] = mapped_column(String(64))
    # The form record inside the tenant; with the time it was started, one piece of work
    # even after the tenant is reset and its ids are used again.
    record_id: Mapped[int]
    record_started_at: Mapped[datetime]
    case_id: Mapped[int]
    form_key: Mapped[str] = mapped_column(String(60), index=True)
    version_set: Mapped[str] = mapped_column(String(30))
    definition_version: Mapped[int]
    scenario_key: Mapped[str | None] = mapped_column(String(80))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    active_seconds: Mapped[int] = mapped_column(default=0)
    pings: Mapped[int] = mapped_column(default=0)
    # False when measured without JavaScript: from opening the page to saving it.
    precise: Mapped[bool] = mapped_column(default=True)
    submitted: Mapped[bool] = mapped_column(default=False)


class TrackedWork(db.Model):
    """One piece of work from a time-tracking study done by hand in live practice."""

    __tablename__ = "tracked_work"

    id: Mapped[int] = mapped_column(primary_key=True)
    study: Mapped[str] = mapped_column(String(80), index=True)
    work_type: Mapped[str] = mapped_column(String(100))
    period: Mapped[str] = mapped_column(String(10))  # before or after
    minutes: Mapped[float]
    case: Mapped[str] = mapped_column(String(60))
    imported_by: Mapped[str] = mapped_column(String(120))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


class QuestionPairVerdict(db.Model):
    """The working group's word on a suggested pair of questions that ask the same."""

    __tablename__ = "question_pair_verdicts"

    version_set: Mapped[str] = mapped_column(String(30), primary_key=True)
    first: Mapped[str] = mapped_column(String(130), primary_key=True)  # form/field
    second: Mapped[str] = mapped_column(String(130), primary_key=True)
    verdict: Mapped[str] = mapped_column(String(12))  # confirmed or dismissed
    by: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(default=utcnow)
