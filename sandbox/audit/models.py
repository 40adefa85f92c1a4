from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.core.clock import utcnow
from sandbox.core.extensions import db


class AuditEvent(db.Model):
    """One thing done that an assurance team may ask about. Kept apart from every other
    table and never changed: names are copied in, so the record outlives what it names."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(64), default="", index=True)  # "" for nobody
    action: Mapped[str] = mapped_column(String(40), index=True)
    target: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(64), default="", index=True)
    succeeded: Mapped[bool] = mapped_column(default=True)
