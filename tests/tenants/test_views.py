import io
import json

import pytest
from sqlalchemy import func, select

from sandbox.core.extensions import db
from sandbox.tenants import service
from sandbox.tenants.models import Snapshot, Tenant


@pytest.fixture
def trainer_web(web, make):
    web.sign_in(make.user("trainer"))
    return web


def tenant_count():
    return db.session.scalar(select(func.count(Tenant.id)))


def test_create_open_reset_snapshot_and_delete(trainer_web):
    web = trainer_web
    response = web.post("/tenants/new", {"name": "room-3", "source": "generate", "seed": "9",
                                         "families": "4", "form_version": "legacy"})
    assert response.location == "/tenants/room-3"
    assert "room-3" in web.get("/tenants/").get_data(as_text=True)
    assert service.get_tenant("room-3").form_version == "legacy"
    assert "Families" in web.get("/t/room-3/").get_data(as_text=True)
    web.post("/tenants/room-3/reset")
    assert db.session.scalar(select(Tenant).where(Tenant.name == "room-3")).last_reset_at
    web.post("/tenants/room-3/snapshot", {"label": "halfway"})
    web.post("/tenants/new", {"name": "seat-1", "source": "snapshot", "snapshot": "halfway"})
    export = web.get("/tenants/seat-1/export")
    assert export.headers["Content-Disposition"].startswith("attachment")
    assert json.loads(export.data)["tenant"]["name"] == "seat-1"
    web.get("/tenants/room-3/delete")
    web.post("/tenants/room-3/delete")
    assert tenant_count() == 1


@pytest.mark.parametrize("data, message", [
    ({"name": "Room 3"}, "lower-case letters"),
    ({"families": "-2"}, "between 1 and"),
    ({"families": "lots"}, "Not a valid integer value"),
    ({"seed": ""}, "Enter a seed number"),
    ({"source": "snapshot"}, "Select a snapshot"),
    ({"source": "elsewhere"}, "Not a valid choice"),
    ({"form_version": "modern"}, "Not a valid choice"),
])
def test_bad_tenant_details_are_a_clear_400(trainer_web, data, message):
    good = {"name": "room-3", "source": "generate", "seed": "1", "families": "2",
            "form_version": "streamlined"}
    page = trainer_web.post("/tenants/new", {**good, **data}, status=400)
    assert message in page.get_data(as_text=True)
    assert tenant_count() == 0


def test_duplicate_name_and_snapshot_label(trainer_web, make):
    make.tenant("room-1")
    page = trainer_web.post("/tenants/new", {"name": "room-1", "source": "generate",
                                             "seed": "1", "families": "2"}, status=400)
    assert "already exists" in page.get_data(as_text=True)
    trainer_web.post("/tenants/room-1/snapshot", {"label": "start"})
    page = trainer_web.post("/tenants/room-1/snapshot", {"label": "start"}, status=400)
    assert "already exists" in page.get_data(as_text=True)


def upload(web, content: bytes, name="", status=302):
    return web.post("/tenants/import", {"file": (io.BytesIO(content), "tenant.json"),
                                        "name": name}, status=status,
                    content_type="multipart/form-data")


def test_import_round_trip_through_the_page(trainer_web, make):
    doc = service.export(make.tenant("room-1"))
    upload(trainer_web, json.dumps(doc).encode(), name="room-1-copy")
    copy = service.export(service.get_tenant("room-1-copy"))
    assert copy["tables"] == doc["tables"]


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe not json", "not valid JSON"),
    (b"{\"format\": \"something else\"}", "not a tenant export"),
    (b"[1, 2", "not valid JSON"),
])
def test_bad_import_files_are_a_clear_400_and_leave_nothing(trainer_web, content, message):
    page = upload(trainer_web, content, name="x", status=400)
    assert message in page.get_data(as_text=True)
    assert tenant_count() == 0
    assert db.session.scalar(select(func.count(Snapshot.id))) == 0


def test_missing_tenant_pages_are_404(trainer_web):
    trainer_web.get("/tenants/nope", status=404)
    trainer_web.post("/tenants/nope/reset", status=404)
    trainer_web.post("/tenants/snapshots/999/delete", status=404)


def test_healthz_names_the_database(web):
    body = web.get("/healthz").get_json()
    assert body["database"] == "ok" and body["engine"] in ("sqlite", "postgresql")
