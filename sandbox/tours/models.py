"""A person's runs through tours and their place on a learning path (control data,
outside the tenants: a reset of a training copy loses nobody's progress)."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.core.clock import utcnow
from sandbox.core.extensions import db

RUNNING, FINISHED, LEFT = "running", "finished", "left"


class TourRun(db.Model):
    """One go at a tour. A person has at most one running at a time (starting another
    ends it, left at its step); each go is kept, so the figures count every attempt."""

    __tablename__ = "tour_runs"
    __table_args__ = (
        Index("ix_tour_runs_user_status", "user_id", "status"),
        Index("ix_tour_runs_tour", "tour_key"),
        # One running tour a person, however many starts arrive at once (both databases).
        Index("uq_tour_runs_one_running", "user_id", unique=True,
              sqlite_where=text("status = 'running'"),
              postgresql_where=text("status = 'running'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    tour_key: Mapped[str] = mapped_column(String(80))
    # The training copy a tour of its pages runs in (by name: a reset keeps the name).
    tenant_name: Mapped[str] = mapped_column(String(64), default="")
    step: Mapped[int] = mapped_column(default=0)  # the step the person is on, from 0
    furthest: Mapped[int] = mapped_column(default=0)  # the furthest step reached
    status: Mapped[str] = mapped_column(String(12), default=RUNNING)
    # "list": gone through as the list of steps (without JavaScript), marked done.
    how: Mapped[str] = mapped_column(String(12), default="guided")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]


class PathPlace(db.Model):
    """The learning path a person is on, and at which pace (a trainer may give a slower
    path with more guidance)."""

    __tablename__ = "path_places"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    path_key: Mapped[str] = mapped_column(String(80))
    pace: Mapped[str] = mapped_column(String(12), default="standard")
    set_by: Mapped[str] = mapped_column(String(120), default="")
    set_at: Mapped[datetime] = mapped_column(default=utcnow)
