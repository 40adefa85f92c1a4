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


@pytest.fixture
def setup(web, make):
    """A signed-in trainee in room-1 (working alone: every part is theirs) and a way to
    put a child's record at a stage with its history."""
    from tests.recording.test_pathway_pages import HISTORY  # the history, beside its table

    def at(version: str, stage: str):
        tenant = make.tenant("room-1", seed=3, families=2, form_version=version)
        user = make.user("trainee", tenant=tenant)
        tenancy.enter(tenant.id)
        case = db.session.scalars(select(Case).order_by(Case.id)).first()
        for column, value in {**HISTORY, "stage": stage}.items():
            setattr(case, column, value)
        db.session.commit()
        web.sign_in(user)
        return case
    return at


def post_form(web, record_id, data, status=302, tenant="room-1"):
    return web.post(f"/t/{tenant}/forms/{record_id}", data, status=status)


def date_fields(name, day):
    return {f"f-{name}-day": str(day.day), f"f-{name}-month": str(day.month),
            f"f-{name}-year": str(day.year)}
