"""Who is held up by a limit now, and letting a trainer or administrator clear it.

Trainers see and clear trainees' accounts (the people in their rooms); administrators
see and clear anyone's, and the addresses (networks) that are held up.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from sandbox.audit import log
from sandbox.auth.models import User
from sandbox.core import limits
from sandbox.core.extensions import db
from sandbox.core.permissions import Role


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


def addresses(actor: User) -> list[limits.Lock]:
    if not sees_everyone(actor):
        return []
    return [lock for lock in limits.locks(_kinds()) if not lock.account]


def may_clear(actor: User, user: User | None) -> bool:
    """Administrators clear anyone (an unknown name too); trainers only trainees."""
    return sees_everyone(actor) or (user is not None and user.role == Role.TRAINEE)


def clear_account(actor: User, username: str) -> bool:
    """Let `username` try again now; False if `actor` may not."""
    user = db.session.scalar(select(User).where(User.username == username))
    if not may_clear(actor, user):
        return False
    cleared = limits.clear(_kinds(), account=username)
    log.record("lockout_cleared", username, f"{cleared} limit(s) cleared")
    return True


def clear_address(actor: User, address: str) -> bool:
    if not sees_everyone(actor):
        return False
    cleared = limits.clear(_kinds(), key=address, account="")
    log.record("lockout_cleared", address, f"{cleared} limit(s) cleared for the address")
    return True
