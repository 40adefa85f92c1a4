"""What a scheduler runs (`flask --app sandbox tenant prune`, say nightly at 01:30):

- removes the tenants of training sessions that ended more than SESSION_KEEP_DAYS ago,
  with the session's start and saved points;
- resets the tenants set to reset themselves (new starters' practice tenants) whose
  time has come, and sets their next time;
- removes copies left over from resets.
"""

from datetime import datetime, time, timedelta

from sqlalchemy import select

from sandbox.extensions import db
from sandbox.tenancy import TenantChanged
from sandbox.tenants import service, spares
from sandbox.tenants.models import LIVE, RESET_EVERY, Tenant
from sandbox.tenants.service import TenantError
from sandbox.timeutil import utcnow
from sandbox.unit_of_work import transaction

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


def _remove_ended_sessions(now: datetime) -> list[str]:
    # Imported here: training sessions are built on tenants, not the other way round.
    from sandbox.scenarios.models import Seat, TrainingSession
    from sandbox.scenarios.sessions import snapshots

    removed = []
    ended = db.session.scalars(select(TrainingSession).where(
        TrainingSession.keep_until.is_not(None), TrainingSession.keep_until <= now)).all()
    for session in ended:
        for seat in db.session.scalars(select(Seat).where(Seat.session_id == session.id,
                                                          Seat.tenant_id.is_not(None))):
            tenant = db.session.get(Tenant, seat.tenant_id)
            removed.append(tenant.name)
            service.delete(tenant)
        for snapshot in snapshots(session):
            if not service.snapshot_in_use(snapshot):
                with transaction():
                    db.session.delete(snapshot)
    return removed


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
    removed = _remove_ended_sessions(now)
    reset = _reset_due(now)
    return {"removed": removed, "reset": reset, "leftover_copies_removed": spares.sweep()}
