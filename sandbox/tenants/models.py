"""Training tenants and their snapshots (control data)."""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from sandbox.extensions import db
from sandbox.timeutil import utcnow


class Snapshot(db.Model):
    """A saved state of a tenant's data, from which tenants are reset or started.

    A generated tenant's baseline is a snapshot of kind "baseline" that belongs to it; a
    trainer's named snapshots (kind "saved") outlive the tenant they came from.
    """

    __tablename__ = "snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # "baseline" or "saved"
    source_tenant: Mapped[str] = mapped_column(String(64))
    seed: Mapped[int | None]
    families: Mapped[int]
    form_version: Mapped[str] = mapped_column(String(30), default="streamlined")
    rows: Mapped[int]
    # zlib-compressed JSON in the export format; deferred so lists stay light.
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(64))


class Tenant(db.Model):
    __tablename__ = "tenants"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    seed: Mapped[int | None]
    families: Mapped[int]
    # Which set of form definitions this tenant records with: "streamlined" or "legacy".
    form_version: Mapped[str] = mapped_column(String(30), default="streamlined")
    baseline_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(64))
    last_reset_at: Mapped[datetime | None]

    baseline = relationship(Snapshot)
