"""Roles, what each may do, and the decorator every route carries.

The table `PERMISSIONS` is the only place that says which role may do what. Each view
declares the permission it needs with `@requires("...")` (or `@public`); the app checks it
before the view runs. A view that declares nothing is refused, so a new route cannot
forget its check (and tests/test_permissions.py fails until it is in the route table).
"""

from enum import StrEnum
from functools import wraps


class Role(StrEnum):
    ADMIN = "administrator"
    TRAINER = "trainer"
    FLOOR_WALKER = "floor_walker"
    WORKING_GROUP = "working_group"
    TRAINEE = "trainee"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ADMIN: "Administrator",
    Role.TRAINER: "Practice trainer",
    Role.FLOOR_WALKER: "Floor walker",
    Role.WORKING_GROUP: "Working-group member",
    Role.TRAINEE: "Trainee",
}

ALL_ROLES = frozenset(Role)
STAFF = frozenset({Role.ADMIN, Role.TRAINER, Role.FLOOR_WALKER, Role.WORKING_GROUP})

PERMISSIONS: dict[str, frozenset[Role]] = {
    # Any signed-in person: their home page, signing out.
    "signed_in": ALL_ROLES,
    "manage_users": frozenset({Role.ADMIN}),
    # The audit log: sign-ins, role changes, tenants' life, decisions.
    "read_audit": frozenset({Role.ADMIN}),
    # Create, reset, snapshot, export, import and delete training tenants.
    "manage_tenants": frozenset({Role.ADMIN, Role.TRAINER}),
    "list_tenants": STAFF,
    # Opening a tenant: staff may open any, a trainee only the one they are given.
    "enter_any_tenant": STAFF,
    "enter_own_tenant": frozenset({Role.TRAINEE}),
    # Reading the recording system's records inside a tenant they may enter.
    "browse_records": ALL_ROLES,
    # Recording: starting, saving and submitting forms, adding to the chronology.
    # The working group records too, to try a draft form in a sandbox tenant.
    "record_forms": frozenset({Role.ADMIN, Role.TRAINER, Role.WORKING_GROUP, Role.TRAINEE}),
    # Signing off a submitted form: the role the form names (team manager or conference
    # chair, sandbox.casework.pathway.CASE_ROLES) decides, so a trainee given that part in a
    # session signs off; trainers play any part.
    "sign_off_forms": frozenset({Role.ADMIN, Role.TRAINER, Role.TRAINEE}),
    # Practice guidance.
    "read_guides": ALL_ROLES,
    # The Children in Need census return a training copy's records make, and its check
    # (inside a tenant they may enter: a trainee their own copy).
    "read_census": ALL_ROLES,
    # Working through a training scenario in a tenant.
    "run_scenarios": frozenset({Role.ADMIN, Role.TRAINER, Role.TRAINEE}),
    # Running training sessions: creating seats, watching the room, resetting seats.
    "run_sessions": frozenset({Role.ADMIN, Role.TRAINER}),
    # Any trainer's sessions, not only one's own.
    "run_any_session": frozenset({Role.ADMIN}),
    # Seeing who is held up by the sign-in and join-code limits, and letting them try
    # again: trainers for trainees, administrators for anyone (sandbox.auth.lockouts).
    "clear_lockouts": frozenset({Role.ADMIN, Role.TRAINER}),
    # Walking the floor: the rooms under way, who may need help, and a seat's training
    # copy and step, read only (none of the trainer's controls).
    "walk_floor": frozenset({Role.ADMIN, Role.TRAINER, Role.FLOOR_WALKER}),
    # Taking a seat in a session with its join code.
    "join_sessions": frozenset({Role.TRAINEE}),
    # Feedback: everyone can give it and see their own; floor walkers write quick notes;
    # the working group works the queue; trainers see the training needs.
    "give_feedback": ALL_ROLES,
    "floor_notes": frozenset({Role.ADMIN, Role.TRAINER, Role.FLOOR_WALKER}),
    "work_queue": frozenset({Role.ADMIN, Role.WORKING_GROUP}),
    "training_list": frozenset({Role.ADMIN, Role.TRAINER, Role.WORKING_GROUP}),
    # Time and motion: reading the time-saved report and form analysis; importing studies
    # and judging suggested repeated questions.
    "read_timings": frozenset({Role.ADMIN, Role.TRAINER, Role.WORKING_GROUP}),
    "manage_timings": frozenset({Role.ADMIN, Role.WORKING_GROUP}),
    # Drafting the next version of a form and trying it in a sandbox tenant.
    "draft_forms": frozenset({Role.ADMIN, Role.WORKING_GROUP}),
    # Learning: everyone takes tours and follows their learning path; trainers and the
    # working group (whose hotspots link to them) see where people finish and leave
    # tours; trainers follow a cohort along a path and set someone's pace.
    "take_tours": ALL_ROLES,
    "tour_figures": frozenset({Role.ADMIN, Role.TRAINER, Role.WORKING_GROUP}),
    "follow_cohorts": frozenset({Role.ADMIN, Role.TRAINER}),
    # Managers' training: auditing a child's record in a training copy one may enter
    # (whoever plays the auditor there), and reading the results across audits.
    "audit_cases": frozenset({Role.ADMIN, Role.TRAINER, Role.TRAINEE}),
    # The answer keys of audit exercises: the trainer's, for the debrief; never a trainee's.
    "read_answer_keys": frozenset({Role.ADMIN, Role.TRAINER}),
    "read_audit_results": frozenset({Role.ADMIN, Role.TRAINER, Role.WORKING_GROUP}),
    # The published change log is for everyone to read.
    "read_changelog": ALL_ROLES,
}

PUBLIC = "public"


def role_may(role: str, permission: str) -> bool:
    try:
        return Role(role) in PERMISSIONS[permission]
    except ValueError:
        return False


def requires(permission: str):
    """Mark a view as needing `permission`; checked in `sandbox.auth.guard`."""
    if permission != PUBLIC and permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}")

    def mark(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            return view(*args, **kwargs)

        wrapped.permission = permission
        return wrapped

    return mark


public = requires(PUBLIC)
