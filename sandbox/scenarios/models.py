"""A person working through a scenario in a tenant (control data, outside the tenant)."""

import json
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.extensions import db
from sandbox.timeutil import utcnow


class ScenarioRun(db.Model):
    __tablename__ = "scenario_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"),
                                           index=True)
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
    # The newest chronology entry when the run began: only later entries count.
    chronology_mark: Mapped[int] = mapped_column(default=0)

    @property
    def completed(self) -> list[dict]:
        return json.loads(self.completed_json)

    @property
    def visited(self) -> list[str]:
        return json.loads(self.visited_json)
