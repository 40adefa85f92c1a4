"""People who use the sandbox (control data, outside every tenant)."""

import secrets
from datetime import datetime

from flask import current_app
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from sandbox.extensions import db
from sandbox.permissions import Role, role_may
from sandbox.timeutil import utcnow


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(default=True)
    # The one tenant a trainee works in; other roles may open any tenant.
    tenant_id: Mapped[int | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="SET NULL"), index=True
    )
    # Changing it signs the person out everywhere (password change, deactivation).
    session_token: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_hex(16))
    # A working-group member who chairs it: closes review rounds.
    is_chair: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in_at: Mapped[datetime | None]

    tenant = relationship("Tenant", foreign_keys=[tenant_id])

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(
            password, method=current_app.config["PASSWORD_HASH_METHOD"])
        self.end_sessions()

    def end_sessions(self) -> None:
        """Sign this person out wherever they are signed in."""
        self.session_token = secrets.token_hex(16)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    def can(self, permission: str) -> bool:
        return self.active and role_may(self.role, permission)

    def may_enter(self, tenant) -> bool:
        """Whether this person may open `tenant` at all."""
        if self.can("enter_any_tenant"):
            return True
        return self.can("enter_own_tenant") and self.tenant_id == tenant.id
