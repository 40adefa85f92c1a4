"""Creating, resetting, snapshotting, exporting, importing and deleting training tenants.

Plain functions used by the pages and the `flask tenant` commands alike. Each is one
transaction: a failure leaves nothing behind. Problems a person can fix raise
`TenantError` with a one-line message.
"""

import re
from datetime import date

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError

import seed
from sandbox.audit import log
from sandbox.auth.models import User
from sandbox.cases.models import Case
from sandbox.core import progress, signals, tenancy
from sandbox.core.clock import utcnow
from sandbox.core.deferred import after_response
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.received import Refused, read_json
from sandbox.core.transactions import transaction
from sandbox.recording.models import DRAFT, FormRecord
from sandbox.tenants import spares, transfer
from sandbox.tenants.models import LIVE, RETIRED, SOURCE, SPARE, Snapshot, Tenant

NAME_RULE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
BASELINE_SUFFIX = " (baseline)"
# Names the system gives the tenants it makes for itself, which people cannot take: a
# person's tenant must never pass for one (and be deleted with a draft, say). The
# copies behind instant resets (~spare-N, ~retired-N) start with "~", which NAME_RULE
# already keeps out of reach.
RESERVED = (
    (re.compile(r"^try-draft-"), "Names starting 'try-draft-' are kept for the tenants the "
                                 "working group makes to try form drafts"),
    (re.compile(r"-[0-9a-f]{4}-(front|seat-[0-9]+)$"),
     "Names ending like '-3f2a-seat-1' or '-3f2a-front' are kept for the seats of "
     "training sessions"),
)

RESET_BY_SOMEONE_ELSE = ("This training copy was reset by someone else a moment ago, so it "
                         "was not reset again. Look at it now, and reset it again only if "
                         "you still need to.")


class TenantError(ServiceError):
    """Something about a training copy cannot be done as asked (sandbox.core.errors)."""


def live_tenant(name: str) -> Tenant | None:
    """The live tenant called `name`, if there is one (a spare or retired copy never is)."""
    return db.session.scalar(select(Tenant).where(Tenant.name == name, Tenant.state == LIVE))


def check_name(name: str, system: bool = False) -> str:
    """A free, well-formed tenant name. Only the system itself (`system=True`, for the
    tenants it names: drafts' trials, sessions' seats) may use a RESERVED name."""
    name = (name or "").strip()
    if not NAME_RULE.match(name):
        raise TenantError(
            "Enter a tenant name of lower-case letters, numbers and hyphens, "
            "starting with a letter or number (at most 63 characters)", "name"
        )
    for pattern, kept_for in RESERVED if not system else ():
        if pattern.search(name):
            raise TenantError(f"{kept_for}: choose another name than '{name}'", "name")
    if db.session.scalar(select(Tenant.id).where(Tenant.name == name)) is not None:
        raise TenantError(f"A tenant called '{name}' already exists", "name")
    return name


def check_size(families: int) -> int:
    limit = current_app.config["MAX_FAMILIES"]
    if not isinstance(families, int) or families < 1 or families > limit:
        raise TenantError(f"The number of families must be between 1 and {limit}", "families")
    return families


def check_seed(value: int) -> int:
    if not isinstance(value, int) or not 0 <= value < 2**31:
        raise TenantError("The seed must be a whole number from 0 to 2147483647", "seed")
    return value


def check_form_version(form_version: str) -> str:
    known = current_app.extensions["forms"].version_sets
    if form_version not in known:
        raise TenantError(f"The form version must be one of: {', '.join(known)}", "form_version")
    return form_version


def check_label(label: str) -> str:
    label = (label or "").strip()
    if not label or len(label) > 80:
        raise TenantError("Enter a snapshot label of 1 to 80 characters", "label")
    if label.endswith(BASELINE_SUFFIX):
        raise TenantError(f"A snapshot label cannot end with '{BASELINE_SUFFIX.strip()}'",
                          "label")
    if db.session.scalar(select(Snapshot.id).where(Snapshot.label == label)) is not None:
        raise TenantError(f"A snapshot called '{label}' already exists", "label")
    return label


