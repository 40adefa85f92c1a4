"""People who use the sandbox (control data, outside every tenant)."""

from datetime import datetime

from flask import current_app
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from sandbox.core.clock import utcnow
from sandbox.core.extensions import db
from sandbox.core.permissions import Role, role_may


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
    # A working-group member who chairs it: closes review rounds.
    is_chair: Mapped[bool] = mapped_column(default=False)
    # Optional; tells apart two people of the same name added to a room at once.
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    # A one-off login (a seat's, for one training day) works only within this window;
    # None: no bound. Sign-in refuses it outside, and its open sessions end.
    valid_from: Mapped[datetime | None]
    valid_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in_at: Mapped[datetime | None]

    tenant = relationship("Tenant", foreign_keys=[tenant_id])

    def set_password(self, password: str) -> None:
        """Callers end the person's sessions too (sandbox.auth.session.end_sessions)."""
        self.password_hash = generate_password_hash(
            password, method=current_app.config["PASSWORD_HASH_METHOD"])

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    def can(self, permission: str) -> bool:
        return self.active and role_may(self.role, permission)

    def usable(self, at: datetime) -> bool:
        """Whether the account may be signed in with at `at`: active, and within its
        window if it has one."""
        return self.active and (self.valid_from is None or self.valid_from <= at) and (
            self.valid_until is None or at < self.valid_until)

    def may_enter(self, tenant) -> bool:
        """Whether this person may open `tenant` at all."""
        if self.can("enter_any_tenant"):
            return True
        return self.can("enter_own_tenant") and self.tenant_id == tenant.id


def leave_tenant(_app, tenant) -> None:
    """The people assigned to a tenant being removed are assigned to none."""
    for user in db.session.scalars(select(User).where(User.tenant_id == tenant.id)):
        user.tenant_id = None


class SignInSession(db.Model):
    """One signed-in browser. The cookie holds a random token, of which only a hash is
    kept here; idle and absolute limits are decided here, so signing out, signing out
    everywhere, a new password or deactivation end it whatever a copied cookie says."""

    __tablename__ = "sign_in_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    ended_why: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(64), default="")
    browser: Mapped[str] = mapped_column(String(200), default="")
