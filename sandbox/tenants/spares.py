"""Instant resets: each live tenant that has been reset keeps a spare, a ready copy of its
baseline. Resetting swaps the spare in (a few small updates) and retires the old copy,
which is removed after the response, when a new spare is also made.

The swap moves everything outside the tenant's own data that points at it (trainees
assigned to it, training seats, scenario runs, time on forms) from the old copy to the
spare, and the spare takes the tenant's name and settings, so to everyone it is the same
tenant, at its starting point.
"""

from flask import g, has_request_context
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from sandbox.core import tenancy
from sandbox.core.clock import utcnow
from sandbox.core.extensions import db
from sandbox.core.transactions import transaction
from sandbox.tenants import transfer
from sandbox.tenants.models import LIVE, RETIRED, SPARE, Tenant

# What a tenant is to the people using it: carried over to the spare that replaces it.
IDENTITY = ("seed", "families", "form_version", "baseline_id", "anchor_on", "created_at",
            "created_by", "reset_every", "next_reset_at", "generation")


def spare_of(tenant: Tenant) -> Tenant | None:
    return db.session.scalar(select(Tenant).where(
        Tenant.state == SPARE, Tenant.spare_for_id == tenant.id,
        Tenant.baseline_id == tenant.baseline_id,
        # A spare stands where the tenant's world does: not after a move to today.
        Tenant.anchor_on.is_not_distinct_from(tenant.anchor_on)).order_by(Tenant.id).limit(1))


def _references():
    """(table, column) of every link to a tenant from outside the tenant's own data."""
    own = {t.name for t in tenancy.tenant_tables()} | {"tenants"}
    for table in db.metadata.sorted_tables:
        if table.name in own:
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name == "tenants":
                yield table, fk.parent


def swap_in(tenant: Tenant, spare: Tenant) -> Tenant:
    """The spare becomes `tenant`; the old copy is retired. Part of a reset's transaction
    (sandbox.tenants.service.reset), which has already claimed the tenant."""
    with transaction():
        for table, column in _references():
            db.session.execute(update(table).where(column == tenant.id)
                               .values({column.name: spare.id}))
        name = tenant.name
        tenant.name, tenant.state = f"~retired-{tenant.id}", RETIRED
        db.session.flush()  # frees the name
        for attribute in IDENTITY:
            setattr(spare, attribute, getattr(tenant, attribute))
        spare.name, spare.state, spare.spare_for_id = name, LIVE, None
        spare.last_reset_at = utcnow()
    # The rest of this request works in the tenant's new copy.
    tenancy.follow(tenant.id, spare.id, spare.generation)
    if has_request_context() and g.get("tenant") is tenant:
        g.tenant = spare
    return spare


def prepare(tenant_id: int) -> None:
    """Make sure the live tenant has a spare of its current baseline."""
    tenant = db.session.get(Tenant, tenant_id)
    if tenant is None or tenant.state != LIVE or spare_of(tenant) is not None:
        return
    try:
        with transaction():
            spare = Tenant(name=f"~spare-{tenant.id}", state=SPARE, spare_for_id=tenant.id,
                           **{a: getattr(tenant, a) for a in IDENTITY})
            stale = db.session.scalar(select(Tenant).where(Tenant.name == spare.name))
            if stale is not None:  # a spare of an older baseline
                stale.name, stale.state = f"~retired-{stale.id}", RETIRED
                db.session.flush()
            db.session.add(spare)
            db.session.flush()
            transfer.load_tables(spare.id, transfer.moved(
                transfer.unpack(tenant.baseline.data), tenant.baseline.anchor_on,
                tenant.anchor_on))
    except IntegrityError:
        pass  # another reset's work made this spare at the same moment
