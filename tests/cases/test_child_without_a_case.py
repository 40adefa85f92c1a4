"""A child in a family who is not the child of a case (a brother or sister the council has
no worry about) has a person page, never a link that ends in "not found"."""

from datetime import date

from sqlalchemy import func, select

from sandbox.cases.models import Case, Person
from sandbox.core import tenancy
from sandbox.core.extensions import db


def test_a_child_without_a_case_opens_on_their_person_page(web, make):
    tenant = make.tenant("room-1", families=1)
    web.sign_in(make.user("trainee", tenant=tenant))
    with tenancy.scoped_to(tenant.id):
        case = db.session.scalars(select(Case).order_by(Case.id)).first()
        last = db.session.scalar(select(func.max(Person.id)))
        sister = Person(id=last + 1, tenant_id=tenant.id, family_id=case.family_id,
                        first_name="Amara", last_name="Test", date_of_birth=date(2015, 3, 4),
                        gender="female",
                        is_child=True, ethnicity="White British", first_language="English")
        db.session.add(sister)
        db.session.commit()
        sister_id, child_id = sister.id, case.child_id
    page = web.get(f"/t/room-1/people/{sister_id}").get_data(as_text=True)
    assert "Amara" in page
    # The child of a case still opens on their record.
    assert web.get(f"/t/room-1/people/{child_id}", status=302).location.endswith(
        f"/children/{child_id}")
