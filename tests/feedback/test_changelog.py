import csv
import io
import json

import pytest
from sqlalchemy import func, select

from sandbox.core.extensions import db
from sandbox.feedback import changelog, queue
from sandbox.feedback.models import ChangeLogEntry


@pytest.fixture
def done_request(make):
    item = queue.capture(make.user("trainee"), "asked_twice", "Address asked again",
                         {"form_key": "section47_enquiry", "form_version": "legacy",
                          "field_key": "child_address"})
    request = queue.make_request([item.id], "Address asked again", "Copy it", "high", "W")
    queue.set_status(request, "agreed", "W")
    return request


def test_only_done_requests_are_logged(done_request):
    with pytest.raises(changelog.ChangeLogError, match="done"):
        changelog.add(done_request, {"title": "T", "what_changed": "W", "rationale": "R"}, "W")
    queue.set_status(done_request, "done", "W")
    with pytest.raises(changelog.ChangeLogError, match="title, what changed"):
        changelog.add(done_request, {"title": "T", "what_changed": " ", "rationale": "R"}, "W")
    assert db.session.scalar(select(func.count(ChangeLogEntry.id))) == 0


def test_log_export_and_import_round_trip(app, web, make, done_request):
    queue.set_status(done_request, "done", "W")
    web.sign_in(make.user("working_group"))
    web.get(f"/feedback/requests/{done_request.id}/log")
    web.post(f"/feedback/requests/{done_request.id}/log", {
        "title": "Address asked once", "what_changed": "The Section 47 form copies it.",
        "rationale": "Asked four times on the pathway.", "form_version": "legacy",
        "form_key": "section47_enquiry", "field_key": "child_address",
        "changed_on": ["2", "11", "2026"]})
    page = web.get("/feedback/changes").get_data(as_text=True)
    assert "Address asked once" in page and "Change request" in page
    markdown = web.get("/feedback/changes.md").get_data(as_text=True)
    assert "## 2026-11-02: Address asked once" in markdown
    rows = list(csv.DictReader(io.StringIO(web.get("/feedback/changes.csv").get_data(
        as_text=True))))
    assert rows[0]["field_key"] == "child_address"
    exported = web.get("/feedback/changes.json").get_data()
    web.post("/feedback/changes/import", {"file": (io.BytesIO(exported), "log.json")},
             content_type="multipart/form-data")
    proposal = db.session.scalar(select(ChangeLogEntry).where(ChangeLogEntry.origin != ""))
    assert proposal.review == "proposed" and proposal.title == "Address asked once"
    again = json.loads(web.get("/feedback/changes.json").get_data())
    assert len(again["entries"]) == 1  # proposals are not this council's own log
    web.post(f"/feedback/changes/{proposal.id}/review", {"decision": "adopted"})
    db.session.expire_all()
    assert db.session.get(ChangeLogEntry, proposal.id).review == "adopted"
    web.post(f"/feedback/changes/{proposal.id}/review", {"decision": "maybe"}, status=400)
    web.get("/feedback/changes.pdf", status=404)


@pytest.mark.parametrize("content, words", [
    (b"not json", "not valid JSON"),
    (b'{"format": "case-recording-sandbox/tenant"}', "not a change log"),
    (b'{"format": "case-recording-sandbox/change-log", "version": 9, "entries": []}',
     "not supported"),
    (b'{"format": "case-recording-sandbox/change-log", "version": 1, "entries": [{}]}',
     "entries[0].title"),
    (b'{"format": "case-recording-sandbox/change-log", "version": 1, "entries": [{"title": '
     b'"T", "what_changed": "W", "rationale": "R", "changed_on": "soon"}]}', "changed_on"),
])
def test_bad_change_log_files_are_refused_and_change_nothing(web, make, content, words):
    web.sign_in(make.user("working_group"))
    page = web.post("/feedback/changes/import", {"file": (io.BytesIO(content), "x.json")},
                    content_type="multipart/form-data", status=400)
    assert words in page.get_data(as_text=True)
    assert db.session.scalar(select(func.count(ChangeLogEntry.id))) == 0
