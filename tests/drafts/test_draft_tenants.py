"""A draft links the tenant it made itself by id: it never takes over, resets or deletes a
tenant that merely has the name it would give one."""

import json

from sqlalchemy import select

from sandbox.core.extensions import db
from sandbox.drafts.models import FormDraft
from sandbox.feedback.models import ChangeRequest
from sandbox.tenants import service
from sandbox.tenants.models import LIVE, Tenant
from tests.pages import Web


def _draft(web) -> FormDraft:
    change = ChangeRequest(target_kind="field", target="streamlined/visit/seen",
                           problem="Seen is unclear", created_by="G", updated_by="G")
    db.session.add(change)
    db.session.commit()
    web.post("/form-drafts/new", {"request_id": str(change.id)})
    return db.session.scalar(select(FormDraft))


def live(name: str) -> Tenant | None:
    db.session.expire_all()
    return db.session.scalar(select(Tenant).where(Tenant.name == name, Tenant.state == LIVE))


def test_a_tenant_that_only_has_the_drafts_name_is_never_taken(app, make):
    # A trainer's tenant called try-draft-1, made before such names were kept for drafts.
    theirs = make.tenant("try-draft-1", seed=4, families=2, system=True)
    kept = json.dumps(service.export(theirs)["tables"], sort_keys=True)
    web = Web(app).sign_in(make.user("working_group"))
    draft = _draft(web)
    assert draft.id == 1
    tried = web.post(f"/form-drafts/{draft.id}/try")
    mine = live("try-draft-1-2")
    assert mine is not None and tried.location == "/t/try-draft-1-2/"
    assert mine.form_version == "draft-1" and mine.families == 8
    assert "try-draft-1-2" in web.get("/form-drafts/").get_data(as_text=True)
    # Trying again resets the draft's own tenant, never the trainer's.
    web.post(f"/form-drafts/{draft.id}/try")
    web.post(f"/form-drafts/{draft.id}/try")
    theirs = live("try-draft-1")
    assert theirs.form_version == "streamlined" and theirs.last_reset_at is None
    assert json.dumps(service.export(theirs)["tables"], sort_keys=True) == kept
    page = web.get(f"/form-drafts/{draft.id}").get_data(as_text=True)
    assert "try-draft-1-2" in page and "and no other" in page
    # Deleting the draft deletes the tenant it made, and only that one.
    web.post(f"/form-drafts/{draft.id}/delete")
    assert live("try-draft-1-2") is None
    assert live("try-draft-1") is not None
    assert db.session.scalar(select(FormDraft)) is None


def test_the_drafts_tenant_is_followed_through_resets_by_id(app, make):
    web = Web(app).sign_in(make.user("working_group"))
    draft = _draft(web)
    web.post(f"/form-drafts/{draft.id}/try")
    first = live("try-draft-1").id
    # The first reset is in place and makes a spare; the next swaps the spare in, so
    # the tenant called try-draft-1 is then another row.
    web.post(f"/form-drafts/{draft.id}/try")
    web.post(f"/form-drafts/{draft.id}/try")
    now = live("try-draft-1")
    assert now.id != first
    db.session.expire_all()
    assert db.session.get(FormDraft, draft.id).tenant_id == now.id
    web.post(f"/form-drafts/{draft.id}/delete")
    assert db.session.scalars(select(Tenant.name).where(Tenant.state == LIVE)).all() == []


def test_a_trainer_deleting_the_drafts_tenant_lets_the_draft_make_another(app, make):
    web = Web(app).sign_in(make.user("working_group"))
    draft = _draft(web)
    web.post(f"/form-drafts/{draft.id}/try")
    trainer = Web(app).sign_in(make.user("trainer"))
    trainer.post("/tenants/try-draft-1/delete")
    db.session.expire_all()
    assert db.session.get(FormDraft, draft.id).tenant_id is None
    assert "Not made yet" in web.get("/form-drafts/").get_data(as_text=True)
    web.post(f"/form-drafts/{draft.id}/try")
    assert live("try-draft-1").form_version == "draft-1"
