"""A tenant's data as a document: export, validation and loading.

The document identifies records by their tenant-local ids, never by database row ids,
so two tenants generated alike export alike. The same document is what snapshots hold.
"""

import json
import zlib
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Integer,
    String,
    Text,
    delete,
    literal,
    select,
    text,
    true,
    union_all,
)

from sandbox import tenancy
from sandbox.extensions import db
from sandbox.received import DATE_RANGE, read_date, read_moment
from seed.nhs import is_test_number

FORMAT = "case-recording-sandbox/tenant"
VERSION = 1
MAX_PROBLEMS_SHOWN = 1


class ImportProblem(ValueError):
    """The document cannot be loaded; the message says where and why, in one line."""


# Reading --------------------------------------------------------------------------------

def _jsonable(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def dump_tables(tenant_id: int) -> dict[str, list[dict]]:
    """Every tenant-owned row of `tenant_id`, ordered by id, without the tenant column."""
    out = {}
    for table in tenancy.tenant_tables():
        columns = [c for c in table.c if c.name != tenancy.TENANT_KEY]
        result = db.session.execute(
            select(*columns).where(table.c.tenant_id == tenant_id).order_by(table.c.id),
            execution_options={"all_tenants": True},
        )
        names = [c.name for c in columns]
        out[table.name] = [
            {n: _jsonable(v) for n, v in zip(names, row, strict=True)} for row in result
        ]
    return out


def encode_tables(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Rows from the generator (with date objects) as JSON-ready rows."""
    return {name: [{k: _jsonable(v) for k, v in row.items()} for row in rows]
            for name, rows in tables.items()}


def document(tenant, tables: dict[str, list[dict]]) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "tenant": {"name": tenant.name, "seed": tenant.seed, "families": tenant.families,
                   "form_version": tenant.form_version},
        "tables": tables,
    }


def pack(tables: dict[str, list[dict]]) -> bytes:
    return zlib.compress(json.dumps(tables, separators=(",", ":")).encode(), 1)


def unpack(blob: bytes) -> dict[str, list[dict]]:
    return json.loads(zlib.decompress(blob))


def count_rows(tables: dict[str, list[dict]]) -> int:
    return sum(len(rows) for rows in tables.values())


# Checking -------------------------------------------------------------------------------

def _check_value(column, value, where: str) -> None:
    if value is None:
        if not column.nullable:
            raise ImportProblem(f"{where}: a value is required")
        return
    kind = column.type
    if isinstance(kind, Boolean):
        ok = isinstance(value, bool)
        expected = "true or false"
    elif isinstance(kind, Integer):
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31
        expected = "a positive whole number"
    elif isinstance(kind, Date | DateTime):
        expected = f"a date written YYYY-MM-DD {DATE_RANGE}"
        ok = (read_date if isinstance(kind, Date) else read_moment)(value) is not None
    elif isinstance(kind, String | Text):
        ok = isinstance(value, str) and (kind.length is None or len(value) <= kind.length)
        expected = f"text of at most {kind.length} characters" if kind.length else "text"
    else:  # pragma: no cover - a new column type needs a rule here
        raise ImportProblem(f"{where}: no rule to check this column")
    if not ok:
        raise ImportProblem(f"{where}: expected {expected}, got {json.dumps(value)[:40]}")


def check_tables(tables) -> dict[str, list[dict]]:
    """Raise ImportProblem unless `tables` is a complete, consistent set of tenant rows."""
    if not isinstance(tables, dict):
        raise ImportProblem("'tables' must be an object of table name to rows")
    known = {t.name: t for t in tenancy.tenant_tables()}
    unknown = sorted(set(tables) - set(known))
    if unknown:
        raise ImportProblem(f"unknown table '{unknown[0]}'")
    ids: dict[str, set[int]] = {}
    for name, table in known.items():
        rows = tables.get(name, [])
        if not isinstance(rows, list):
            raise ImportProblem(f"tables.{name}: must be a list of rows")
        columns = {c.name: c for c in table.c if c.name != tenancy.TENANT_KEY}
        seen: set[int] = set()
        for i, row in enumerate(rows):
            where = f"tables.{name}[{i}]"
            if not isinstance(row, dict):
                raise ImportProblem(f"{where}: must be an object")
            extra = sorted(set(row) - set(columns))
            if extra:
                raise ImportProblem(f"{where}: unknown field '{extra[0]}'")
            for column in columns.values():
                _check_value(column, row.get(column.name), f"{where}.{column.name}")
            if row["id"] in seen:
                raise ImportProblem(f"{where}.id: {row['id']} is used twice")
            seen.add(row["id"])
            number = row.get("nhs_number")
            if number is not None and not is_test_number(number):
                raise ImportProblem(
                    f"{where}.nhs_number: {number} is not in the test range (999 with a valid "
                    "check digit); real NHS numbers must never be loaded"
                )
        ids[name] = seen
    for name, table in known.items():
        for fk in table.foreign_key_constraints:
            local = [c.name for c in fk.columns if c.name != tenancy.TENANT_KEY]
            if not local:
                continue
            target = fk.referred_table.name
            for i, row in enumerate(tables.get(name, [])):
                value = row.get(local[0])
                if value is not None and value not in ids[target]:
                    raise ImportProblem(
                        f"tables.{name}[{i}].{local[0]}: no row {value} in {target}"
                    )
    return tables


def check_document(doc) -> dict:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportProblem(f"not a tenant export (expected \"format\": \"{FORMAT}\")")
    if doc.get("version") != VERSION:
        raise ImportProblem(f"unsupported version {doc.get('version')!r} (this is {VERSION})")
    if not isinstance(doc.get("tenant"), dict):
        raise ImportProblem("'tenant' must be an object")
    check_tables(doc.get("tables"))
    return doc


# Writing --------------------------------------------------------------------------------

def _converters(table):
    out = {}
    for c in table.c:
        if isinstance(c.type, Date):
            out[c.name] = date.fromisoformat
        elif isinstance(c.type, DateTime):
            out[c.name] = datetime.fromisoformat
    return out


BIG_LOAD = 500  # rows into one table at once: enough to tell the planner (below)


def load_tables(tenant_id: int, tables: dict[str, list[dict]]) -> None:
    """Insert checked rows into `tenant_id`, parents first. The caller commits."""
    for table in tenancy.tenant_tables():
        rows = tables.get(table.name)
        if not rows:
            continue
        convert = _converters(table)
        names = [c.name for c in table.c if c.name != tenancy.TENANT_KEY]
        prepared = []
        for row in rows:
            values = {n: row.get(n) for n in names}
            for name, fn in convert.items():
                if values[name] is not None:
                    values[name] = fn(values[name])
            values[tenancy.TENANT_KEY] = tenant_id
            prepared.append(values)
        db.session.execute(table.insert(), prepared)
        if len(prepared) >= BIG_LOAD:
            _refresh_statistics(table)


def clear_tables(tenant_id: int) -> None:
    """Delete every tenant-owned row of `tenant_id`, children first."""
    for table in reversed(tenancy.tenant_tables()):
        db.session.execute(
            delete(table).where(table.c.tenant_id == tenant_id),
            execution_options={"all_tenants": True},
        )


def copy_tables(source_id: int, target_ids: list[int]) -> None:
    """Copy every row of tenant `source_id` into each of `target_ids`, inside the database:
    one INSERT ... SELECT per table for all targets, so a room of seats is filled in the
    time of a few statements. The caller commits."""
    if not target_ids:
        return
    targets = union_all(*[select(literal(t).label("target_id")) for t in target_ids]
                        ).cte("targets")
    for table in tenancy.tenant_tables():
        names = [c.name for c in table.c if c.name != tenancy.TENANT_KEY]
        # Every source row once for each target: a join on nothing but TRUE.
        rows = select(targets.c.target_id, *[table.c[n] for n in names]).select_from(
            table.join(targets, true())).where(table.c[tenancy.TENANT_KEY] == source_id)
        db.session.execute(table.insert().from_select([tenancy.TENANT_KEY, *names], rows),
                           execution_options={"all_tenants": True})
        _refresh_statistics(table)


def _refresh_statistics(table) -> None:
    """On PostgreSQL, tell the planner the table just grew. The next tables' rows are
    checked against this one (foreign keys); planned as if it were still small, each check
    reads the whole table, and a room of seats takes minutes instead of a second."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text(f'ANALYZE "{table.name}"'))
