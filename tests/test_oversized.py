"""Oversized input is refused politely, within set limits, and nothing is written."""

import io
import json

from sqlalchemy import func, select

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.recording import service as recording
from sandbox.recording.models import FormRecord
from sandbox.timing import studies
from sandbox.timing.models import TrackedWork

TEN_MB = "x" * (10 * 1024 * 1024)


def _draft(tenant):
    with tenancy.scoped_to(tenant.id):
        case = db.session.scalars(select(Case)).first()
        return recording.start(case, "streamlined", "case_note", "T").id


def test_a_ten_megabyte_note_is_refused_and_the_draft_is_unchanged(web, make):
    tenant = make.tenant(families=1)
    record_id = _draft(tenant)
    web.sign_in(make.user("trainee", tenant=tenant))
    page = web.post(f"/t/room-1/forms/{record_id}", {"revision": "1", "action": "save",
                                                     "f-note": TEN_MB}, status=413)
    text = page.get_data(as_text=True)
    assert "larger than this service accepts" in text and "what you typed is still" in text
    saved = web.post(f"/t/room-1/forms/{record_id}/autosave", {"revision": "1",
                                                                "f-note": TEN_MB},
                     status=413, headers={"Accept": "application/json"})
    assert "larger than this service accepts" in saved.get_json()["error"]
    with tenancy.scoped_to(tenant.id):
        assert db.session.get(FormRecord, (tenant.id, record_id)).revision == 1
    web.post("/feedback/new", {"kind": "broken", "text": TEN_MB}, status=413)


def test_an_answer_over_its_limit_is_named_and_kept_as_typed(web, make):
    tenant = make.tenant(families=1)
    record_id = _draft(tenant)
    web.sign_in(make.user("trainee", tenant=tenant))
    long = "y" * 20_001
    page = web.post(f"/t/room-1/forms/{record_id}", {"revision": "1", "action": "save",
                                                     "f-note": long}, status=400)
    assert "20,000 characters or fewer" in page.get_data(as_text=True)


def test_a_hundred_thousand_row_study_is_refused(web, make):
    rows = "".join(f"Visit,before,{n % 50 + 1},c{n}\n" for n in range(100_000))
    data = ("work_type,period,minutes,case\n" + rows).encode()
    web.sign_in(make.user("working_group"))
    page = web.post("/timings/import", {"study": "Huge", "file": (io.BytesIO(data), "big.csv")},
                    status=400, content_type="multipart/form-data").get_data(as_text=True)
    assert f"more than {studies.MAX_ROWS:,} rows" in page
    assert db.session.scalar(select(func.count(TrackedWork.id))) == 0


def test_an_import_over_the_upload_limit_is_refused(app, web, make):
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    web.sign_in(make.user("trainer"))
    big = json.dumps({"padding": "z" * (2 * 1024 * 1024)}).encode()
    page = web.post("/tenants/import", {"file": (io.BytesIO(big), "t.json")}, status=413,
                    content_type="multipart/form-data").get_data(as_text=True)
    assert "at most 1 MB for a file" in page
