"""Writing to the audit log: one function, called where the thing is done.

Each event is committed with the work it records when there is a transaction open, and on
its own otherwise, so a failed action that is refused is recorded too (a failed sign-in).
"""

from flask import g, has_request_context, request
from sqlalchemy import func, select

from sandbox.audit.models import AuditEvent
from sandbox.core.extensions import db
from sandbox.core.received import as_text
from sandbox.core.transactions import transaction

ACTIONS = {
    "sign_in": "Signed in",
    "sign_in_failed": "Sign-in refused",
    "sign_in_blocked": "Sign-in blocked (too many attempts)",
    "sign_out": "Signed out",
    "sign_out_everywhere": "Signed out everywhere",
    "password_changed": "Changed their own password",
    "password_change_refused": "Password change refused (wrong current password)",
    "lockout_cleared": "Sign-in or join limit cleared",
    "join_code_refused": "Join code refused",
    "join_blocked": "Join code blocked (too many wrong codes)",
    "session_joined": "Joined a training session",
    "user_created": "Person added",
    "user_changed": "Person's role or access changed",
    "tenant_created": "Tenant created",
    "tenant_reset": "Tenant reset",
    "tenant_exported": "Tenant exported",
    "tenant_imported": "Tenant imported",
    "tenant_import_refused": "Tenant import refused (the file's problems)",
    "tenant_deleted": "Tenant deleted",
    "request_decided": "Change request status changed",
    "request_edited": "Change request reworded (subject, problem, agreed change, priority)",
    "round_revealed": "Review round's views shown (everyone answered, or the chair closed it)",
    "round_closed": "Review round closed (entries from before rounds recorded how)",
}


def address() -> str:
    """The client's address (the proxy's view of it when gunicorn trusts the proxy)."""
    return (request.remote_addr or "")[:64] if has_request_context() else "command line"


def record(action: str, target: str = "", detail: str = "", actor: str | None = None,
           succeeded: bool = True) -> None:
    if actor is None:
        user = g.get("user") if has_request_context() else None
        actor = user.username if user is not None else ""
    with transaction():
        # What is recorded may quote what someone sent (a refused file's value).
        db.session.add(AuditEvent(action=action, target=as_text(target[:200]),
                                  detail=as_text(detail),
                                  actor=actor[:64], address=address(), succeeded=succeeded))


def events(action: str = "", actor: str = "", page: int = 1, per_page: int = 50):
    statement = select(AuditEvent).order_by(AuditEvent.id.desc())
    if action:
        statement = statement.where(AuditEvent.action == action)
    if actor:
        statement = statement.where(AuditEvent.actor == actor)
    total = db.session.scalar(select(func.count()).select_from(statement.subquery()))
    rows = db.session.scalars(statement.offset((page - 1) * per_page).limit(per_page)).all()
    return rows, total
