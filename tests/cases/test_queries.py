"""Pages ask the database the same number of questions however big the family is: a
query per child or per record (an N+1 pattern) fails here."""

from collections import Counter
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select

from sandbox.cases.models import Case, Person
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.recording import service as recording


@contextmanager
def counted():
    statements = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


@pytest.fixture
def families(make):
    """A tenant with a family of one child and a family of five, each with forms."""
    tenant = make.tenant("room-1", seed=1, families=40)
    with tenancy.scoped_to(tenant.id):
        sizes = Counter(db.session.scalars(select(Person.family_id)
                                           .where(Person.is_child.is_(True))).all())
        one = next(f for f, n in sizes.items() if n == 1)
        five = next(f for f, n in sizes.items() if n == 5)
        for family_id in (one, five):
            for case in db.session.scalars(select(Case).where(Case.family_id == family_id)):
                recording.start(case, "streamlined", "visit", "T")
    return tenant, one, five


def _statements(web, url) -> int:
    web.get(url)  # warm: sign-in checks and caches behave as on any later page
    with counted() as statements:
        web.get(url)
    return len(statements)


def test_family_and_child_pages_do_not_grow_with_the_family(web, make, families):
    tenant, one, five = families
    web.sign_in(make.user("trainer"))
    assert _statements(web, f"/t/room-1/families/{one}") == \
        _statements(web, f"/t/room-1/families/{five}")
    with tenancy.scoped_to(tenant.id):
        child_of = {f: db.session.scalar(select(func.min(Person.id)).where(
            Person.family_id == f, Person.is_child.is_(True))) for f in (one, five)}
    assert _statements(web, f"/t/room-1/children/{child_of[one]}") == \
        _statements(web, f"/t/room-1/children/{child_of[five]}")


def test_the_family_list_does_not_grow_with_the_number_of_families(web, make):
    make.tenant("room-1", seed=1, families=3)
    make.tenant("room-2", seed=1, families=30)
    web.sign_in(make.user("trainer"))
    assert _statements(web, "/t/room-1/") == _statements(web, "/t/room-2/")
