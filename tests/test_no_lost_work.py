"""No lost work: drafts outlive the app, resets warn first, and a reset under someone who
is typing gives them their words back with a clear message, never a 500."""

import pytest
from sqlalchemy import select

from sandbox import create_app
from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.recording import service as recording
from sandbox.recording.models import FormRecord
from sandbox.tenants import service
from tests.pages import Web


def _open_draft(web, tenant_name="room-1"):
    tenant = service.get_tenant(tenant_name)
    with tenancy.scoped_to(tenant.id):
        case = db.session.scalars(select(Case)).first()
    started = web.post(f"/t/{tenant_name}/children/{case.child_id}/forms",
                       {"form_key": "case_note"})
    record_id = int(started.location.rsplit("/", 1)[1])
    page = web.get(started.location).get_data(as_text=True)
    sitting = page.split('name="sitting" value="', 1)[1].split('"', 1)[0]
    return record_id, sitting


@pytest.mark.parametrize("resets_before", [0, 1], ids=["in place", "swapped in"])
def test_a_reset_while_typing_gives_the_words_back(app, web, make, resets_before):
    tenant = make.tenant(families=1)
    for _ in range(resets_before):
        tenant = service.reset(tenant)  # the next reset swaps in a spare
    web.sign_in(make.user("trainee", tenant=tenant))
    record_id, sitting = _open_draft(web)
    service.reset(service.get_tenant("room-1"))
    typed = {"revision": "1", "sitting": sitting, "f-note_type": "call", "f-subject": "Home visit",
             "f-note": "Amir said he feels safe with his nan."}
    page = web.post(f"/t/room-1/forms/{record_id}", {**typed, "action": "save"},
                    status=409).get_data(as_text=True)
    assert "reset to its starting point while you were working" in page
    assert "Amir said he feels safe with his nan." in page and "Home visit" in page
    saved = web.post(f"/t/room-1/forms/{record_id}/autosave", typed, status=409,
                     headers={"Accept": "application/json"})
    assert "reset to its starting point" in saved.get_json()["error"]
    # Someone else's page, or a made-up sitting, gets the plain 404.
    web.post(f"/t/room-1/forms/{record_id}", {**typed, "sitting": "999999"}, status=404)


def test_the_tenant_page_warns_before_a_reset_discards_drafts(web, make):
    tenant = make.tenant(families=1)
    with tenancy.scoped_to(tenant.id):
        case = db.session.scalars(select(Case)).first()
        recording.start(case, "streamlined", "visit", "Tom Trainee")
    web.sign_in(make.user("trainer"))
    page = web.get("/tenants/room-1").get_data(as_text=True)
    assert "1 form in progress will be lost" in page and "Tom Trainee" in page
    web.post("/tenants/room-1/reset")
    assert "in progress will be lost" not in web.get("/tenants/room-1").get_data(as_text=True)


def test_drafts_survive_a_restart(tmp_path):
    url = f"sqlite:///{tmp_path / 'restart.db'}"
    first = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    with first.app_context():
        db.create_all()
        tenant = service.create_from_seed("room-1", 1, 1)
        with tenancy.scoped_to(tenant.id):
            case = db.session.scalars(select(Case)).first()
            record = recording.start(case, "streamlined", "case_note", "T")
            recording.save(record, {"note": "Half written"}, record.revision, "T")
            key = (tenant.id, record.id)
        db.session.remove()
        db.engine.dispose()
    again = create_app("test", SQLALCHEMY_DATABASE_URI=url)  # a new process, as after restart
    with again.app_context():
        with tenancy.scoped_to(key[0]):
            assert db.session.get(FormRecord, key).answers == {"note": "Half written"}
        Web(again)  # and the app serves
        db.session.remove()
        db.engine.dispose()
