"""The working group's drafts of the next version of a form."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.core.clock import utcnow
from sandbox.core.extensions import db


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
    # The sandbox tenant this draft made to try itself in, by id: a reset swaps in a copy
    # and moves this link with it (sandbox.tenants.spares); a tenant that merely has the
    # name the draft would give one is never taken for it.
    tenant_id: Mapped[int | None] = mapped_column(ForeignKey("tenants.id", ondelete="SET NULL"))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    tenant = relationship("Tenant")

    @property
    def version_set(self) -> str:
        return f"draft-{self.id}"
