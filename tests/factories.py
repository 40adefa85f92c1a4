"""Test data as plain functions with keyword defaults (call inside an app context)."""

from sandbox.admin.users import create_user
from sandbox.tenants import service

PASSWORD = "correct-horse-battery"


def user(role: str = "trainee", username: str | None = None, tenant=None, **kw):
    username = username or f"{role.replace('_', '')}{kw.pop('n', '')}"
    return create_user(username, kw.pop("full_name", f"Test {role}"), role,
                       kw.pop("password", PASSWORD), tenant.name if tenant else None)


def tenant(name: str = "room-1", seed: int = 1, families: int = 3):
    return service.create_from_seed(name, seed, families, by="tests")
