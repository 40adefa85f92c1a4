import pytest
from sqlalchemy import select

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db


@pytest.fixture
def room(make):
    """A tenant's first family of two children or more whose assessment is still to be
    recorded (the tests start with it), scoped for the test."""
    tenant = make.tenant("room-1", seed=3, families=6)
    tenancy.enter(tenant.id)
    cases = db.session.scalars(select(Case).order_by(Case.id)).all()
    by_family = {}
    for case in cases:
        by_family.setdefault(case.family_id, []).append(case)
    family = next(c for c in by_family.values()
                  if len(c) >= 2 and c[0].stage in ("referral", "assessment"))
    return tenant, family


def post_form(web, record_id, data, status=302, tenant="room-1"):
    return web.post(f"/t/{tenant}/forms/{record_id}", data, status=status)


def date_fields(name, day):
    return {f"f-{name}-day": str(day.day), f"f-{name}-month": str(day.month),
            f"f-{name}-year": str(day.year)}
