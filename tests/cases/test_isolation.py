"""No record of one tenant is reachable from another, whatever the URL."""

import pytest
from sqlalchemy import func, select

from sandbox.cases.models import Case, CaseNote, ChronologyEntry, Family, Person
from sandbox.core import tenancy
from sandbox.core.extensions import db

# Each kind of record, the URL that shows it and how to find its ids.
KINDS = {
    "family": ("/t/{tenant}/families/{id}", Family.id),
    "person": ("/t/{tenant}/people/{id}", Person.id),
    "child": ("/t/{tenant}/children/{id}", Case.child_id),
    "case": ("/t/{tenant}/cases/{id}", Case.id),
    "chronology": ("/t/{tenant}/chronology/{id}", ChronologyEntry.id),
    "note": ("/t/{tenant}/notes/{id}", CaseNote.id),
}


def ids_in(tenant, column) -> set[int]:
    with tenancy.scoped_to(tenant.id):
        return set(db.session.scalars(select(column)))


@pytest.fixture
def two_tenants(make):
    small = make.tenant("small", seed=1, families=1)
    large = make.tenant("large", seed=2, families=6)
    return small, large


@pytest.mark.parametrize("kind", KINDS)
def test_ids_only_in_another_tenant_answer_404(web, make, two_tenants, kind):
    small, large = two_tenants
    web.sign_in(make.user("administrator"))
    url, column = KINDS[kind]
    foreign = sorted(ids_in(large, column) - ids_in(small, column))
    assert foreign, "the larger tenant has records the smaller one lacks"
    web.get(url.format(tenant="large", id=foreign[0]), status=302 if kind == "case" else 200)
    for record_id in foreign[:5] + [999999]:
        web.get(url.format(tenant="small", id=record_id), status=404)


@pytest.mark.parametrize("kind", KINDS)
def test_trainee_cannot_open_any_record_of_another_tenant(web, make, two_tenants, kind):
    small, large = two_tenants
    web.sign_in(make.user("trainee", tenant=small))
    url, column = KINDS[kind]
    for record_id in sorted(ids_in(large, column))[:5]:
        web.get(url.format(tenant="large", id=record_id), status=404)
    web.get("/t/large/", status=404)
    web.get("/t/no-such-tenant/", status=404)


def test_pages_show_their_own_tenants_data(web, make, two_tenants):
    small, large = two_tenants
    web.sign_in(make.user("trainer"))
    with tenancy.scoped_to(large.id):
        family = db.session.scalars(select(Family).order_by(Family.id)).first()
    with tenancy.scoped_to(small.id):
        own = db.session.scalars(select(Family).order_by(Family.id)).first()
    page = web.get("/t/small/families/1").get_data(as_text=True)
    assert own.address_line in page
    assert family.address_line not in page
    assert "You are in the training copy <strong>small</strong>" in page


def test_child_record_shows_people_stage_chronology_and_notes(web, make, two_tenants):
    small, _ = two_tenants
    web.sign_in(make.user("trainee", tenant=small))
    with tenancy.scoped_to(small.id):
        case = db.session.scalars(select(Case).order_by(Case.id)).first()
        entries = db.session.scalar(select(func.count()).where(ChronologyEntry.case_id == case.id))
        child = case.child.full_name
        mother = db.session.scalars(select(Person).where(Person.family_id == case.family_id,
                                                         Person.is_child.is_(False))).first()
    page = web.get(f"/t/small/children/{case.child_id}").get_data(as_text=True)
    assert child in page and mother.full_name in page
    assert "Where things are:" in page and "Chronology" in page
    assert page.count('class="govuk-!-margin-bottom-5"') == entries
    web.get(f"/t/small/children/{case.child_id}?kind=meeting")
    web.get(f"/t/small/children/{case.child_id}?kind=<script>", status=400)


def test_family_search(web, make, two_tenants):
    web.sign_in(make.user("trainer"))
    with tenancy.scoped_to(two_tenants[1].id):
        person = db.session.scalars(select(Person).where(Person.family_id.is_not(None))).first()
    page = web.get(f"/t/large/?q={person.last_name}").get_data(as_text=True)
    assert person.last_name in page
    assert "No families match" in web.get("/t/large/?q=zzzzqqq").get_data(as_text=True)
