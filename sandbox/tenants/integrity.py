"""Whether every link in tenant data stays inside its tenant.

The database refuses such a link as it is written (tenant-owned foreign keys include
the tenant: sandbox.core.tenancy.tenant_fk), except where a bulk copy skips the check
for rows it copies from a tenant whose links are already sound (transfer.copy_tables).
This reads the same rule from the models' foreign keys and looks, set-wise, for rows
that break it: tests run it after every kind of copy, on both databases.
"""

from sqlalchemy import and_, exists, func, select

from sandbox.core import tenancy
from sandbox.core.extensions import db


def stray_links(tenant_ids: list[int] | None = None) -> list[str]:
    """One line for each foreign key of tenant data with rows pointing at no row (of
    their own tenant, since every such key includes the tenant): "cases.family_id: 2
    rows". Empty when every link holds. `tenant_ids` limits the look to those tenants."""
    found = []
    for table in tenancy.tenant_tables():
        for fk in table.foreign_key_constraints:
            parent = fk.referred_table.alias()
            pairs = [(element.parent, parent.c[element.column.name]) for element in fk.elements]
            where = [column.is_not(None) for column, _ in pairs]
            if tenant_ids is not None:
                where.append(table.c[tenancy.TENANT_KEY].in_(tenant_ids))
            count = db.session.scalar(
                select(func.count()).select_from(table).where(
                    *where, ~exists().where(and_(*[c == p for c, p in pairs]))),
                execution_options={"all_tenants": True})
            if count:
                local = "/".join(c.name for c, _ in pairs if c.name != tenancy.TENANT_KEY)
                found.append(f"{table.name}.{local or tenancy.TENANT_KEY}: {count} rows")
    return found
