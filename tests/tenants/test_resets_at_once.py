"""A reset and anything else arriving at the same moment (another reset, an autosave):
one statement decides who goes first, the other is told with a 409, and nothing typed is
lost. Each test holds the first reset in the middle of its work (after it has claimed
the tenant) while the other request arrives, so that they really overlap."""

import pytest
from sqlalchemy import func, select

from sandbox.auth.models import User
from sandbox.cases import records
from sandbox.core.extensions import db
from sandbox.tenants import service, spares
from sandbox.tenants.models import LIVE, Tenant
from tests.concurrency import Pause, Watch, in_thread, posting
from tests.pages import Web, isolated
from tests.tenants.test_service import change_something, tables_of
from tests.test_no_lost_work import _open_draft

SOMEONE_ELSE = "reset by someone else a moment ago"
MODES = pytest.mark.parametrize("resets_before", [0, 1], ids=["in place", "swapped in"])


def _ready(make, resets_before):
    tenant = make.tenant(families=2)
    for _ in range(resets_before):  # after one reset, the next swaps in a spare
        tenant = service.reset(tenant)
    return tenant


def _hold_the_first_reset(monkeypatch):
    """The first reset stops just after it has claimed the tenant (its next step is to
    look for a spare), until the test lets it go."""
    pause = Pause(spares.spare_of)
    monkeypatch.setattr(spares, "spare_of", pause)
    return pause


@MODES
def test_two_resets_at_once_one_goes_ahead_the_other_is_told(app, make, monkeypatch,
                                                            resets_before):
    tenant = _ready(make, resets_before)
    baseline = tables_of(service.export(tenant))
    trainee = make.user("trainee", tenant=tenant)
    change_something(tenant)
    first, second = (Web(app).sign_in(make.user("trainer", username=f"trainer{n}"))
                     for n in range(2))
    pause = _hold_the_first_reset(monkeypatch)
    found = Watch(service.get_tenant)
    monkeypatch.setattr(service, "get_tenant", found)
    one, first_answer = in_thread(posting(first, "/tenants/room-1/reset"))
    assert pause.reached.wait(30)
    two, second_answer = in_thread(posting(second, "/tenants/room-1/reset"))
    assert found.returned[2].wait(30)  # the second has found the tenant as it was
    pause.go()
    one.join(), two.join()
    assert first_answer[0].status_code == 302
    assert second_answer[0].status_code == 409
    assert SOMEONE_ELSE in second_answer[0].get_data(as_text=True)
    db.session.expire_all()
    live = db.session.scalars(select(Tenant).where(Tenant.name == "room-1",
                                                   Tenant.state == LIVE)).all()
    assert len(live) == 1 and tables_of(service.export(live[0])) == baseline
    assert db.session.get(User, trainee.id).tenant_id == live[0].id


def _open_case_note(web):
    record_id, sitting = _open_draft(web)
    return f"/t/room-1/forms/{record_id}", {
        "revision": "1", "sitting": sitting, "f-note_type": "call", "f-subject": "Home visit",
        "f-note": "Amir said he feels safe with his nan."}


def _during_a_reset(app, make, monkeypatch, resets_before, request):
    """A trainee has a case note open; a trainer's reset is held after claiming the
    tenant while `request(web, form_url, typed)` arrives (and has found the form as it
    was). Returns the reset's answer, the request's, and the trainee's page."""
    tenant = _ready(make, resets_before)
    typist = Web(app).sign_in(make.user("trainee", tenant=tenant))
    form_url, typed = _open_case_note(typist)
    trainer = Web(app).sign_in(make.user("trainer"))
    pause = _hold_the_first_reset(monkeypatch)
    found = Watch(records.form_record)
    monkeypatch.setattr(records, "form_record", found)
    resetting, reset_answer = in_thread(posting(trainer, "/tenants/room-1/reset"))
    assert pause.reached.wait(30)
    sending, answer = in_thread(request(typist, form_url, typed))
    assert found.returned[1].wait(30)  # it is in the tenant as it was
    pause.go()
    resetting.join(), sending.join()
    return reset_answer[0], answer[0], (typist, form_url, typed)


