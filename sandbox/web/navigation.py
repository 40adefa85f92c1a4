"""The service navigation: each person sees only the areas their role may use."""

from flask import url_for

# (label, endpoint, permission, endpoint prefix that marks it active)
ITEMS = (
    ("Home", "main.home", "signed_in", "main."),
    ("Training copies", "tenants.index", "list_tenants", "tenants."),
    ("Training sessions", "sessions.index", "run_sessions", "sessions."),
    ("Join a session", "sessions.join", "join_sessions", "sessions.join"),
    ("Feedback queue", "feedback.work_queue", "work_queue", "feedback."),
    ("Training needs", "feedback.training_list", "training_list", "feedback.training"),
    ("Time on forms", "timing.index", "read_timings", "timing."),
    ("Form drafts", "drafts.index", "draft_forms", "drafts."),
    ("Rooms under way", "floor.index", "walk_floor", "floor."),
    ("Quick note", "feedback.note", "floor_notes", "feedback.note"),
    ("Change log", "feedback.changes", "read_changelog", "feedback.changes"),
    ("Guidance", "guides.index", "read_guides", "guides."),
    ("Learning", "tours.index", "take_tours", "tours."),
    ("Lockouts", "auth.lockouts_list", "clear_lockouts", "auth.lockouts"),
    ("Users", "admin.users_list", "manage_users", "admin."),
    ("Audit log", "admin.audit", "read_audit", "admin.audit"),
)


# What each area is for, in a sentence: every role's home page leads to what it does.
PURPOSES = {
    "tenants.index": "Create, open, reset and save points in the training copies of the "
                     "recording system.",
    "sessions.index": "Set up a training session, give the room its join code and follow "
                      "each seat as people work through the scenario.",
    "sessions.join": "Type the code your trainer gives you to take a seat in the session.",
    "feedback.work_queue": "Read trainees' feedback and floor walkers' notes, group them and "
                           "turn them into change requests.",
    "feedback.training_list": "What people found hard that training, not a change to the "
                              "system, should answer.",
    "timing.index": "How long each form takes, and whether a redesigned form saves time.",
    "drafts.index": "Draft a change to a form and try it in a training copy.",
    "floor.index": "See the training rooms under way, who may need help, and where each "
                   "person is, to help them and note what you saw.",
    "feedback.note": "Note what you saw while helping someone on the floor.",
    "feedback.changes": "What has changed in the recording system, and why.",
    "guides.index": "Practice guidance to read beside the forms.",
    "tours.index": "Short guided tours of the real pages, and your learning path: pick up "
                   "where you left off.",
    "auth.lockouts_list": "See who cannot sign in after too many tries, and let them in again.",
    "admin.users_list": "Add people, give them a role and, for trainees, a training copy.",
    "admin.audit": "Who did what, and when.",
}


def home_items(user) -> list[dict]:
    """The areas this person may use, with what each is for (not Home itself)."""
    return [{"text": label, "href": url_for(target), "purpose": PURPOSES.get(target, "")}
            for label, target, permission, _prefix in ITEMS
            if target != "main.home" and user.can(permission)]


def navigation_for(user, endpoint: str | None) -> list[dict]:
    if user is None:
        return []
    shown = [item for item in ITEMS if user.can(item[2])]
    # The most specific match is the one marked: "Audit log" rather than "Users".
    matches = [item[3] for item in shown if endpoint and endpoint.startswith(item[3])]
    active = max(matches, key=len) if matches else None
    return [{"text": label, "href": url_for(target), "active": prefix == active}
            for label, target, _permission, prefix in shown]
