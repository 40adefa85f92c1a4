"""Who is held up by a limit now, and letting a trainer or administrator clear it.

Administrators see and clear anyone's waits, and every address (network) held up.
Trainers see and clear those of their own room: trainees with a seat in one of their
sessions, or not yet in anyone's (a wrong join code keeps them out), and the address they
are using now, which in a training room is everyone's. Each clearing is audited.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from sandbox.audit import log
from sandbox.auth.models import User
from sandbox.core import limits
from sandbox.core.extensions import db
from sandbox.core.permissions import Role
from sandbox.scenarios.models import Seat, TrainingSession


@dataclass
class AccountLock:
    username: str
    user: User | None
    reasons: list[tuple[str, datetime]] = field(default_factory=list)  # (label, lifts at)


def sees_everyone(actor: User) -> bool:
    return actor.role == Role.ADMIN


def _kinds() -> tuple[limits.Limit, ...]:
    return tuple(limits.KINDS.values())


def accounts(actor: User) -> list[AccountLock]:
    found: dict[str, AccountLock] = {}
    for lock in limits.locks(_kinds()):
        if lock.account:
            entry = found.setdefault(lock.account, AccountLock(lock.account, None))
            entry.reasons.append((lock.limit.label, lock.window_end))
    people = {u.username: u for u in db.session.scalars(
        select(User).where(User.username.in_(list(found))))}
    for entry in found.values():
        entry.user = people.get(entry.username)
    return [entry for entry in found.values() if may_clear(actor, entry.user)]


def addresses(actor: User, in_use: str) -> list[limits.Lock]:
    """Addresses held up: all of them for an administrator, the one in use for a trainer."""
    return [lock for lock in limits.locks(_kinds())
            if not lock.account and may_clear_address(actor, lock.key, in_use)]


def _seated_with_others(actor: User, user: User) -> bool:
    """Whether `user` has a seat only in other trainers' running sessions."""
    trainers = set(db.session.scalars(select(TrainingSession.trainer_id).join(
        Seat, Seat.session_id == TrainingSession.id).where(
        Seat.user_id == user.id, TrainingSession.ended_at.is_(None))))
    return bool(trainers) and actor.id not in trainers


def may_clear(actor: User, user: User | None) -> bool:
    """Administrators clear anyone (an unknown name too); trainers the trainees of their
    own sessions, and those not yet in anyone's."""
    if sees_everyone(actor):
        return True
    return user is not None and user.role == Role.TRAINEE and \
        not _seated_with_others(actor, user)


def may_clear_address(actor: User, address: str, in_use: str) -> bool:
    return sees_everyone(actor) or (bool(in_use) and address == in_use)


def clear_account(actor: User, username: str) -> bool:
    """Let `username` try again now; False if `actor` may not."""
    user = db.session.scalar(select(User).where(User.username == username))
    if not may_clear(actor, user):
        return False
    cleared = limits.clear(_kinds(), account=username)
    log.record("lockout_cleared", username, f"{cleared} limit(s) cleared")
    return True


def clear_address(actor: User, address: str, in_use: str) -> bool:
    """Let everyone at `address` try again now; False if `actor` may not."""
    if not may_clear_address(actor, address, in_use):
        return False
    cleared = limits.clear(_kinds(), key=address, account="")
    log.record("lockout_cleared", address, f"{cleared} limit(s) cleared for the address")
    return True
