"""Instant resets: a spare copy of the baseline is swapped in, and nothing is lost."""

from sqlalchemy import func, select

from sandbox.auth.models import User
from sandbox.core.extensions import db
from sandbox.scenarios.models import Seat
from sandbox.tenants import service, spares
from sandbox.tenants.models import LIVE, RETIRED, SPARE, Tenant
from sandbox.timing.models import FormSitting
from tests import factories
from tests.tenants.test_service import change_something, tables_of


def _states():
    return dict(db.session.execute(select(Tenant.state, func.count()).group_by(Tenant.state))
                .all())


def test_the_first_reset_makes_a_spare_and_the_next_swaps_it_in(make):
    tenant = make.tenant(families=4)
    trainee = make.user("trainee", tenant=tenant)
    session = factories.room_session(tenant)
    before = tables_of(service.export(tenant))
    assert spares.spare_of(tenant) is None

    change_something(tenant)
    first = service.reset(tenant)
    assert first.id == tenant.id and tables_of(service.export(first)) == before
    spare = spares.spare_of(first)
    assert spare is not None and spare.state == SPARE and spare.name.startswith("~")
    assert _states() == {LIVE: 1, SPARE: 1}

    change_something(first)
    db.session.add(FormSitting(tenant_id=first.id, tenant_name=first.name, username="x",
                               record_id=1, record_started_at=first.created_at, case_id=1,
                               form_key="visit", version_set="streamlined",
                               definition_version=1))
    db.session.commit()
    old_id = first.id
    second = service.reset(first)
    assert second.id == spare.id != old_id
    assert second.name == "room-1" and second.state == LIVE and second.last_reset_at
    assert tables_of(service.export(second)) == before
    # Everything that pointed at the tenant points at its new copy.
    assert db.session.get(User, trainee.id).tenant_id == second.id
    assert db.session.scalar(select(FormSitting.tenant_id)) == second.id
    assert db.session.scalar(select(Seat.tenant_id).where(Seat.session_id == session.id)) \
        == second.id
    # The old copy is gone, and a new spare waits for next time.
    assert db.session.get(Tenant, old_id) is None
    assert _states() == {LIVE: 1, SPARE: 1} and RETIRED not in _states()
    assert service.get_tenant("room-1").id == second.id


def test_spares_are_never_listed_or_reachable(web, make):
    tenant = make.tenant(families=2)
    service.reset(tenant)
    spare = db.session.scalar(select(Tenant).where(Tenant.state == SPARE))
    web.sign_in(make.user("administrator"))
    assert spare.name not in web.get("/tenants/").get_data(as_text=True)
    web.get(f"/t/{spare.name}/", status=404)
    assert [s["tenant"].name for s in service.summaries()] == ["room-1"]


def test_deleting_a_tenant_removes_its_spare(make):
    tenant = make.tenant(families=2)
    tenant = service.reset(tenant)
    service.delete(tenant)
    assert db.session.scalar(select(func.count(Tenant.id))) == 0


def test_a_spare_of_an_older_baseline_is_not_used(make):
    tenant = make.tenant(families=2)
    tenant = service.reset(tenant)
    saved = service.save_snapshot(tenant, "later")
    other = service.create_from_snapshot("room-2", saved.label)
    tenant.baseline_id = other.baseline_id  # as if the tenant now started elsewhere
    db.session.commit()
    assert spares.spare_of(tenant) is None
    again = service.reset(tenant)
    assert again.id == tenant.id  # put back in place, not swapped


def test_resetting_through_the_page_twice_keeps_the_trainee_in_their_tenant(app, web, make):
    tenant = make.tenant(families=2)
    trainee = make.user("trainee", tenant=tenant)
    web.sign_in(make.user("trainer"))
    for _ in range(3):
        assert web.post("/tenants/room-1/reset").location.endswith("/tenants/room-1")
    from tests.pages import Web

    Web(app).sign_in(trainee).get("/t/room-1/")
