"""Demo users and tenants for trying the product (`flask demo-data`, `make demo`)."""

from sqlalchemy import select

from sandbox.admin.users import create_user
from sandbox.auth.models import User
from sandbox.core.content_files import ROOT
from sandbox.core.extensions import db
from sandbox.tenants import service
from sandbox.tenants.models import Tenant
from sandbox.timing import studies

DEMO_TENANTS = (
    # name, seed, families, form version
    ("demo", 1, 30, "streamlined"),
    ("demo-legacy", 1, 30, "legacy"),
    ("seat-1", 7, 12, "streamlined"),
    ("seat-2", 7, 12, "streamlined"),
)

# A made-up time-tracking study, so the time-saved report has something to show.
DEMO_STUDY = "Example study (made up)"
DEMO_STUDY_FILE = ROOT / "seed" / "example_time_study.csv"

DEMO_USERS = (
    # username, full name, role, password, tenant
    ("admin", "Ade Administrator", "administrator", "demo-admin-pass", None),
    ("trainer", "Tess Trainer", "trainer", "demo-trainer-pass", None),
    ("floorwalker", "Femi Floorwalker", "floor_walker", "demo-floor-pass", None),
    ("working", "Wendy Working-Group", "working_group", "demo-working-pass", None),
    ("trainee1", "Tom Trainee", "trainee", "demo-trainee-pass", "seat-1"),
    ("trainee2", "Tara Trainee", "trainee", "demo-trainee-pass", "seat-2"),
)


def load_demo_data() -> list[dict]:
    """Create what is missing; return the logins."""
    for name, seed_number, families, form_version in DEMO_TENANTS:
        if db.session.scalar(select(Tenant.id).where(Tenant.name == name)) is None:
            service.create_from_seed(name, seed_number, families, by="demo-data",
                                     form_version=form_version)
    for username, full_name, role, password, tenant in DEMO_USERS:
        if db.session.scalar(select(User.id).where(User.username == username)) is None:
            create_user(username, full_name, role, password, tenant)
    if DEMO_STUDY not in {name for name, _count in studies.studies()}:
        studies.import_study(DEMO_STUDY, DEMO_STUDY_FILE.read_bytes(), "demo-data")
    return [{"username": u, "password": p, "role": r, "tenant": t}
            for u, _n, r, p, t in DEMO_USERS]
