"""What a scheduler runs (`flask --app sandbox tenant prune`, say nightly at 01:30):

- removes the tenants of training sessions that ended more than SESSION_KEEP_DAYS ago,
  with the session's start and saved points;
- resets the tenants set to reset themselves (new starters' practice tenants) whose
  time has come, and sets their next time;
- removes copies left over from resets.
"""

from datetime import datetime, time, timedelta

from flask import current_app
from sqlalchemy import select

from sandbox.core import signals
from sandbox.core.clock import utcnow
from sandbox.core.extensions import db
from sandbox.core.tenancy import TenantChanged
from sandbox.core.transactions import transaction
from sandbox.tenants import service
from sandbox.tenants.models import LIVE, RESET_EVERY, Tenant
from sandbox.tenants.service import TenantError

RESET_AT = time(2, 0)  # UTC: the middle of the night all year in England


def next_reset(every: str, after: datetime) -> datetime | None:
    """The first RESET_AT after `after`: the next night, or the next Monday night."""
    if not every:
        return None
    moment = datetime.combine(after.date(), RESET_AT)
    if moment <= after:
        moment += timedelta(days=1)
    if every == "weekly":
        moment += timedelta(days=(7 - moment.weekday()) % 7)  # Monday
    return moment


def set_schedule(tenant: Tenant, every: str) -> Tenant:
    if every not in RESET_EVERY:
        raise TenantError("Choose never, nightly or weekly", "reset_every")
    with transaction():
        tenant.reset_every = every
        tenant.next_reset_at = next_reset(every, utcnow())
    return tenant


def _reset_due(now: datetime) -> list[str]:
    done = []
    due = db.session.scalars(select(Tenant).where(
        Tenant.state == LIVE, Tenant.reset_every != "", Tenant.next_reset_at <= now)
        .order_by(Tenant.name)).all()
    for tenant in due:
        try:
            tenant = service.reset(tenant)
        except TenantChanged:
            continue  # reset by someone else at this moment; the next run sets its time
        with transaction():
            tenant.next_reset_at = next_reset(tenant.reset_every, now)
        done.append(tenant.name)
    return done


def prune(now: datetime | None = None) -> dict:
    now = now or utcnow()
    # What others keep on tenants for a time (training sessions' seats) goes first.
    removed = [name for _receiver, names in signals.pruning.send(
        current_app._get_current_object(), now=now) for name in names]
    reset = _reset_due(now)
    return {"removed": removed, "reset": reset, "leftover_copies_removed": service.sweep()}
