"""A tenant's data as a document: export, validation and loading.

The document identifies records by their tenant-local ids, never by database row ids,
so two tenants generated alike export alike. The same document is what snapshots hold.
"""

import json
import zlib
from contextlib import contextmanager
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
from sqlalchemy.exc import DBAPIError

from sandbox.casework.nhs import is_test_number
from sandbox.casework.upn import TRAINING_PREFIX, is_training
from sandbox.core import tenancy
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.received import DATE_RANGE, read_date, read_moment
from seed import anchor as anchoring

FORMAT = "case-recording-sandbox/tenant"
VERSION = 1
MAX_PROBLEMS_SHOWN = 5


class ImportProblem(ServiceError):
    """The document cannot be loaded: `problems` says where and why, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(problems[0] if len(problems) == 1 else
                         f"it has {len(problems)} problems")

    def shown(self) -> list[str]:
        """The problems to show a person: a handful, then how many more there are."""
        if len(self.problems) <= MAX_PROBLEMS_SHOWN:
            return list(self.problems)
        more = len(self.problems) - MAX_PROBLEMS_SHOWN
        return [*self.problems[:MAX_PROBLEMS_SHOWN], f"and {more} more problems"]


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
                   "form_version": tenant.form_version,
                   # The day its dates stand at: read relative to it, two tenants from one
                   # seed are the same (seed.anchor).
                   "anchor": tenant.anchor_on.isoformat() if tenant.anchor_on else None},
        "tables": tables,
    }


def date_columns() -> dict[str, dict[str, str]]:
    """Each tenant table's columns a move to another anchor reads (seed.anchor): name ->
    "date", "datetime", or "text" (what people write, where dates are written too)."""
    def kind(column):
        return "datetime" if isinstance(column.type, DateTime) else "date" if isinstance(
            column.type, Date) else "text" if isinstance(column.type, Text) else None

    return {table.name: {c.name: kind(c) for c in table.c if kind(c)}
            for table in tenancy.tenant_tables()}


def moved(tables: dict[str, list[dict]], source: date | None,
          target: date | None) -> dict[str, list[dict]]:
    """`tables` standing at `source`, placed at `target` (seed.anchor: working days kept)."""
    return anchoring.move_tables(tables, source, target, date_columns())


def read_anchor(value) -> date | None:
    """The anchor a document records ("anchor": "2026-12-01"), or None when it has none."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 \
            else _bad_anchor(value)
    except ValueError:
        return _bad_anchor(value)


def _bad_anchor(value):
    raise ImportProblem([f"'tenant.anchor' must be a date like 2026-12-01, not "
                         f"{repr(value)[:30]}"])


def pack(tables: dict[str, list[dict]]) -> bytes:
    return zlib.compress(json.dumps(tables, separators=(",", ":")).encode(), 1)


def unpack(blob: bytes) -> dict[str, list[dict]]:
    return json.loads(zlib.decompress(blob))


def count_rows(tables: dict[str, list[dict]]) -> int:
    return sum(len(rows) for rows in tables.values())


# Checking -------------------------------------------------------------------------------

# Beyond each column's type, the models say what the app can show: a column's
# `info={"one_of": values}` (a case's stage, a form's status), and a table's
# `info={"check_row": rule}`, rule(row, rows_by_id) -> problems, for what needs more than
# one column or another table (a form record's form and answers). Rules see only rows
# whose columns are already right.

def _check_value(column, value) -> str | None:
    name = column.name
    if value is None:
        return None if column.nullable else f"{name}: a value is required"
    kind = column.type
    if isinstance(kind, Boolean):
        ok = isinstance(value, bool)
        expected = "true or false"
    elif isinstance(kind, Integer):
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31
        expected = "a positive whole number"
    elif isinstance(kind, Date | DateTime):
        expected = (f"a date written YYYY-MM-DD {DATE_RANGE}" if isinstance(kind, Date) else
                    f"a date and time written YYYY-MM-DDTHH:MM:SS, without a time zone, "
                    f"{DATE_RANGE}")
        ok = (read_date if isinstance(kind, Date) else read_moment)(value) is not None
    elif isinstance(kind, String | Text):
        ok = isinstance(value, str) and (kind.length is None or len(value) <= kind.length)
        expected = f"text of at most {kind.length} characters" if kind.length else "text"
    else:  # pragma: no cover - a new column type needs a rule here
        return f"{name}: no rule to check this column"
    if not ok:
        return f"{name}: expected {expected}, got {json.dumps(value)[:40]}"
    allowed = column.info.get("one_of")
    if allowed is not None and value not in allowed:
        return f"{name} '{value[:40]}' is not one of {', '.join(allowed)}"
    return None


def _row_problems(row, columns: dict, ids: set[int]) -> list[str]:
    if not isinstance(row, dict):
        return ["must be an object"]
    found = [f"unknown field '{str(f)[:40]}'" for f in sorted(map(str, set(row) - set(columns)))]
    found += [p for p in (_check_value(c, row.get(c.name)) for c in columns.values()) if p]
    if _check_value(columns["id"], row.get("id")) is None:
        if row["id"] in ids:
            found.append(f"id {row['id']} is used twice")
        ids.add(row["id"])
    number = row.get("nhs_number")
    if isinstance(number, str) and not is_test_number(number):
        found.append(f"nhs_number {number[:10]} is not in the test range (999 with a valid "
                     "check digit); real NHS numbers must never be loaded")
    pupil = row.get("upn")
    if isinstance(pupil, str) and not is_training(pupil):
        found.append(f"upn {pupil[:13]} is not a training UPN (a valid check letter, then "
                     f"{TRAINING_PREFIX}); real pupils' numbers must never be loaded")
    return found