def get_tenant(name: str) -> Tenant:
    tenant = db.session.scalar(select(Tenant).where(Tenant.name == name, Tenant.state == LIVE))
    if tenant is None:
        raise TenantError(f"No tenant called '{name}'")
    return tenant


def get_snapshot(label: str) -> Snapshot:
    snapshot = db.session.scalar(select(Snapshot).where(Snapshot.label == label))
    if snapshot is None:
        raise TenantError(f"No snapshot called '{label}'", "snapshot")
    return snapshot


def today() -> date:
    """The training day, which a new tenant's world is placed at (seed.anchor)."""
    return date.today()


def _new_tenant(name, baseline: Snapshot, by, anchor: date | None = None) -> Tenant:
    tenant = Tenant(name=name, seed=baseline.seed, families=baseline.families,
                    form_version=baseline.form_version, baseline=baseline, created_by=by,
                    anchor_on=anchor or baseline.anchor_on)
    db.session.add(tenant)
    db.session.flush()
    return tenant


def create_from_seed(name: str, seed_number: int, families: int, by: str | None = None,
                     form_version: str = "streamlined", system: bool = False,
                     must_have: dict | None = None, anchor: date | None = None,
                     shown=None) -> Tenant:
    """A new tenant of `families` generated families (and one more at the stage
    `must_have` names, if none is: seed.generate); its baseline is what was generated,
    placed at `anchor` (by default today: seed.anchor). `system`: the system names it
    itself (check_name). `shown(done, total)` as it goes (sandbox.core.progress): a step
    for each family made, and the last for writing them all.

    The families are made before the transaction begins (it is all Python), so that a
    large copy holds no lock while it is made, and how far it has got can be written."""
    check_new(name, seed_number, families, form_version, system)
    anchor = anchor or today()
    made = seed.generate(seed_number, families, form_version=form_version,
                         must_have=must_have,
                         shown=(lambda done, total: shown(done, total + 1)) if shown else None)
    with transaction():
        name = check_name(name, system)  # again: another may have taken it meanwhile
        tables = transfer.moved(transfer.encode_tables(made), seed.REFERENCE_DATE, anchor)
        families = len(tables["families"])
        baseline = Snapshot(label=name + BASELINE_SUFFIX, kind="baseline", source_tenant=name,
                            seed=seed_number, families=families, form_version=form_version,
                            rows=transfer.count_rows(tables), data=transfer.pack(tables),
                            anchor_on=anchor, created_by=by)
        tenant = _new_tenant(name, baseline, by)
        transfer.load_tables(tenant.id, tables)
        log.record("tenant_created", name, f"seed {seed_number}, {families} families, "
                   f"{form_version} forms", actor=by)
    if shown:
        shown(families + 1, families + 1)
    return tenant


def create_from_seed_later(work_id: int, name: str, seed_number: int, families: int,
                           by: str | None, form_version: str) -> None:
    """`create_from_seed` as long work (sandbox.core.progress): how far it has got, and
    the tenant it made or why it could not, kept in work `work_id`'s row."""
    try:
        tenant = create_from_seed(name, seed_number, families, by=by,
                                  form_version=form_version, shown=progress.runner(work_id))
    except TenantError as problem:
        progress.failed(work_id, str(problem))
        return
    except Exception:
        progress.failed(work_id, "Something went wrong while making this training copy, so "
                                 "nothing was kept. Try again; if it happens again, tell "
                                 "the administrator.")
        raise
    progress.finish(work_id, {"tenant": tenant.name})


def check_new(name: str, seed_number: int, families: int, form_version: str,
              system: bool = False) -> None:
    """Raise TenantError unless a tenant of these can be made (before making it)."""
    check_name(name, system)
    check_seed(seed_number)
    check_size(families)
    check_form_version(form_version)


