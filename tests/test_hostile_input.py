"""Hostile input an assurance team's probe of the running app sent, through the real pages:
URLs to go back to that lead off the site, control characters, JSON nested thousands
deep, YAML anchors and aliases, dates past the year 9999 and wildcards in searches. Each is
refused in one place (sandbox/core/received.py and the request pipeline in
sandbox/web/pipeline.py) with a 4xx and a plain message, never a 500;
tests/probe/test_hostile_input.py repeats the
checks against gunicorn."""

import html
import io
import json
import re
from urllib.parse import quote, urljoin, urlsplit

import pytest
from sqlalchemy import func, select

from sandbox.cases.models import Case, ChronologyEntry
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.core.received import CONTROL_CHARACTER
from sandbox.drafts.models import FormDraft
from sandbox.feedback.models import ChangeLogEntry, ChangeRequest, FeedbackItem
from sandbox.recording import service as recording
from sandbox.recording.models import FormRecord
from sandbox.tenants import service
from sandbox.tenants.models import Tenant
from sandbox.timing import analysis
from sandbox.timing.models import TrackedWork
from tests.pages import isolated
from tests.timing.test_capture import periods

# URLs to go back to that a browser would follow off the site (it drops tabs and line
# breaks and reads a backslash as a slash), or that are not paths of this site at all.
HOSTILE_URLS = [
    "/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "\t//evil.example",
    "//evil.example", "/\\evil.example", "\\\\evil.example", "/\\/evil.example",
    "https://evil.example/", "https:evil.example", "HTTPS://evil.example", "javascript:alert(1)",
    "/%09/evil.example", "/%0A/evil.example", "/%0d/evil.example", "/%2F/evil.example",
    "/%2f%2fevil.example", "/%5Cevil.example", "%2F%2Fevil.example", " //evil.example",
    "/／evil.example", "／／evil.example", "/∕∕evil.example", "/\u3000/evil.example",
    "evil.example", "", "/t/room-1/?x=1\n//evil.example",
]
SITE = "http://sandbox.test"


def lands_on_site(url: str) -> bool:
    """Where a browser goes from this page when told `url`: still this site?"""
    as_browser = re.sub(r"[\t\n\r]", "", url).replace("\\", "/").strip()
    return url.isascii() and urlsplit(urljoin(SITE + "/page", as_browser)).netloc == \
        "sandbox.test"


def test_the_check_would_catch_a_redirect_off_the_site():
    assert not lands_on_site("/\t/evil.example") and not lands_on_site("/\\evil.example")
    assert lands_on_site("/t/room-1/?q=a") and lands_on_site("/")


@pytest.fixture
def room(make):
    return make.tenant("room-1", families=2)


def test_no_url_from_the_request_leads_off_the_site(web, make, room):
    """Sign-in's next, feedback's back link, the scenario panel's next and the time
    analysis's back: one function reads them all."""
    working = make.user("working_group")
    trainee = make.user("trainee", tenant=room)
    pair = analysis.repeated(web.app.extensions["forms"].forms("legacy"))[0]
    for value in HOSTILE_URLS:
        signed_in = web.post(f"/sign-in?next={quote(value, safe='')}",
                             {"username": working.username, "password": "correct-horse-battery"})
        assert lands_on_site(signed_in.location), (value, signed_in.location)
        back = web.post("/timings/forms/pairs", {
            "set": "legacy", "first": pair.first.ref, "second": pair.second.ref,
            "verdict": "confirmed", "back": value})
        assert lands_on_site(back.location), (value, back.location)
        thanks = web.post("/feedback/new", {"kind": "confusing", "text": "Lost",
                                            "page": value}, status=200)
        link = re.search(r'href="([^"]*)">Back to the page',
                         thanks.get_data(as_text=True)).group(1)
        assert lands_on_site(html.unescape(link)), (value, link)
    web.sign_in(trainee)
    web.post("/t/room-1/scenarios/start", {"scenario": "navigation-basics"})
    for value in HOSTILE_URLS:
        for action in ("check", "hint"):
            went = web.post(f"/t/room-1/scenarios/{action}", {"next": value})
            assert lands_on_site(went.location), (action, value, went.location)
        panel = isolated(web.client.get,
                         f"/t/room-1/scenarios/panel?next={quote(value, safe='')}")
        assert panel.status_code == 200
        for sent in re.findall(r'name="next" value="([^"]*)"', panel.get_data(as_text=True)):
            assert lands_on_site(html.unescape(sent)), (value, sent)


def test_a_path_on_the_site_is_kept(web, make):
    user = make.user("working_group")
    signed_in = web.post("/sign-in?next=" + quote("/feedback/queue?x=1&y=%C3%A9", safe=""),
                         {"username": user.username, "password": "correct-horse-battery"})
    assert signed_in.location == "/feedback/queue?x=1&y=%C3%A9"


