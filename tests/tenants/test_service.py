import copy
import json

import pytest
from sqlalchemy import func, select

from sandbox.auth.models import User
from sandbox.cases.models import CaseNote, Person
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.tenants import service, transfer
from sandbox.tenants.models import Snapshot, Tenant
from sandbox.tenants.service import TenantError


def tables_of(doc):
    return json.dumps(doc["tables"], sort_keys=True)


def row_count() -> int:
    return sum(db.session.execute(select(func.count()).select_from(t)).scalar()
               for t in tenancy.tenant_tables())


def control_counts():
    return (db.session.scalar(select(func.count(Tenant.id))),
            db.session.scalar(select(func.count(Snapshot.id))), row_count())


def test_create_stores_the_generated_families(make):
    tenant = make.tenant(families=4)
    doc = service.export(tenant)
    assert len(doc["tables"]["families"]) == 4
    assert doc["tenant"] == {"name": "room-1", "seed": 1, "families": 4,
                             "form_version": "streamlined",
                             "anchor": service.today().isoformat()}
    assert tenant.baseline.kind == "baseline"


def test_two_tenants_from_the_same_seed_export_identically(make):
    a, b = make.tenant("a", seed=4), make.tenant("b", seed=4)
    assert tables_of(service.export(a)) == tables_of(service.export(b))


def change_something(tenant):
    with tenancy.scoped_to(tenant.id):
        person = db.session.scalars(select(Person)).first()
        person.first_name = "Changed"
        db.session.delete(db.session.scalars(select(CaseNote)).first())
        db.session.commit()


def test_reset_restores_the_baseline_exactly(make):
    tenant = make.tenant(families=5)
    before = tables_of(service.export(tenant))
    change_something(tenant)
    assert tables_of(service.export(tenant)) != before
    service.reset(tenant)
    assert tables_of(service.export(tenant)) == before
    assert tenant.last_reset_at is not None


def test_reset_leaves_other_tenants_alone(make):
    a, b = make.tenant("a", seed=1), make.tenant("b", seed=2)
    change_something(b)
    changed = tables_of(service.export(b))
    service.reset(a)
    assert tables_of(service.export(b)) == changed


def test_snapshot_and_start_a_tenant_from_it(make):
    tenant = make.tenant()
    change_something(tenant)
    service.save_snapshot(tenant, "after the strategy discussion")
    seat = service.create_from_snapshot("seat-1", "after the strategy discussion")
    assert tables_of(service.export(seat)) == tables_of(service.export(tenant))
    change_something(seat)
    service.reset(seat)  # back to the snapshot, not to the generated baseline
    assert tables_of(service.export(seat)) == tables_of(service.export(tenant))


def test_export_import_round_trip(make):
    tenant = make.tenant(families=3)
    change_something(tenant)
    doc = service.export(tenant)
    copy_of = service.import_document(json.loads(json.dumps(doc)), "copy")
    assert tables_of(service.export(copy_of)) == tables_of(doc)
    assert service.export(copy_of)["tenant"]["name"] == "copy"


def test_delete_removes_data_and_unassigns_trainees(make):
    tenant = make.tenant()
    keep = make.tenant("keep", seed=2)
    trainee = make.user("trainee", tenant=tenant)
    kept_rows = transfer.count_rows(service.export(keep)["tables"])
    service.delete(tenant)
    assert db.session.get(User, trainee.id).tenant_id is None
    assert db.session.scalar(select(func.count(Snapshot.id))) == 1
    assert row_count() == kept_rows
    assert service.export(keep)


def test_saved_snapshot_outlives_its_tenant_but_not_while_in_use(make):
    tenant = make.tenant()
    snapshot = service.save_snapshot(tenant, "start")
    service.delete(tenant)
    seat = service.create_from_snapshot("seat", "start")
    with pytest.raises(TenantError, match="baseline of a tenant"):
        service.delete_snapshot(snapshot)
    service.delete(seat)
    service.delete_snapshot(snapshot)


@pytest.mark.parametrize("name, families, seed, message", [
    ("Bad Name", 2, 1, "lower-case letters"),
    ("", 2, 1, "lower-case letters"),
    ("ok", 0, 1, "between 1 and"),
    ("ok", -3, 1, "between 1 and"),
    ("ok", 100000, 1, "between 1 and"),
    ("ok", 2, -1, "seed"),
])
def test_bad_values_are_refused_and_leave_nothing(app, name, families, seed, message):
    with pytest.raises(TenantError, match=message):
        service.create_from_seed(name, seed, families)
    assert control_counts() == (0, 0, 0)


def test_duplicate_names_are_refused(make):
    make.tenant("dup")
    before = control_counts()
    with pytest.raises(TenantError, match="already exists"):
        make.tenant("dup")
    assert control_counts() == before


def bad_documents(doc):
    """Each broken copy of a good export, with the words its error must contain."""
    def broken(change):
        d = copy.deepcopy(doc)
        change(d)
        return d

    yield "x", "not a tenant export"
    yield broken(lambda d: d.update(version=99)), "unsupported version"
    yield broken(lambda d: d["tables"].update(secrets=[])), "unknown table 'secrets'"
    yield broken(lambda d: d["tables"]["people"][0].update(shoe_size=9)), "unknown field"
    yield broken(lambda d: d["tables"]["people"][0].pop("last_name")), "a value is required"
    yield broken(lambda d: d["tables"]["people"][0].update(date_of_birth="31/02/2020")), \
        "YYYY-MM-DD"
    yield broken(lambda d: d["tables"]["people"][0].update(first_name="x" * 500)), "at most 60"
    yield broken(lambda d: d["tables"]["cases"][0].update(child_id=99999)), "no row 99999"
    yield broken(lambda d: d["tables"]["families"].append(d["tables"]["families"][0])), \
        "used twice"
    yield broken(lambda d: d["tables"]["people"][0].update(nhs_number="9434765919")), \
        "not in the test range"
    yield broken(lambda d: d["tables"]["people"][0].update(upn="P207000016049")), \
        "not a training UPN"
    yield broken(lambda d: d["tables"].update(people="nope")), "must be a list"
    yield broken(lambda d: d.update(tables=[])), "'tables' must be an object"


def test_malformed_imports_are_refused_with_the_reason_and_leave_nothing(make):
    good = service.export(make.tenant())
    before = control_counts()
    for bad, reason in bad_documents(good):
        with pytest.raises(TenantError) as problem:
            service.import_document(bad, "imported")
        assert reason in str(problem.value)
        assert "\n" not in str(problem.value)
        assert control_counts() == before


def test_unscoped_query_of_tenant_data_is_an_error(make):
    make.tenant()
    with pytest.raises(tenancy.TenantScopeError):
        db.session.scalars(select(Person)).all()


def test_scoped_queries_see_only_their_tenant(make):
    a, b = make.tenant("a", seed=1, families=2), make.tenant("b", seed=2, families=6)
    a_id, b_id = a.id, b.id
    with tenancy.scoped_to(b_id):
        people_b = db.session.scalars(select(Person)).all()
        assert {p.tenant_id for p in people_b} == {b_id}
        last_of_b = max(p.id for p in people_b)
    db.session.expunge_all()
    with tenancy.scoped_to(a_id):
        people_a = db.session.scalars(select(Person)).all()
        assert {p.tenant_id for p in people_a} == {a_id}
        assert last_of_b > max(p.id for p in people_a)
        # Even asking for B's key by hand finds nothing while A is in scope.
        assert db.session.get(Person, (b_id, last_of_b)) is None
        assert db.session.scalar(select(Person).where(Person.tenant_id == b_id)) is None