def create_from_snapshot(name: str, label: str, by: str | None = None,
                         system: bool = False) -> Tenant:
    """A new tenant starting from a saved snapshot, which becomes its baseline."""
    with transaction():
        name = check_name(name, system)
        snapshot = get_snapshot(label)
        tenant = _new_tenant(name, snapshot, by)
        transfer.load_tables(tenant.id, transfer.unpack(snapshot.data))
        log.record("tenant_created", name, f"from snapshot '{label}'", actor=by)
    return tenant


def create_copies(names: list[str], source: Tenant, snapshot: Snapshot,
                  by: str | None = None, system: bool = False) -> list[Tenant]:
    """New tenants holding what `source` holds now, which must be what `snapshot` (their
    baseline) holds: a room of seats, copied inside the database in a few statements."""
    with transaction():
        made = [_new_tenant(check_name(name, system), snapshot, by, source.anchor_on)
                for name in names]
        transfer.copy_tables(source.id, [t.id for t in made])
        log.record("tenant_created", ", ".join(names)[:200],
                   f"{len(names)} copies of '{source.name}'", actor=by)
    return made


def create_source(name: str, source: Tenant, snapshot: Snapshot) -> Tenant:
    """A hidden copy of `source` (which must hold what `snapshot` holds) for seats to be
    copied from later, when `source` itself may have been worked in: no one can open it,
    so each copy of it is the snapshot exactly. `name` starts with "~", which no one else's
    can. Remove it with `remove` when done."""
    with transaction():
        hidden = Tenant(name=name, state=SOURCE, seed=snapshot.seed,
                        families=snapshot.families, form_version=snapshot.form_version,
                        baseline=snapshot, anchor_on=source.anchor_on)
        db.session.add(hidden)
        db.session.flush()
        transfer.copy_tables(source.id, [hidden.id])
    return hidden


def reset(tenant: Tenant, to_today: bool = False) -> Tenant:
    """Put the tenant back exactly as its baseline holds it, and return it. `to_today`:
    its world is placed at today first (seed.anchor), and stays there for later resets.

    With a spare ready this is a swap of a few rows (sandbox.tenants.spares); the first
    time, the data is put back in place. Either way a spare is made after the response,
    for next time. The tenant returned may be a different row: use it, not `tenant`.
    Raises TenantChanged if someone else reset it a moment ago (see `_begin_reset`).
    """
    with transaction():
        _begin_reset(tenant)
        if to_today:
            _to_today(tenant, tenant.baseline)
        spare = spares.spare_of(tenant)
        if spare is None:
            _put_back(tenant, tenant.baseline)
        else:
            tenant = spares.swap_in(tenant, spare)
        log.record("tenant_reset", tenant.name, f"to '{tenant.baseline.label}'")
    after_response(after_reset, tenant.id)
    return tenant


def restore(tenant: Tenant, snapshot: Snapshot, to_today: bool = False) -> Tenant:
    """Put the tenant's data back exactly as `snapshot` holds it (placed at the tenant's
    anchor; `to_today`: at today, from now on)."""
    with transaction():
        _begin_reset(tenant)
        if to_today:
            _to_today(tenant, snapshot)
        _put_back(tenant, snapshot)
    return tenant


def _to_today(tenant: Tenant, snapshot: Snapshot) -> None:
    if snapshot.anchor_on is None:
        raise TenantError(f"'{snapshot.label}' does not say which day its dates stand at "
                          "(it was imported from a file without one), so its dates cannot "
                          "be moved to today. Reset it keeping its dates instead.")
    tenant.anchor_on = today()


def _begin_reset(tenant: Tenant) -> None:
    """The one statement that decides which of two resets at once goes ahead: the
    tenant's generation moves on only from the one this request saw. The row lock it
    takes (the write lock on SQLite) keeps the other reset, and every write in the tenant
    (sandbox.core.tenancy.hold), waiting until this one has committed; they are then told."""
    seen = tenant.generation
    done = db.session.execute(
        update(Tenant).where(Tenant.id == tenant.id, Tenant.generation == seen,
                             Tenant.state == LIVE)
        .values(generation=seen + 1).execution_options(synchronize_session=False))
    if done.rowcount != 1:
        raise tenancy.TenantChanged(RESET_BY_SOMEONE_ELSE)
    set_committed_value(tenant, "generation", seen + 1)
    tenancy.follow(tenant.id, tenant.id, seen + 1)


