"""The names the system gives its own tenants (drafts' trials, training sessions' seats,
the copies behind resets) are out of people's reach, on the pages and the command line."""

import io
import json

import pytest
from sqlalchemy import func, select

from sandbox.core.extensions import db
from sandbox.scenarios import sessions
from sandbox.scenarios.models import TrainingSession
from sandbox.tenants import service
from sandbox.tenants.models import Tenant

RESERVED = ["try-draft-1", "try-draft-x", "room-3f2a-seat-1", "induction-0042-front",
            "a-beef-seat-30"]
KEPT = {"try-draft-1": "kept for the tenants the working group makes to try form drafts",
        "try-draft-x": "kept for the tenants the working group makes to try form drafts"}


def message(name: str) -> str:
    return KEPT.get(name, "kept for the seats of training sessions")


def tenants() -> int:
    return db.session.scalar(select(func.count(Tenant.id)))


@pytest.fixture
def trainer(web, make):
    web.sign_in(make.user("trainer"))
    return web


@pytest.mark.parametrize("name", RESERVED)
def test_a_person_cannot_create_a_tenant_with_a_reserved_name(trainer, cli, name):
    page = trainer.post("/tenants/new", {"name": name, "source": "generate", "seed": "1",
                                         "families": "1"}, status=400)
    assert message(name) in page.get_data(as_text=True)
    output = cli("tenant", "create", "--name", name, "--families", "1", code=1)
    assert message(name) in output and len(output.strip().splitlines()) == 1
    assert tenants() == 0


@pytest.mark.parametrize("name", [*RESERVED, "~spare-1", "~retired-1"])
def test_a_person_cannot_import_a_tenant_under_a_reserved_name(trainer, make, cli, tmp_path,
                                                               name):
    doc = service.export(make.tenant("room-1", families=1))
    before = tenants()
    page = trainer.post("/tenants/import", {"file": (io.BytesIO(json.dumps(doc).encode()),
                                                     "room.json"), "name": name},
                        status=400, content_type="multipart/form-data")
    words = "lower-case letters" if name.startswith("~") else message(name)
    assert words in page.get_data(as_text=True)
    # A file that names the tenant so itself, imported without a new name.
    path = tmp_path / "room.json"
    path.write_text(json.dumps({**doc, "tenant": {**doc["tenant"], "name": name}}))
    assert words in cli("tenant", "import", str(path), code=1)
    assert tenants() == before


def test_normal_names_like_the_reserved_ones_are_fine(trainer, cli):
    for name in ("room-2-seat-14", "try-drafts", "seat-1", "room-3f2a-seat", "draft-1"):
        trainer.post("/tenants/new", {"name": name, "source": "generate", "seed": "1",
                                      "families": "1"})
    assert tenants() == 5


def test_a_sessions_seats_are_named_in_the_reserved_pattern(trainer, make):
    """If seats were named otherwise, people could take their names: keep them in step."""
    response = trainer.post("/sessions/new", {
        "name": "New starters", "scenario": "navigation-basics",
        "form_version": "streamlined", "seats": "2", "seed": "5", "families": "12"})
    session_id = int(response.location.rsplit("/", 1)[1])
    names = [db.session.get(Tenant, seat.tenant_id).name for seat in sessions.seats_of(
        db.session.get(TrainingSession, session_id))]
    assert len(names) == 3
    for name in names:
        assert name.startswith("new-starters-")
        page = trainer.post("/tenants/new", {"name": name.replace("new-starters", "other"),
                                             "source": "generate", "seed": "1",
                                             "families": "1"}, status=400)
        assert "kept for the seats of training sessions" in page.get_data(as_text=True)
