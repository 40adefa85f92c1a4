"""Tenant scoping: the one place where queries are limited to the current tenant.

Every row of the recording system's data (families, people, cases, ...) belongs to one
tenant. Such tables mix in `TenantOwned`: their primary key is (tenant_id, id), with `id`
local to the tenant, and their foreign keys include tenant_id, so the database itself
refuses a link from one tenant's record to another's.

Before any ORM query on those tables runs, `_scope_to_tenant` adds `tenant_id = <current>`
to it. The current tenant is set with `scoped_to(tenant_id)` (the tenant blueprint does it
for each request). A query on tenant data with no tenant set raises `TenantScopeError`
rather than silently reading every tenant; code that really works across tenants (reset,
export, counts on the tenant list) says so with `.execution_options(all_tenants=True)`.

A request inside a tenant also holds it: every write it makes starts by checking that
the tenant is still at the generation the request found (`hold`), so that a reset and a
save arriving together never interleave: a save that comes second is told
(TenantChanged), and a reset that comes second waits for the save to commit.
"""

from contextlib import contextmanager

from sqlalchemy import ForeignKey, ForeignKeyConstraint, Index, event, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, declared_attr, mapped_column, with_loader_criteria

from sandbox.core.extensions import db

TENANT_KEY = "tenant_id"
HELD_KEY = "tenant_held"  # (tenant id, generation) the request began with

RESET_WHILE_WORKING = ("This training copy was reset while you were working, so what you "
                       "sent was not saved.")


class TenantScopeError(RuntimeError):
    """Tenant data was queried without saying which tenant."""


class TenantChanged(RuntimeError):
    """The tenant was reset (or removed) after this request found it: nothing was written.
    The message says so in plain words."""


class TenantOwned:
    @declared_attr
    def tenant_id(cls) -> Mapped[int]:
        # First in the primary key, so the key's index serves every per-tenant query.
        return mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), primary_key=True,
                             sort_order=-2)

    # Local to the tenant: the same record has the same id in every copy of a tenant.
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False, sort_order=-1)


def tenant_fk(column: str, target: str) -> tuple[ForeignKeyConstraint, Index]:
    """A foreign key to another tenant-owned table, always within the same tenant.

    Indexed, so that deleting a tenant's rows never scans other tenants' rows.
    """
    return (
        ForeignKeyConstraint(["tenant_id", column], [f"{target}.tenant_id", f"{target}.id"]),
        Index(None, "tenant_id", column),
    )


def add_new(row, attempts: int = 5):
    """Insert a new tenant-owned row with the next free local id, and flush.

    Two people saving at once may pick the same id; the loser tries the next one.
    """
    model = type(row)
    session = db.session()
    row.tenant_id = session.info[TENANT_KEY]
    for attempt in range(attempts):
        highest = session.scalar(select(func.max(model.id)))
        row.id = (highest or 0) + 1
        savepoint = session.begin_nested()
        session.add(row)
        try:
            savepoint.commit()
            return row
        except IntegrityError:
            savepoint.rollback()
            if attempt == attempts - 1:
                raise
    return row


def tenant_tables():
    """Tenant-owned tables, parents before children."""
    return [t for t in db.metadata.sorted_tables
            if TENANT_KEY in t.c and t.c[TENANT_KEY].primary_key]


def current_tenant_id(session: Session | None = None) -> int | None:
    return (session or db.session()).info.get(TENANT_KEY)


@contextmanager
def scoped_to(tenant_id: int, session: Session | None = None):
    """Run the body with every tenant-data query limited to `tenant_id`."""
    session = session or db.session()
    previous = session.info.get(TENANT_KEY)
    session.info[TENANT_KEY] = tenant_id
    try:
        yield
    finally:
        session.info[TENANT_KEY] = previous


def enter(tenant_id: int | None, generation: int | None = None,
          session: Session | None = None):
    """Scope the rest of this session (one request) to `tenant_id`; with `generation`,
    hold the tenant at it too (every write checks it, see `hold`)."""
    session = session or db.session()
    session.info[TENANT_KEY] = tenant_id
    session.info[HELD_KEY] = (tenant_id, generation) if generation is not None else None


def follow(old_id: int, new_id: int, generation: int, session: Session | None = None):
    """This request has reset tenant `old_id` itself: it carries on in `new_id` (the same
    row, or the copy swapped in) at its new generation."""
    session = session or db.session()
    if session.info.get(TENANT_KEY) == old_id:
        session.info[TENANT_KEY] = new_id
    if (session.info.get(HELD_KEY) or (None,))[0] == old_id:
        session.info[HELD_KEY] = (new_id, generation)


def changed(session: Session | None = None) -> bool:
    """Whether the tenant this request holds has been reset (or removed) since the request
    found it: a record it then cannot find went with the reset, and is not a wrong link."""
    session = session or db.session()
    held = session.info.get(HELD_KEY)
    if held is None:
        return False
    tenants = db.metadata.tables["tenants"]
    now = session.execute(select(tenants.c.generation).where(tenants.c.id == held[0])).scalar()
    return now != held[1]


def hold(session: Session | None = None) -> None:
    """Begin a write of a request working in a tenant: raise TenantChanged unless the
    tenant is still at the generation the request began with.

    One conditional UPDATE of the tenant's row, checked by its row count, does both jobs
    on both databases: it sees a reset that has committed, and it waits for one that is
    under way (a reset updates the same row first: a row lock on PostgreSQL, the write
    lock on SQLite), while any reset that starts later waits for this write to commit.
    """
    session = session or db.session()
    held = session.info.get(HELD_KEY)
    if held is None:
        return
    tenant_id, generation = held
    tenants = db.metadata.tables["tenants"]
    done = session.execute(update(tenants).where(tenants.c.id == tenant_id,
                                                 tenants.c.generation == generation)
                           .values(generation=generation))
    if done.rowcount != 1:
        raise TenantChanged(RESET_WHILE_WORKING)


def _touches_tenant_data(state) -> bool:
    return any(issubclass(m.class_, TenantOwned) for m in state.all_mappers)


@event.listens_for(Session, "do_orm_execute")
def _scope_to_tenant(state):
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if state.execution_options.get("all_tenants"):
        return
    tenant_id = state.session.info.get(TENANT_KEY)
    if tenant_id is None:
        if _touches_tenant_data(state):
            raise TenantScopeError("tenant data queried with no tenant in scope")
        return
    state.statement = state.statement.options(
        with_loader_criteria(
            TenantOwned, lambda cls: cls.tenant_id == tenant_id, include_aliases=True
        )
    )
