import json
import re

import pytest
from sqlalchemy import select

from sandbox.core.extensions import db
from sandbox.recording import service as recording
from sandbox.recording.models import FormRecord
from tests.recording.conftest import date_fields, post_form


@pytest.fixture
def trainee(web, make, room):
    tenant, _ = room
    web.sign_in(make.user("trainee", tenant=tenant))
    return web


def start(web, case, key="strategy_discussion"):
    response = web.post(f"/t/room-1/children/{case.child_id}/forms", {"form_key": key})
    return int(response.location.rsplit("/", 1)[1])


def test_record_a_strategy_discussion_through_the_pages(trainee, room):
    _, (case, *_) = room
    record_id = start(trainee, case)
    page = trainee.get(f"/t/room-1/forms/{record_id}").get_data(as_text=True)
    assert "Strategy discussion" in page and 'name="revision" value="1"' in page
    post_form(trainee, record_id, {"revision": "1", "action": "save", "f-worries": "Bruises."})
    assert "Bruises." in trainee.get(f"/t/room-1/forms/{record_id}").get_data(as_text=True)
    post_form(trainee, record_id, {
        "revision": "2", "action": "submit", **date_fields("held_on", recording.today()),
        "f-worries": "Bruises seen by the S47 team.", "f-threshold": "yes",
        "f-decision": "section47", "f-joint_with_police": "yes", "f-attendees-rows": "1",
        "f-attendees-0-name": "PC Jones",
        "f-attendees-0-agency": "police"})
    view = trainee.get(f"/t/room-1/forms/{record_id}").get_data(as_text=True)
    assert "Submitted" in view and "PC Jones, Police" in view
    output = trainee.get(f"/t/room-1/forms/{record_id}/output").get_data(as_text=True)
    assert "Reading ease" in output and 'class="app-jargon"' in output
    child = trainee.get(f"/t/room-1/children/{case.child_id}").get_data(as_text=True)
    assert "Section 47 enquiry" in child and "Strategy discussion recorded" in child


def test_invalid_answers_show_next_to_the_field_and_are_kept(trainee, room):
    _, (case, *_) = room
    record_id = start(trainee, case, "child_family_assessment")
    page = post_form(trainee, record_id, {
        "revision": "1", "action": "submit", "f-safety_scale": "11",
        "f-child_seen_on-day": "31", "f-child_seen_on-month": "2",
        "f-child_seen_on-year": "2026", "f-past_harm": "Kept words."}, status=400)
    html = page.get_data(as_text=True)
    assert "<title>Error:" in html and "There is a problem" in html
    assert 'href="#f-safety_scale"' in html and 'href="#f-child_seen_on-day"' in html
    assert "must be a whole number from 0 to 10" in html
    assert "Kept words." in html and 'value="11"' in html and 'value="31"' in html
    assert 'id="f-child_voice-error"' in html


def test_autosave_answers_json_and_conflicts_are_409(trainee, room):
    _, (case, *_) = room
    record_id = start(trainee, case, "case_note")
    saved = trainee.post(f"/t/room-1/forms/{record_id}/autosave",
                         {"revision": "1", "f-note": "Typed so far"}, status=200).get_json()
    assert saved["revision"] == 2
    stale = trainee.post(f"/t/room-1/forms/{record_id}/autosave",
                         {"revision": "1", "f-note": "Other tab"}, status=409).get_json()
    assert "Someone else saved" in stale["error"]


def test_two_tabs_the_second_is_shown_both_versions(trainee, room):
    _, (case, *_) = room
    record_id = start(trainee, case, "case_note")
    post_form(trainee, record_id, {"revision": "1", "action": "save", "f-note": "Tab one"})
    page = post_form(trainee, record_id, {"revision": "1", "action": "save",
                                          "f-note": "Tab two"}, status=409)
    html = page.get_data(as_text=True)
    assert "Tab one" in html and "Tab two" in html and "Keep my version" in html
    mine = re.search(r'name="mine" value="([^"]+)"', html).group(1)
    revision = re.search(r'name="revision" value="(\d+)"', html).group(1)
    post_form(trainee, record_id, {"revision": revision, "action": "keep_mine",
                                   "mine": json.loads(json.dumps(mine)).replace("&#34;", '"')})
    db.session.expire_all()
    record = db.session.scalar(select(FormRecord).where(FormRecord.id == record_id))
    assert record.answers["note"] == "Tab two"


def test_bad_revision_and_submitted_forms(trainee, room):
    _, (case, *_) = room
    record_id = start(trainee, case, "case_note")
    post_form(trainee, record_id, {"action": "save"}, status=400)
    post_form(trainee, record_id, {"revision": "1", "action": "submit",
                                   **date_fields("written_on", recording.today()),
                                   "f-note_type": "call", "f-subject": "Call", "f-note": "Rang."})
    post_form(trainee, record_id, {"revision": "3", "action": "save", "f-note": "x"},
              status=409)
    trainee.post(f"/t/room-1/children/{case.child_id}/forms", {"form_key": "no_such_form"},
                 status=400)


