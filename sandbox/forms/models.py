"""Forms recorded on a child's case, and the history of every change to them."""

import json
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.extensions import db
from sandbox.tenancy import TenantOwned, tenant_fk
from sandbox.timeutil import utcnow

DRAFT, SUBMITTED, SIGNED_OFF = "draft", "submitted", "signed_off"
STATUS_LABELS = {DRAFT: "Draft", SUBMITTED: "Submitted", SIGNED_OFF: "Signed off"}


class FormRecord(TenantOwned, db.Model):
    __tablename__ = "form_records"
    __table_args__ = tenant_fk("case_id", "cases")

    case_id: Mapped[int]
    form_key: Mapped[str] = mapped_column(String(60))
    version_set: Mapped[str] = mapped_column(String(30))
    definition_version: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), default=DRAFT)
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

    @property
    def answers(self) -> dict:
        return json.loads(self.answers_json or "{}")

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def editable(self) -> bool:
        return self.status == DRAFT


class FormChange(TenantOwned, db.Model):
    """One save, submission or sign-off: who, when, and each answer before and after."""

    __tablename__ = "form_changes"
    __table_args__ = tenant_fk("form_record_id", "form_records")

    form_record_id: Mapped[int]
    revision: Mapped[int]
    action: Mapped[str] = mapped_column(String(30))  # started, saved, submitted, signed off...
    changed_by: Mapped[str] = mapped_column(String(120))
    changed_at: Mapped[datetime]
    changes_json: Mapped[str] = mapped_column(Text, default="{}")

    @property
    def changes(self) -> dict:
        return json.loads(self.changes_json or "{}")


class FormDraft(db.Model):
    """The next version of one form, written by the working group to try before agreeing.

    Its text is a form definition as in forms/<set>/<form>.yaml; tenants made to try it
    record with the version set `draft-<id>`: the base set with this form replaced.
    """

    __tablename__ = "form_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_key: Mapped[str] = mapped_column(String(60))
    base_set: Mapped[str] = mapped_column(String(30))
    source: Mapped[str] = mapped_column(Text)
    change_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("change_requests.id", ondelete="SET NULL"), index=True)
    tenant_name: Mapped[str | None] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def version_set(self) -> str:
        return f"draft-{self.id}"
