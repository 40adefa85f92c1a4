"""Limits on attempts (sign-ins, join codes): one counter per thing counted and time window.

Each attempt takes a slot before the password or code is looked at, in one statement that
adds one and says whether a slot was free (INSERT ... ON CONFLICT DO UPDATE ... WHERE count
< limit RETURNING count, in SQLite 3.35+ and PostgreSQL alike), so however many attempts
arrive at once, no more than the limit are ever looked at. An attempt that succeeds gives
its slots back: what stays counted is what failed. Windows are fixed (they end on the
quarter hour for a 15-minute window), so a lock lifts at a time the page can tell.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import String, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.core.clock import utcnow
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db

EPOCH = datetime(1970, 1, 1)


class LimitCounter(db.Model):
    __tablename__ = "limit_counters"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_end: Mapped[datetime] = mapped_column(primary_key=True, index=True)
    count: Mapped[int]
    # The account a counter is about ("" for an address), so that a trainer can find it.
    account: Mapped[str] = mapped_column(String(64), default="", index=True)


@dataclass(frozen=True)
class Limit:
    """`allowed` attempts per `minutes`, both named settings; `message` says what to do."""

    kind: str
    allowed_setting: str
    minutes_setting: str
    message: str  # {minutes}: how long until the window ends
    label: str  # what a lockout page calls it

    @property
    def allowed(self) -> int:
        return max(1, current_app.config[self.allowed_setting])

    @property
    def minutes(self) -> int:
        return max(1, current_app.config[self.minutes_setting])

    def window_end(self, now: datetime) -> datetime:
        span = self.minutes * 60
        passed = int((now - EPOCH).total_seconds())
        return EPOCH + timedelta(seconds=(passed // span + 1) * span)


KINDS: dict[str, Limit] = {}


def limit(kind: str, allowed_setting: str, minutes_setting: str, message: str,
          label: str) -> Limit:
    KINDS[kind] = Limit(kind, allowed_setting, minutes_setting, message, label)
    return KINDS[kind]


class Refused(ServiceError):
    def __init__(self, limit_: Limit, window_end: datetime):
        self.limit = limit_
        self.minutes = max(1, math.ceil((window_end - utcnow()).total_seconds() / 60))
        super().__init__(limit_.message.format(minutes=self.minutes,
                                               s="" if self.minutes == 1 else "s"))


def _insert():
    return (postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert)(
        LimitCounter)


def take(limit_: Limit, key: str, account: str = "") -> datetime:
    """Take a slot; return the window it was counted in, or raise Refused."""
    now = utcnow()
    window_end = limit_.window_end(now)
    statement = _insert().values(kind=limit_.kind, key=key[:200], window_end=window_end,
                                 count=1, account=account[:64])
    statement = statement.on_conflict_do_update(
        index_elements=["kind", "key", "window_end"],
        set_={"count": LimitCounter.count + 1},
        where=LimitCounter.count < limit_.allowed,
    ).returning(LimitCounter.count)
    count = db.session.execute(statement).scalar()
    if count == 1:  # a new window: forget this kind's ended ones
        db.session.execute(delete(LimitCounter).where(LimitCounter.kind == limit_.kind,
                                                      LimitCounter.window_end <= now))
    db.session.commit()
    if count is None:
        raise Refused(limit_, window_end)
    return window_end


@dataclass
class Attempt:
    """The slots one attempt took, to give back if it succeeds."""

    taken: list[tuple[Limit, str, datetime]] = field(default_factory=list)

    def succeeded(self, forget: tuple[Limit, ...] = (), forgive: tuple[Limit, ...] = (),
                  failures: Limit | None = None) -> None:
        """Give the slots back; for the limits in `forget`, clear the count altogether
        (a person who signs in is no longer held up by their own earlier typos).

        The limits in `forgive` are shared by many people (an address: a training room
        behind one council network): this person's failures in this window, as the
        `failures` limit counted them, are taken off them too, so that the typos of people
        who then got in never fill them up."""
        failed: dict[datetime, int] = {}
        for limit_, key, window_end in self.taken:
            if limit_ is failures:
                count = db.session.scalar(select(LimitCounter.count).where(
                    LimitCounter.kind == limit_.kind, LimitCounter.key == key[:200],
                    LimitCounter.window_end == window_end))
                failed[window_end] = max(0, (count or 0) - 1)  # less this attempt's slot
        for limit_, key, window_end in self.taken:
            if limit_ in forget:
                db.session.execute(delete(LimitCounter).where(
                    LimitCounter.kind == limit_.kind, LimitCounter.key == key[:200]))
                continue
            back = 1 + (failed.get(window_end, 0) if limit_ in forgive else 0)
            least = func.max if db.engine.dialect.name == "sqlite" else func.greatest
            db.session.execute(update(LimitCounter).where(
                LimitCounter.kind == limit_.kind, LimitCounter.key == key[:200],
                LimitCounter.window_end == window_end, LimitCounter.count > 0,
            ).values(count=least(LimitCounter.count - back, 0)))
        db.session.commit()


def attempt(*counted: tuple[Limit, str, str]) -> Attempt:
    """Take a slot in each (limit, key, account); if one is full, give back the others
    and raise Refused."""
    made = Attempt()
    for limit_, key, account in counted:
        try:
            made.taken.append((limit_, key, take(limit_, key, account)))
        except Refused:
            made.succeeded()
            raise
    return made


@dataclass(frozen=True)
class Lock:
    limit: Limit
    key: str
    account: str
    window_end: datetime


def locks(kinds: tuple[Limit, ...]) -> list[Lock]:
    """Counters of these kinds that are full now, soonest to lift first."""
    rows = db.session.scalars(select(LimitCounter).where(
        LimitCounter.kind.in_([k.kind for k in kinds]), LimitCounter.window_end > utcnow())
        .order_by(LimitCounter.window_end, LimitCounter.key)).all()
    return [Lock(KINDS[row.kind], row.key, row.account, row.window_end) for row in rows
            if row.count >= KINDS[row.kind].allowed]


def clear(kinds: tuple[Limit, ...], account: str | None = None, key: str | None = None) -> int:
    """Forget the counts of these kinds for an account, or for one key; how many."""
    statement = delete(LimitCounter).where(LimitCounter.kind.in_([k.kind for k in kinds]))
    if account is not None:
        statement = statement.where(LimitCounter.account == account[:64])
    if key is not None:
        statement = statement.where(LimitCounter.key == key[:200])
    cleared = db.session.execute(statement).rowcount
    db.session.commit()
    return cleared