def _put_back(tenant: Tenant, snapshot: Snapshot) -> None:
    transfer.clear_tables(tenant.id)
    transfer.load_tables(tenant.id, transfer.moved(transfer.unpack(snapshot.data),
                                                   snapshot.anchor_on, tenant.anchor_on))
    tenant.last_reset_at = utcnow()


def save_snapshot(tenant: Tenant, label: str, by: str | None = None) -> Snapshot:
    """Keep the tenant's current state under `label`, to start or reset tenants from."""
    with transaction():
        label = check_label(label)
        tables = transfer.dump_tables(tenant.id)
        snapshot = Snapshot(label=label, kind="saved", source_tenant=tenant.name,
                            seed=tenant.seed, families=tenant.families,
                            form_version=tenant.form_version,
                            rows=transfer.count_rows(tables), data=transfer.pack(tables),
                            anchor_on=tenant.anchor_on, created_by=by)
        db.session.add(snapshot)
    return snapshot


def delete(tenant: Tenant) -> None:
    """Remove the tenant, its data and its own baseline; trainees in it are unassigned."""
    name = tenant.name
    with transaction():
        remove(tenant)
        log.record("tenant_deleted", name)


def remove(tenant: Tenant) -> None:
    """`delete` without the audit record: for copies the system made and removes itself."""
    for spare in db.session.scalars(select(Tenant).where(Tenant.spare_for_id == tenant.id)):
        remove(spare)
    with transaction():
        baseline = tenant.baseline
        transfer.clear_tables(tenant.id)
        signals.tenant_removed.send(current_app._get_current_object(), tenant=tenant)
        db.session.delete(tenant)
        db.session.flush()
        if baseline.kind == "baseline" and not snapshot_in_use(baseline):
            db.session.delete(baseline)


def sweep() -> int:
    """Remove retired copies and spares whose tenant is gone. Returns how many."""
    gone = db.session.scalars(select(Tenant.id).where(
        (Tenant.state == RETIRED) | ((Tenant.state == SPARE) & Tenant.spare_for_id.is_(None))
    )).all()
    removed = 0
    for old_id in gone:
        old = db.session.get(Tenant, old_id)
        try:
            if old is not None:
                remove(old)
                removed += 1
        except (StaleDataError, ObjectDeletedError):
            db.session.rollback()  # another sweep removed it at the same moment
    return removed


def after_reset(tenant_id: int) -> None:
    sweep()
    spares.prepare(tenant_id)


def snapshot_in_use(snapshot: Snapshot) -> bool:
    return bool(db.session.scalar(
        select(func.count(Tenant.id)).where(Tenant.baseline_id == snapshot.id)))


def delete_snapshot(snapshot: Snapshot) -> None:
    with transaction():
        if snapshot_in_use(snapshot):
            raise TenantError(
                f"Snapshot '{snapshot.label}' is the baseline of a tenant; delete that first")
        db.session.delete(snapshot)


def export(tenant: Tenant) -> dict:
    document = transfer.document(tenant, transfer.dump_tables(tenant.id))
    log.record("tenant_exported", tenant.name)
    return document


def import_file(raw: bytes, name: str | None = None, by: str | None = None) -> Tenant:
    """`import_document` for the bytes of an export file."""
    try:
        doc = read_json(raw)
    except Refused as problem:
        _refused(TenantError(str(problem), "file"), name, by)
    return import_document(doc, name, by)


