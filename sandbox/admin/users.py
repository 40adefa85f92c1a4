"""Managing the people who use the sandbox."""

from sqlalchemy import select

from sandbox.audit import log
from sandbox.auth.models import User
from sandbox.auth.passwords import check_new_password
from sandbox.auth.session import end_sessions
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.permissions import Role
from sandbox.core.transactions import transaction
from sandbox.tenants.models import LIVE, Tenant


class UserError(ServiceError):
    """An account that cannot be made or changed as asked."""


def tenant_choices() -> list[tuple[str, str]]:
    names = db.session.scalars(select(Tenant.name).where(Tenant.state == LIVE)
                               .order_by(Tenant.name)).all()
    return [("", "No tenant")] + [(n, n) for n in names]


def _tenant_id(name: str | None) -> int | None:
    if not name:
        return None  # a trainee without a seat yet sees a page saying so
    tenant = db.session.scalar(select(Tenant).where(Tenant.name == name, Tenant.state == LIVE))
    if tenant is None:
        raise UserError("Select a tenant from the list", "tenant")
    return tenant.id


def create_user(username: str, full_name: str, role: str, password: str,
                tenant: str | None = None) -> User:
    with transaction():
        if db.session.scalar(select(User.id).where(User.username == username)):
            raise UserError(f"The username '{username}' is already taken", "username")
        problem = check_new_password(password, username, full_name)
        if problem:
            raise UserError(problem, "password")
        user = User(username=username, full_name=full_name, role=Role(role).value,
                    tenant_id=_tenant_id(tenant))
        user.set_password(password)
        db.session.add(user)
        log.record("user_created", username, f"role {user.role}" + (f", tenant {tenant}"
                                                                     if tenant else ""))
    return user


def update_user(user: User, acting: User, full_name: str, role: str, tenant: str | None,
                active: bool, password: str | None, is_chair: bool = False) -> User:
    with transaction():
        if user.id == acting.id and (role != Role.ADMIN or not active):
            raise UserError("You cannot remove your own administrator access", "role")
        if password:
            problem = check_new_password(password, user.username, full_name)
            if problem:
                raise UserError(problem, "password")
            user.set_password(password)
        user.full_name = full_name
        user.role = Role(role).value
        user.tenant_id = _tenant_id(tenant)
        ended = "account deactivated" if user.active and not active else \
            "password changed by an administrator" if password else None
        user.active = active
        user.is_chair = bool(is_chair) and role == Role.WORKING_GROUP
        if ended:
            end_sessions(user, ended, keep_current=user.id == acting.id)
        log.record("user_changed", user.username,
                   f"role {user.role}, {'active' if user.active else 'deactivated'}"
                   + (", chair" if user.is_chair else "") + (f", tenant {tenant}" if tenant else "")
                   + (", password changed" if password else ""), actor=acting.username)
    return user


def all_users() -> list[User]:
    return db.session.scalars(select(User).order_by(User.username)).all()
