"""The service navigation: each person sees only the areas their role may use."""

from flask import url_for

# (label, endpoint, permission, endpoint prefix that marks it active)
ITEMS = (
    ("Home", "main.home", "signed_in", "main."),
    ("Training tenants", "tenants.index", "list_tenants", "tenants."),
    ("Training sessions", "sessions.index", "run_sessions", "sessions."),
    ("Join a session", "sessions.join", "join_sessions", "sessions.join"),
    ("Feedback queue", "feedback.work_queue", "work_queue", "feedback."),
    ("Training needs", "feedback.training_list", "training_list", "feedback.training"),
    ("Time on forms", "timing.index", "read_timings", "timing."),
    ("Form drafts", "drafts.index", "draft_forms", "drafts."),
    ("Quick note", "feedback.note", "floor_notes", "feedback.note"),
    ("Change log", "feedback.changes", "read_changelog", "feedback.changes"),
    ("Guidance", "guides.index", "read_guides", "guides."),
    ("Lockouts", "auth.lockouts_list", "clear_lockouts", "auth.lockouts"),
    ("Users", "admin.users_list", "manage_users", "admin."),
    ("Audit log", "admin.audit", "read_audit", "admin.audit"),
)


def navigation_for(user, endpoint: str | None) -> list[dict]:
    if user is None:
        return []
    shown = [item for item in ITEMS if user.can(item[2])]
    # The most specific match is the one marked: "Audit log" rather than "Users".
    matches = [item[3] for item in shown if endpoint and endpoint.startswith(item[3])]
    active = max(matches, key=len) if matches else None
    return [{"text": label, "href": url_for(target), "active": prefix == active}
            for label, target, _permission, prefix in shown]
