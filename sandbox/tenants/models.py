"""Training tenants and their snapshots (control data)."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from sandbox.core.clock import utcnow
from sandbox.core.extensions import db


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
    # The day its data stands at (seed.anchor); unknown for an import that did not say.
    anchor_on: Mapped[date | None]
    # zlib-compressed JSON in the export format; deferred so lists stay light.
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(64))


LIVE, SPARE, RETIRED = "live", "spare", "retired"
# A hidden copy of a room's start that its seats are copied from while they are prepared
# in the background (sandbox.scenarios.preparing): no one works in it, so every seat is
# copied from the same untouched start; removed when the room is ready.
SOURCE = "source"
RESET_EVERY = {"": "Never", "nightly": "Every night", "weekly": "Every week"}


class Tenant(db.Model):
    """A training copy of the recording system.

    Only live tenants are seen. A spare is a ready copy of a live tenant's baseline: a
    reset swaps it in at once (sandbox.tenants.spares) and the old copy is retired, to be
    removed after the response.
    """

    __tablename__ = "tenants"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    state: Mapped[str] = mapped_column(String(10), default=LIVE, server_default=LIVE,
                                       index=True)
    spare_for_id: Mapped[int | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="SET NULL"), index=True)
    # New starters' practice tenants put themselves back: "", "nightly" or "weekly".
    reset_every: Mapped[str] = mapped_column(String(10), default="", server_default="")
    next_reset_at: Mapped[datetime | None]
    seed: Mapped[int | None]
    families: Mapped[int]
    # Which set of form definitions this tenant records with: "streamlined" or "legacy".
    form_version: Mapped[str] = mapped_column(String(30), default="streamlined")
    baseline_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id"))
    # The day its world stands at (seed.anchor): by default the day it was made, so due
    # dates and ages make sense on the training day; a reset can move it to today. Any
    # snapshot put back is moved from its own anchor to this one.
    anchor_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(64))
    last_reset_at: Mapped[datetime | None]
    # Goes up by one with every reset. A reset goes ahead only from the generation it saw,
    # and every write inside the tenant checks the one its request began with
    # (sandbox.core.tenancy.hold): one conditional UPDATE of this row decides who wins.
    generation: Mapped[int] = mapped_column(default=0, server_default="0")

    baseline = relationship(Snapshot)

    @property
    def reset_every_label(self) -> str:
        return RESET_EVERY.get(self.reset_every, self.reset_every)
