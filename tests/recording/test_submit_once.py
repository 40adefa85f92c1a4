"""One form is submitted (and signed off) once, however many times its button is pressed
at the same moment: submitting is one conditional update of the draft."""

import re

import pytest
from sqlalchemy import func, select

from sandbox.cases.models import CaseNote
from sandbox.core.extensions import db
from sandbox.recording import service as recording
from sandbox.recording.models import SIGNED_OFF, SUBMITTED, FormChange, FormRecord
from tests.concurrency import at_once, posting
from tests.pages import Web
from tests.recording.conftest import date_fields, post_form

ALREADY = "This form has already been submitted"


@pytest.fixture
def trainee(make, room):
    tenant, _ = room
    return make.user("trainee", tenant=tenant)


def _open_case_note(web, case):
    started = web.post(f"/t/room-1/children/{case.child_id}/forms", {"form_key": "case_note"})
    record_id = int(started.location.rsplit("/", 1)[1])
    page = web.get(started.location).get_data(as_text=True)
    fields = {name: re.search(f'name="{name}" value="([^"]+)"', page).group(1)
              for name in ("revision", "editor", "sitting")}
    return record_id, {**fields, "action": "submit", "f-note_type": "call",
                       "f-subject": "Home visit",
                       "f-note": "Amir showed me his room.",
                       **date_fields("written_on", recording.today())}


def _actions(record_id, action):
    return db.session.scalar(select(func.count()).select_from(FormChange).where(
        FormChange.form_record_id == record_id, FormChange.action == action))


def test_one_page_submitted_eight_times_at_once_is_submitted_once(app, room, trainee):
    _, (case, *_) = room
    record_id, page = _open_case_note(Web(app).sign_in(trainee), case)
    notes = db.session.scalar(select(func.count(CaseNote.id)))
    # Eight presses of Submit on the one open page (each its own request, as a browser's).
    browsers = [Web(app).sign_in(trainee) for _ in range(8)]
    answers = at_once([posting(b, f"/t/room-1/forms/{record_id}", page) for b in browsers])
    assert sorted(a.status_code for a in answers) == [302] + [409] * 7
    for answer in answers:
        if answer.status_code == 409:
            text = answer.get_data(as_text=True)
            assert ALREADY in text and "the first one counted" in text
            assert f"/t/room-1/forms/{record_id}" in text  # a link to the form as it is
    db.session.expire_all()
    assert db.session.scalar(select(FormRecord.status).where(
        FormRecord.id == record_id)) == SUBMITTED
    assert _actions(record_id, "submitted") == 1
    assert db.session.scalar(select(func.count(CaseNote.id))) == notes + 1


def test_submitting_again_later_is_told_and_changes_nothing(app, web, room, trainee):
    _, (case, *_) = room
    web.sign_in(trainee)
    record_id, page = _open_case_note(web, case)
    post_form(web, record_id, page)
    again = post_form(web, record_id, {**page, "f-note": "Changed my mind."}, status=409)
    assert ALREADY in again.get_data(as_text=True)
    saved = web.post(f"/t/room-1/forms/{record_id}/autosave", page, status=409,
                     headers={"Accept": "application/json"}).get_json()
    assert ALREADY in saved["error"]
    db.session.expire_all()
    record = db.session.scalar(select(FormRecord).where(FormRecord.id == record_id))
    assert record.answers["note"] == "Amir showed me his room."
    assert _actions(record_id, "submitted") == 1


def test_two_sign_offs_at_once_sign_off_once(app, room, make):
    _, (case, *_) = room
    record = recording.start(case, "streamlined", "case_note", "Tom Trainee")
    recording.submit(record, {"written_on": recording.today().isoformat(), "note_type": "call",
                              "subject": "Call",
                              "note": "Rang."}, record.revision, "Tom Trainee", case, set())
    url = f"/t/room-1/forms/{record.id}/sign-off"
    managers = [Web(app).sign_in(make.user("trainer", username=f"manager{n}"))
                for n in range(4)]
    answers = at_once([posting(m, url) for m in managers])
    assert sorted(a.status_code for a in answers) == [302] + [409] * 3
    assert all("already been signed off" in a.get_data(as_text=True)
               for a in answers if a.status_code == 409)
    db.session.expire_all()
    assert db.session.scalar(select(FormRecord.status).where(
        FormRecord.id == record.id)) == SIGNED_OFF
    assert _actions(record.id, "signed off") == 1
