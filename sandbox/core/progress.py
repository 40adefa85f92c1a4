"""Long work shown as it goes: one mechanism for every kind (preparing a room's seats,
creating a large training copy, the census check of a large copy).

The work runs after the response (sandbox.core.deferred) and says how far it has got
through a `shown(done, total)` callback: the command line prints each step; a page asks
the database, so any worker process can answer, and refreshes itself while the work is
under way (templates/_progress.html: without JavaScript a page that reloads, with it the
same region updated in place, a polite live region either way).

A room's seats say themselves how far the preparing has got (sandbox.scenarios.preparing);
other work keeps its progress, and its outcome, in a `long_work` row: `begin` makes it,
`runner` gives the `shown` that writes to it, `finish` and `failed` end it. The work after
a response is bounded with its request (WEB_TIMEOUT, gunicorn.conf.py's watchdog), so a row
not carried on for longer than that was left by a worker that was ended: its page says so.
"""

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.core.clock import utcnow
from sandbox.core.extensions import db
from sandbox.core.transactions import transaction

# Past WEB_TIMEOUT, time for the watchdog (it looks every second) to end the worker.
MARGIN = timedelta(seconds=5)
EVERY = 0.5  # seconds between two writes of how far the work has got


class LongWork(db.Model):
    __tablename__ = "long_work"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))  # "tenant", "census"
    # What it is about, as its kind names it (a tenant's name; a census check's copy,
    # year and forms), so that a page can find the work it started.
    subject: Mapped[str] = mapped_column(String(300), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    problem: Mapped[str | None] = mapped_column(Text)  # why it could not be done
    result_json: Mapped[str | None] = mapped_column(Text)  # what it made, as its kind says

    @property
    def stopped(self) -> bool:
        """Left unfinished by a worker that stopped (its process ended halfway)."""
        bound = timedelta(seconds=current_app.config["WEB_TIMEOUT"]) + MARGIN
        return self.finished_at is None and self.updated_at < utcnow() - bound

    @property
    def result(self):
        return json.loads(self.result_json) if self.result_json else None


@dataclass(frozen=True)
class Shown:
    """How far work has got, as a page shows it."""

    done: int
    total: int

    @property
    def under_way(self) -> bool:
        return self.done < self.total


def begin(kind: str, subject: str, user_id: int | None, total: int = 0) -> LongWork:
    with transaction():
        work = LongWork(kind=kind, subject=subject, user_id=user_id, total=total)
        db.session.add(work)
    return work


def latest(kind: str, subject: str) -> LongWork | None:
    return db.session.scalars(select(LongWork).where(
        LongWork.kind == kind, LongWork.subject == subject)
        .order_by(LongWork.id.desc()).limit(1)).first()


def runner(work_id: int, also: Callable[[int, int], None] | None = None
           ) -> Callable[[int, int], None]:
    """The `shown(done, total)` for work `work_id`: kept in its row (at most every EVERY
    seconds, and always the last two steps: a last step may be long, such as saving all
    that was made), and passed on to `also` (the command line)."""
    last = [0.0]

    def shown(done: int, total: int) -> None:
        if also:
            also(done, total)
        now = time.monotonic()
        if now - last[0] < EVERY and done < total - 1:
            return
        last[0] = now
        with transaction():
            work = db.session.get(LongWork, work_id)
            work.done, work.total, work.updated_at = done, total, utcnow()

    return shown


def finish(work_id: int, result) -> None:
    with transaction():
        work = db.session.get(LongWork, work_id)
        work.finished_at = work.updated_at = utcnow()
        work.done = work.total = max(work.total, 1)
        work.result_json = json.dumps(result, default=str)


def failed(work_id: int, problem: str) -> None:
    db.session.rollback()
    with transaction():
        work = db.session.get(LongWork, work_id)
        work.finished_at = work.updated_at = utcnow()
        work.problem = problem


def echo(words: str | Callable[[int, int], str], every: float = 0.0,
         err: bool = False) -> Callable[[int, int], None]:
    """A `shown` for the command line: a line a step, "<words>: 3 of 30" (or what
    `words(done, total)` says); with `every`, at most one line in that many seconds
    besides the first and the last; `err`: on standard error, when standard output is
    the answer (a report). (None with --json: the output is the answer alone.)"""
    import click

    last = [None]

    def shown(done: int, total: int) -> None:
        now = time.monotonic()
        if every and last[0] is not None and now - last[0] < every and done < total:
            return
        last[0] = now
        click.echo(words(done, total) if callable(words) else f"{words}: {done} of {total}",
                   err=err)

    return shown