def check_tables(tables) -> dict[str, list[dict]]:
    """Raise ImportProblem, naming every problem, unless `tables` is a complete,
    consistent set of tenant rows that the app can show."""
    if not isinstance(tables, dict):
        raise ImportProblem(["'tables' must be an object of table name to rows"])
    known = {t.name: t for t in tenancy.tenant_tables()}
    problems = [f"unknown table '{str(name)[:40]}'"
                for name in sorted(map(str, set(tables) - set(known)))]
    ids: dict[str, set[int] | None] = {}  # None: the table cannot be read at all
    right: dict[str, list[tuple[int, dict]]] = {}  # (row number, row) of rows fit so far
    for name, table in known.items():
        rows = tables.get(name, [])
        ids[name], right[name] = None, []
        if not isinstance(rows, list):
            problems.append(f"table {name}: must be a list of rows")
            continue
        ids[name] = set()
        columns = {c.name: c for c in table.c if c.name != tenancy.TENANT_KEY}
        for number, row in enumerate(rows, 1):
            found = _row_problems(row, columns, ids[name])
            problems += [f"table {name}, row {number}: {p}" for p in found]
            if not found:
                right[name].append((number, row))
    for name, table in known.items():
        links = [(local[0], fk.referred_table.name) for fk in table.foreign_key_constraints
                 if (local := [c.name for c in fk.columns if c.name != tenancy.TENANT_KEY])]
        for number, row in right[name]:
            for column, target in links:
                value = row.get(column)
                if value is not None and ids[target] is not None and value not in ids[target]:
                    problems.append(f"table {name}, row {number}: {column}: no row {value} "
                                    f"in {target}")
    by_id = {name: {row["id"]: row for _n, row in rows} for name, rows in right.items()}
    for name, table in known.items():
        rule = table.info.get("check_row")
        for number, row in right[name] if rule else ():
            problems += [f"table {name}, row {number}: {p}" for p in rule(row, by_id)]
    if problems:
        raise ImportProblem(problems)
    return tables


def check_document(doc) -> dict:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportProblem([f"not a tenant export (expected \"format\": \"{FORMAT}\")"])
    if doc.get("version") != VERSION:
        raise ImportProblem([f"unsupported version {repr(doc.get('version'))[:20]} "
                             f"(this is {VERSION})"])
    if not isinstance(doc.get("tenant"), dict):
        raise ImportProblem(["'tenant' must be an object"])
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
    time of a few statements. The caller commits.

    The targets must be new, empty tenants. Each gets every row of the source, with only
    the tenant changed, and every link includes the tenant: so a link holds in a copy
    exactly when it holds in the source, which the database checked as it was written.
    While the source is held still (`_hold_still`) the copies' links are therefore sound
    without checking each row again, which is most of the copy's time; the database skips
    that check where it lets us (`_links_unchecked`)."""
    if not target_ids:
        return
    _hold_still(source_id)
    targets = union_all(*[select(literal(t).label("target_id")) for t in target_ids]
                        ).cte("targets")
    with _links_unchecked() as unchecked:
        for table in tenancy.tenant_tables():
            names = [c.name for c in table.c if c.name != tenancy.TENANT_KEY]
            # Every source row once for each target: a join on nothing but TRUE.
            rows = select(targets.c.target_id, *[table.c[n] for n in names]).select_from(
                table.join(targets, true())).where(table.c[tenancy.TENANT_KEY] == source_id)
            db.session.execute(table.insert().from_select([tenancy.TENANT_KEY, *names], rows),
                               execution_options={"all_tenants": True})
            if not unchecked:
                _refresh_statistics(table)


def _hold_still(source_id: int) -> None:
    """No write in the source tenant until this transaction ends, so that its tables,
    copied one statement after another, are copied as of one moment. Every write in a
    tenant first updates the tenant's row (tenancy.hold, a reset's generation), which this
    share lock makes wait, and this waits for a write under way. On SQLite the
    transaction's write lock already keeps every other writer out."""
    if db.session.get_bind().dialect.name == "postgresql":
        tenants = db.metadata.tables["tenants"]
        db.session.execute(select(tenants.c.id).where(tenants.c.id == source_id)
                           .with_for_update(read=True))


@contextmanager
def _links_unchecked():
    """On PostgreSQL, skip the check of each copied row's links for the body, where the
    database role may (`session_replication_role = replica` turns off the foreign-key
    triggers; it takes a superuser, or a role granted SET on it), and put the checks back
    after it, for the rest of the transaction. Yields whether the checks are off. SQLite
    has no such switch inside a transaction; it checks every row at the commit instead
    (`defer_foreign_keys`, off again by itself at the commit), counting what is missing
    as it goes, which is cheaper than refusing each statement at once."""
    if db.session.get_bind().dialect.name != "postgresql":
        db.session.execute(text("PRAGMA defer_foreign_keys = ON"))
        yield False
        return
    try:
        with db.session.begin_nested():
            db.session.execute(text("SET LOCAL session_replication_role = replica"))
    except DBAPIError:
        yield False  # not allowed to this role: the database checks every row
        return
    yield True
    # (After a failure there is nothing to put back: the caller's transaction, or the
    # savepoint taken before this one, is rolled back, and the setting with it.)
    db.session.execute(text("SET LOCAL session_replication_role = origin"))


def _refresh_statistics(table) -> None:
    """On PostgreSQL, tell the planner the table just grew. The next tables' rows are
    checked against this one (foreign keys); planned as if it were still small, each check
    reads the whole table, and a room of seats takes minutes instead of a second."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text(f'ANALYZE "{table.name}"'))