# Control characters ----------------------------------------------------------------------

def _refused(response, words: str = CONTROL_CHARACTER) -> bool:
    return response.status_code == 400 and \
        words in html.unescape(response.get_data(as_text=True))


def test_control_characters_are_refused_in_one_place(web, make, room):
    """NUL and the other control characters in the path, query, form fields or a JSON
    body: 400 and a plain message, before anything reaches the database."""
    trainee = make.user("trainee", tenant=room)
    with tenancy.scoped_to(room.id):
        child_id = db.session.scalars(select(Case)).first().child_id
        entries = db.session.scalar(select(func.count(ChronologyEntry.id)))
    client = web.client
    assert _refused(isolated(client.post, "/sign-in", data={
        "csrf_token": web.token(), "username": "admin\x00", "password": "x"}))
    web.sign_in(trainee)
    token = web.token()
    for sent in [
        lambda: client.get("/t/room-1%00/"),
        lambda: client.get("/t/room-1/%09"),
        lambda: client.get("/t/room-1/?q=a%00b"),
        lambda: client.get("/t/room-1/?q=a%1bb"),
        lambda: client.get("/timings/?study=%7f"),
        lambda: client.post("/join", data={"csrf_token": token, "code": "AB\x00CDE"}),
        lambda: client.post("/feedback/new", data={"csrf_token": token, "kind": "broken",
                                                    "text": "It broke\x00"}),
        lambda: client.post("/feedback/new", data={"csrf_token": token, "kind": "broken",
                                                    "text": "x", "x\x00": "y"}),
        lambda: client.post(f"/t/room-1/children/{child_id}/chronology/new", data={
            "csrf_token": token, "occurred_on": ["2", "11", "2026"], "kind": "Other",
            "title": "Seen\x00", "detail": "d", "source": "s"}),
    ]:
        answer = isolated(sent)
        assert _refused(answer), (answer.status_code, answer.get_data(as_text=True)[-300:])
    for body in ('{"next": "\\u0000"}', DEEP):
        answer = isolated(client.post, "/t/room-1/scenarios/check", data=body,
                          content_type="application/json", headers={"X-CSRFToken": token})
        assert answer.status_code == 400 and re.search(
            "control character|nested more than", answer.get_data(as_text=True)), body
    assert db.session.scalar(select(func.count(FeedbackItem.id))) == 0
    with tenancy.scoped_to(room.id):
        assert db.session.scalar(select(func.count(ChronologyEntry.id))) == entries
    # Tabs and line breaks are text.
    web.post("/feedback/new", {"kind": "broken", "text": "Line one\r\n\tLine two"}, status=200)
    assert db.session.scalar(select(FeedbackItem.text)) == "Line one\r\n\tLine two"


def _imports_refused(web, room, person: dict, entry: dict) -> list[str]:
    """The 400 pages answering the room's export, and a change log, each with one change."""
    doc = service.export(room)
    doc["tables"]["people"][0].update(person)
    log = {"format": "case-recording-sandbox/change-log", "version": 1, "entries": [{
        "title": "T", "what_changed": "W", "rationale": "R", "changed_on": "2026-11-02",
        **entry}]}
    return [web.post(url, {"file": (io.BytesIO(json.dumps(content).encode()), "f.json"),
                           "name": "copy"}, content_type="multipart/form-data",
                     status=400).get_data(as_text=True)
            for url, content in (("/tenants/import", doc), ("/feedback/changes/import", log))]


def test_control_characters_in_uploaded_files_are_refused(web, make, room):
    web.sign_in(make.user("administrator"))
    study = web.post("/timings/import", {
        "study": "Spring", "file": (io.BytesIO(b"work_type,period,minutes,case\n"
                                               b"Visit,before,30,A\x00\n"), "s.csv")},
        content_type="multipart/form-data", status=400)
    assert "line 2: a control character" in html.unescape(study.get_data(as_text=True))
    assert db.session.scalar(select(func.count(TrackedWork.id))) == 0
    for page in _imports_refused(web, room, {"first_name": "Ann\u0000"}, {"title": "T\u0000"}):
        assert "control character" in page
    assert db.session.scalar(select(func.count(Tenant.id))) == 1
    assert db.session.scalar(select(func.count(ChangeLogEntry.id))) == 0


# JSON nested thousands deep --------------------------------------------------------------

DEEP = "[" * 3000 + "]" * 3000  # about 6 KB


