"""Test data as plain functions with keyword defaults (call inside an app context)."""

from sandbox.admin.users import create_user
from sandbox.tenants import service

PASSWORD = "correct-horse-battery"


def user(role: str = "trainee", username: str | None = None, tenant=None, **kw):
    username = username or f"{role.replace('_', '')}{kw.pop('n', '')}"
    return create_user(username, kw.pop("full_name", f"Test {role}"), role,
                       kw.pop("password", PASSWORD), tenant.name if tenant else None)


def tenant(name: str = "room-1", seed: int = 1, families: int = 3, **kw):
    return service.create_from_seed(name, seed, families, by="tests", **kw)


def room_session(tenant, slug: str = "room-x"):
    """A training session with `tenant` as seat 1, without generating seats."""
    from sandbox.core.extensions import db
    from sandbox.scenarios.models import Seat, TrainingSession

    session = TrainingSession(name="Room", slug=slug, scenario_key="navigation-basics",
                              form_version="streamlined", join_code="ABCDEF")
    db.session.add(session)
    db.session.flush()
    db.session.add(Seat(session_id=session.id, number=1, tenant_id=tenant.id))
    db.session.commit()
    return session