@MODES
def test_an_autosave_during_a_reset_is_told_and_nothing_typed_is_lost(app, make, monkeypatch,
                                                                     resets_before):
    reset, saved, (typist, form_url, typed) = _during_a_reset(
        app, make, monkeypatch, resets_before, lambda web, url, typed: posting(
            web, f"{url}/autosave", typed, headers={"Accept": "application/json"}))
    assert reset.status_code == 302
    assert saved.status_code == 409, saved.get_data(as_text=True)
    assert "reset while you were working" in saved.get_json()["error"]
    # As the page does on a 409: it sends the whole form, and gets back what was typed.
    page = typist.post(form_url, {**typed, "action": "save"}, status=409)
    assert "Amir said he feels safe with his nan." in page.get_data(as_text=True)


@MODES
def test_a_form_opened_during_a_reset_says_so(app, make, monkeypatch, resets_before):
    reset, page, _ = _during_a_reset(
        app, make, monkeypatch, resets_before,
        lambda web, url, _typed: lambda: isolated(web.client.get, url))
    assert reset.status_code == 302 and page.status_code == 409
    assert "reset just as this page was opening" in page.get_data(as_text=True)


def test_resetting_every_seat_as_one_is_reset_resets_each_once(app, make, monkeypatch):
    trainer = Web(app).sign_in(make.user("trainer"))
    made = trainer.post("/sessions/new", {"name": "Room", "scenario": "navigation-basics",
                                          "form_version": "streamlined", "seats": "2",
                                          "seed": "1", "families": "2"})
    room = made.location
    helper = Web(app).sign_in(make.user("administrator", username="helper"))  # may run any
    pause = _hold_the_first_reset(monkeypatch)
    resets = Watch(service.reset)
    monkeypatch.setattr(service, "reset", resets)
    one, seat_answer = in_thread(posting(helper, f"{room}/seats/0/reset"))
    assert pause.reached.wait(30)
    every, all_answer = in_thread(posting(trainer, f"{room}/reset-all", {"confirmed": "yes"}))
    # The helper's reset, then the trainer's of the front of the room, found as it was.
    assert resets.entered[2].wait(30)
    pause.go()
    one.join(), every.join()
    assert seat_answer[0].status_code == 302 and all_answer[0].status_code == 302
    page = trainer.get(room).get_data(as_text=True)
    assert "Someone else was resetting the front of the room at the same moment" in page
    assert db.session.scalar(select(func.count()).select_from(Tenant).where(
        Tenant.state == LIVE)) == 3


def _entered_then_reset(app, make, monkeypatch, request):
    """The trainee's request has entered the training copy (first reset not yet made) and
    stops before looking for its form; a trainer's first reset, which puts the data back
    in place, then completes; the request goes on. Its answer, and the trainee's page."""
    tenant = _ready(make, 0)
    typist = Web(app).sign_in(make.user("trainee", tenant=tenant))
    form_url, typed = _open_case_note(typist)
    trainer = Web(app).sign_in(make.user("trainer"))
    pause = Pause(records.form_record)
    monkeypatch.setattr(records, "form_record", pause)
    sending, answer = in_thread(request(typist, form_url, typed))
    assert pause.reached.wait(30)
    trainer.post("/tenants/room-1/reset")
    pause.go()
    sending.join()
    return answer[0], (typist, form_url, typed)


def test_a_form_gone_with_a_reset_during_the_autosave_is_a_reset_notice(app, make,
                                                                       monkeypatch):
    saved, (typist, form_url, typed) = _entered_then_reset(
        app, make, monkeypatch, lambda web, url, typed: posting(
            web, f"{url}/autosave", typed, headers={"Accept": "application/json"}))
    assert saved.status_code == 409, saved.get_data(as_text=True)
    assert "while you were working" in saved.get_json()["error"]
    page = typist.post(form_url, {**typed, "action": "save"}, status=409)
    assert "Amir said he feels safe with his nan." in page.get_data(as_text=True)


def test_a_form_gone_with_a_reset_as_it_opens_says_so(app, make, monkeypatch):
    page, _ = _entered_then_reset(app, make, monkeypatch,
                                  lambda web, url, _typed: lambda: isolated(web.client.get, url))
    assert page.status_code == 409
    assert "reset just as this page was opening" in page.get_data(as_text=True)