def test_json_nested_thousands_deep_is_refused_everywhere(web, make, room, cli):
    web.sign_in(make.user("administrator"))
    with tenancy.scoped_to(room.id):
        case = db.session.scalars(select(Case)).first()
        record_id = recording.start(case, "streamlined", "case_note", "T").id
    mine = web.post(f"/t/room-1/forms/{record_id}", {"revision": "1", "action": "keep_mine",
                                                      "mine": DEEP}, status=400)
    assert "Your version could not be read" in mine.get_data(as_text=True)
    deep_object = '{"a":' * 3000 + "1" + "}" * 3000
    for url, content in (("/tenants/import", DEEP), ("/tenants/import", deep_object),
                         ("/feedback/changes/import", DEEP)):
        page = web.post(url, {"file": (io.BytesIO(content.encode()), "deep.json")},
                        content_type="multipart/form-data", status=400)
        assert "nested more than 32 levels deep" in page.get_data(as_text=True), url
    assert db.session.scalar(select(func.count(Tenant.id))) == 1


def test_the_command_line_refuses_deep_json_in_one_line(cli, tmp_path, assert_one_line):
    path = tmp_path / "deep.json"
    path.write_text(DEEP)
    output = cli("tenant", "import", str(path), code=1)
    assert_one_line(output)
    assert "nested more than" in output


# Dates ---------------------------------------------------------------------------------

def test_dates_are_read_within_a_sensible_range(web, make, room):
    web.sign_in(make.user("administrator"))
    for url in ("/timings/?", "/timings/report.csv?"):
        for end in ("31 12 9999", "1 1 0001", "31 2 2026", "99 99 2026"):
            page = web.get(url + periods("1 1 2026", end, "1 6 2026", "31 12 2026"),
                           status=400)
            assert "between 1900 and 2099" in html.unescape(page.get_data(as_text=True))
    web.get("/timings/?" + periods("1 1 2026", "31 5 2026", "1 6 2026", "31 12 2026"))
    with tenancy.scoped_to(room.id):
        case = db.session.scalars(select(Case)).first()
        record_id = recording.start(case, "streamlined", "case_note", "T").id
        child_id = case.child_id
    page = web.post(f"/t/room-1/forms/{record_id}", {
        "revision": "1", "action": "save", "f-written_on-day": "31",
        "f-written_on-month": "12", "f-written_on-year": "9999"}, status=400)
    assert "real date between 1900 and 2099" in page.get_data(as_text=True)
    db.session.expire_all()
    with tenancy.scoped_to(room.id):
        kept = db.session.scalars(select(FormRecord).where(
            FormRecord.id == record_id)).one().answers["written_on"]
    assert kept == {"day": "31", "month": "12", "year": "9999"}  # as typed, not lost
    page = web.post(f"/t/room-1/children/{child_id}/chronology/new", {
        "occurred_on": ["1", "1", "1850"], "kind": "Other", "title": "Old", "detail": "d",
        "source": "s"}, status=400)
    assert "real date between 1900 and 2099" in page.get_data(as_text=True)
    for page in _imports_refused(web, room, {"date_of_birth": "9999-12-31"},
                                 {"changed_on": "9999-12-31"}):
        assert "between 1900 and 2099" in page


# YAML anchors and aliases ------------------------------------------------------------------

def test_a_draft_with_anchors_aliases_or_escaped_control_characters_is_refused(web, make):
    change = ChangeRequest(target_kind="field", target="streamlined/visit/seen",
                           problem="Seen is unclear", created_by="G", updated_by="G")
    db.session.add(change)
    db.session.commit()
    web.sign_in(make.user("working_group"))
    web.post("/form-drafts/new", {"request_id": str(change.id)})
    draft = db.session.scalar(select(FormDraft))
    kept = draft.source
    first, second = re.findall(r'label: ("[^"\n]*")', kept)[:2]
    for source, problem in [
        (kept.replace(f"label: {first}", f"label: &asked {first}", 1).replace(
            f"label: {second}", "label: *asked", 1), "anchors and aliases"),
        (kept.replace(f"label: {first}", 'label: "Who\\0"', 1), "a control character"),
    ]:
        assert source != kept
        page = web.post(f"/form-drafts/{draft.id}", {"source": source}, status=400)
        text = html.unescape(page.get_data(as_text=True))
        assert problem in text and re.search(rf"draft {draft.id}:\d+: ", text), problem
        db.session.expire_all()
        assert db.session.get(FormDraft, draft.id).source == kept


# Searches --------------------------------------------------------------------------------

def test_wildcards_in_a_search_match_only_themselves(web, make, room):
    web.sign_in(make.user("trainee", tenant=room))
    with tenancy.scoped_to(room.id):
        family = db.session.scalars(select(Case)).first().family
        name = family.name
    for wildcard in ("%", "_", "%%", "a%"):
        page = web.get(f"/t/room-1/?q={quote(wildcard)}").get_data(as_text=True)
        assert "No families match" in page, wildcard
    found = web.get(f"/t/room-1/?q={quote(name[1:4].upper())}").get_data(as_text=True)
    assert html.escape(name) in found