def test_draft_output_is_404_and_history_lists_changes(trainee, room):
    _, (case, *_) = room
    record_id = start(trainee, case, "case_note")
    trainee.get(f"/t/room-1/forms/{record_id}/output", status=404)
    post_form(trainee, record_id, {"revision": "1", "action": "save", "f-note": "Hello"})
    history = trainee.get(f"/t/room-1/forms/{record_id}/history").get_data(as_text=True)
    assert "Started" in history and "Saved" in history and "Hello" in history


def test_forms_of_another_tenant_answer_404(web, make, room):
    tenant, (case, *_) = room
    record = recording.start(case, "streamlined", "case_note", "Someone")
    other = make.tenant("room-2", seed=1, families=1)
    web.sign_in(make.user("trainee", tenant=other))
    for url in (f"/t/room-1/forms/{record.id}", f"/t/room-2/forms/{record.id + 50}",
                f"/t/room-1/forms/{record.id}/history"):
        web.get(url, status=404)
    web.post(f"/t/room-1/forms/{record.id}", {"revision": "1", "action": "save"}, status=404)
    web.post(f"/t/room-1/forms/{record.id}/autosave", {"revision": "1"}, status=404)


def test_floor_walker_reads_but_cannot_record(web, make, room):
    _, (case, *_) = room
    record = recording.start(case, "streamlined", "case_note", "Someone")
    web.sign_in(make.user("floor_walker"))
    page = web.get(f"/t/room-1/forms/{record.id}").get_data(as_text=True)
    assert "read-only for your role" in page
    web.post(f"/t/room-1/forms/{record.id}", {"revision": "1", "action": "save"}, status=403)


def test_chronology_add_and_edit(trainee, room):
    _, (case, *_) = room
    url = f"/t/room-1/children/{case.child_id}/chronology/new"
    trainee.get(url)
    for broken in (["31", "2", "2026"], ["31 2 2026"], ["1", "2", "3", "4"]):
        bad = trainee.post(url, {"occurred_on": broken, "kind": "visit", "title": "T",
                                 "detail": "D", "source": "S"}, status=400)
        assert "There is a problem" in bad.get_data(as_text=True)
    done = trainee.post(url, {"occurred_on": ["2", "11", "2026"], "kind": "visit",
                              "title": "Saw Zain at school", "detail": "He was happy.",
                              "source": "Social worker"})
    entry_id = done.location.rsplit("entry-", 1)[1]
    trainee.post(f"/t/room-1/chronology/{entry_id}/edit", {
        "occurred_on": ["2", "11", "2026"], "kind": "meeting", "title": "Corrected",
        "detail": "He was happy.", "source": "Social worker"})
    child = trainee.get(f"/t/room-1/children/{case.child_id}").get_data(as_text=True)
    assert "Corrected" in child


def test_a_pages_own_autosave_is_not_a_conflict_but_another_page_is(trainee, room):
    _, (case, *_) = room
    record_id = start(trainee, case, "case_note")
    url = f"/t/room-1/forms/{record_id}/autosave"
    trainee.post(url, {"revision": "1", "editor": "pageone1", "f-note": "Typed"}, status=200)
    # The same page submits its form with the revision it was opened at: no conflict.
    post_form(trainee, record_id, {"revision": "1", "editor": "pageone1", "action": "save",
                                   "f-note": "Typed more"})
    # Another page opened at revision 1 is told.
    post_form(trainee, record_id, {"revision": "1", "editor": "pagetwo2", "action": "save",
                                   "f-note": "Other"}, status=409)


@pytest.mark.parametrize("mine, status", [
    ("not json", 400), ("[1, 2]", 302),
    ('{"written_on": 5, "note": ["x"], "subject": {"a": 1}}', 302),
    ('{"written_on": {"day": 1}, "unknown": "x"}', 400),  # kept, shown as not a real date
    ('{"written_on": "2026-99-99"}', 302),
])
def test_a_tampered_keep_mine_never_breaks_the_form(trainee, room, mine, status):
    _, (case, *_) = room
    record_id = start(trainee, case, "case_note")
    post_form(trainee, record_id, {"revision": "1", "action": "keep_mine", "mine": mine},
              status=status)
    trainee.get(f"/t/room-1/forms/{record_id}")
    trainee.get(f"/t/room-1/forms/{record_id}/history")


def test_the_child_page_lists_forms_under_each_part_of_the_pathway(trainee, room):
    _, (case, *_) = room
    page = trainee.get(f"/t/room-1/children/{case.child_id}").get_data(as_text=True)
    parts = re.findall(r'<optgroup label="([^"]+)">', page)
    assert parts == ["Front door", "Early Help", "Assessment", "Child protection",
                     "Children in need", "Looked after", "Any time", "Closure"]
    looked_after = page[page.index('<optgroup label="Looked after">'):]
    looked_after = looked_after[:looked_after.index("</optgroup>")]
    assert "Becoming looked after, or a new episode" in looked_after and \
        "Pathway plan" in looked_after
    early_help = page[page.index('<optgroup label="Early Help">'):]
    early_help = early_help[:early_help.index("</optgroup>")]
    assert "Early Help assessment" in early_help and "Early Help family plan" in early_help
    for key in ("early_help_assessment", "early_help_plan", "cin_plan", "cin_review",
                "closure"):
        record_id = start(trainee, case, key)
        assert trainee.get(f"/t/room-1/forms/{record_id}").status_code == 200