def import_document(doc, name: str | None = None, by: str | None = None) -> Tenant:
    """Restore an exported tenant as a new tenant (named `name`, or as in the file).

    The whole file is checked first and nothing is written unless all of it is right;
    a refusal names each problem (TenantError.details) and is kept in the audit log."""
    try:
        transfer.check_document(doc)
    except transfer.ImportProblem as problem:
        _refused(TenantError(f"The file cannot be imported: {problem}", "file",
                             problem.shown() if len(problem.problems) > 1 else []), name, by)
    meta = doc["tenant"]
    name = name or meta.get("name")
    if not isinstance(name, str):
        _refused(TenantError("The file names no tenant; give a name for the new tenant",
                             "name"), name, by)
    seed_number = meta.get("seed")
    tables = doc["tables"]
    try:
        anchor = transfer.read_anchor(meta.get("anchor"))
    except transfer.ImportProblem as problem:
        _refused(TenantError(f"The file cannot be imported: {problem}", "file"), name, by)
    try:
        with transaction():
            name = check_name(name)
            if seed_number is not None:
                check_seed(seed_number)
            form_version = check_form_version(meta.get("form_version", "streamlined"))
            baseline = Snapshot(label=name + BASELINE_SUFFIX, kind="baseline",
                                source_tenant=name, seed=seed_number,
                                families=len(tables.get("families", [])),
                                form_version=form_version, rows=transfer.count_rows(tables),
                                data=transfer.pack(tables), anchor_on=anchor,
                                created_by=by)
            tenant = _new_tenant(name, baseline, by)
            transfer.load_tables(tenant.id, tables)
            log.record("tenant_imported", name, f"{transfer.count_rows(tables)} rows",
                       actor=by)
    except TenantError as problem:
        _refused(problem, name, by)
    return tenant


def _refused(problem: TenantError, name, by: str | None):
    """Keep a refused import in the audit log, then refuse it."""
    log.record("tenant_import_refused", name if isinstance(name, str) else "",
               "; ".join([str(problem), *problem.details]), actor=by, succeeded=False)
    raise problem


def summaries() -> list[dict]:
    """Every tenant with its size and how many trainees are in it, for the list page."""
    tenants = db.session.scalars(select(Tenant).where(Tenant.state == LIVE)
                                 .order_by(Tenant.name)).all()
    cases = dict(db.session.execute(
        select(Case.tenant_id, func.count()).group_by(Case.tenant_id),
        execution_options={"all_tenants": True}).all())
    trainees = dict(db.session.execute(
        select(User.tenant_id, func.count()).where(User.tenant_id.is_not(None))
        .group_by(User.tenant_id)).all())
    return [{"tenant": t, "cases": cases.get(t.id, 0), "trainees": trainees.get(t.id, 0)}
            for t in tenants]


def grouped(rows: list[dict], user) -> tuple[list[dict], list[dict]]:
    """The list page's rows in groups: each training session's seats together (the person's
    own sessions first, running before ended, newest first, as other areas say through
    `tenant_groups`), and the rest."""
    ids = [row["tenant"].id for row in rows]
    groups = [group for _receiver, answer in signals.tenant_groups.send(
        current_app._get_current_object(), user=user, tenant_ids=ids) for group in answer or ()]
    by_id = {row["tenant"].id: row for row in rows}
    placed, shown = set(), []
    for group in groups:
        members = [by_id[i] for i in group["tenant_ids"] if i in by_id and i not in placed]
        placed.update(row["tenant"].id for row in members)
        if members:
            shown.append({**group, "rows": members})
    return shown, [row for row in rows if row["tenant"].id not in placed]


def snapshots() -> list[Snapshot]:
    return db.session.scalars(
        select(Snapshot).where(Snapshot.kind == "saved").order_by(Snapshot.created_at.desc())
    ).all()



def work_at_risk(tenant: Tenant) -> list[dict]:
    """Forms in progress, saved since the tenant last started afresh: a reset discards them."""
    since = tenant.last_reset_at or tenant.created_at
    with tenancy.scoped_to(tenant.id):
        rows = db.session.scalars(select(FormRecord).where(
            FormRecord.status == DRAFT, FormRecord.updated_at > since)
            .order_by(FormRecord.updated_at.desc())).all()
        return [{"form_key": r.form_key, "by": r.updated_by, "at": r.updated_at} for r in rows]
