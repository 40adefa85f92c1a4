"""A person working through a scenario in a tenant (control data, outside the tenant)."""

import json
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.core.clock import utcnow
from sandbox.core.extensions import db


class ScenarioRun(db.Model):
    __tablename__ = "scenario_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # Kept when its tenant goes (a reset may swap in a fresh copy): every attempt at a
    # session's scenario stays in its results.
    tenant_id: Mapped[int | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="SET NULL"), index=True)
    scenario_key: Mapped[str] = mapped_column(String(80))
    form_version: Mapped[str] = mapped_column(String(30))
    case_id: Mapped[int]  # the case the scenario is about, local to the tenant
    step_index: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    step_started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    # [{"step": i, "done_at": iso, "hints": n}], and the pages visited on the current step.
    completed_json: Mapped[str] = mapped_column(Text, default="[]")
    visited_json: Mapped[str] = mapped_column(Text, default="[]")
    hints_shown: Mapped[int] = mapped_column(default=0)
    # "Check my work" presses that found the step not done yet: {step index: count}.
    failed_json: Mapped[str] = mapped_column(Text, default="{}")
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="SET NULL"), index=True)
    # The newest chronology entry when the run began: only later entries count.
    chronology_mark: Mapped[int] = mapped_column(default=0)
    # Read once and held by the run (the panel asks for it twice a page).
    session: Mapped["TrainingSession | None"] = relationship(viewonly=True)

    @property
    def completed(self) -> list[dict]:
        return json.loads(self.completed_json)

    @property
    def visited(self) -> list[str]:
        return json.loads(self.visited_json)

    @property
    def failed(self) -> dict[str, int]:
        return json.loads(self.failed_json or "{}")


class TrainingSession(db.Model):
    """A trainer's room: one scenario, a seat (its own tenant) for each trainee."""

    __tablename__ = "training_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    scenario_key: Mapped[str] = mapped_column(String(80))
    form_version: Mapped[str] = mapped_column(String(30))
    join_code: Mapped[str] = mapped_column(String(8), unique=True)
    # A proficiency check: no hints or guidance, every check scored.
    proficiency: Mapped[bool] = mapped_column(default=False)
    start_snapshot_id: Mapped[int | None] = mapped_column(
        ForeignKey("snapshots.id", ondelete="SET NULL"))
    trainer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # None while a session set up for later waits for its trainer to start it: its seats
    # are prepared meanwhile (sandbox.scenarios.preparing), and no one joins yet.
    started_at: Mapped[datetime | None] = mapped_column(default=utcnow)
    # When a worker last claimed (or carried on) preparing the seats: one at a time.
    seats_claimed_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    keep_until: Mapped[datetime | None]


class Seat(db.Model):
    __tablename__ = "seats"
    # One seat per person in a session, however many times they join at once. (NULLs,
    # the free seats, never clash.)
    __table_args__ = (UniqueConstraint("session_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]  # 0 is the front of the room: the trainer's own case
    tenant_id: Mapped[int | None] = mapped_column(ForeignKey("tenants.id", ondelete="SET NULL"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The part the person in this seat plays (sandbox.casework.pathway.CASE_ROLES), chosen by the
    # trainer; None: every part, as someone working through a case alone does.
    case_role: Mapped[str | None] = mapped_column(String(30))


class SessionPoint(db.Model):
    """A point a trainer saved in a session: the front of the room's case as it was (a
    snapshot), and the step of the scenario it stands for, so seats reset to it carry on
    from that step on the same child."""

    __tablename__ = "session_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id", ondelete="CASCADE"),
                                             unique=True)
    label: Mapped[str] = mapped_column(String(60))
    # The front of the room's run when the point was saved; None when the trainer had
    # not started the scenario there (seats then stay at their own step).
    step_index: Mapped[int | None]
    case_id: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Reflection(db.Model):
    """A trainee's answers to the short questionnaire at the end of a scenario."""

    __tablename__ = "reflections"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    tenant_id: Mapped[int | None] = mapped_column(ForeignKey("tenants.id", ondelete="SET NULL"))
    scenario_key: Mapped[str] = mapped_column(String(80))
    form_version: Mapped[str] = mapped_column(String(30))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="SET NULL"))
    easier: Mapped[str] = mapped_column(Text, default="")
    harder: Mapped[str] = mapped_column(Text, default="")
    repeated: Mapped[str] = mapped_column(Text, default="")
    serves_purpose: Mapped[str] = mapped_column(String(20), default="")
    change: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
