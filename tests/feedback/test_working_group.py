"""The working group's pages: a request's subject chosen from its notes (or written) and
edited later with its history; praise kept apart from problems; places in plain words;
merged requests that say where they went; the change log's form and question picked from
the versions' own lists."""

import re
from html import unescape

from sqlalchemy import func, select

from sandbox.audit.models import AuditEvent
from sandbox.auth.models import User
from sandbox.core.clock import utcnow
from sandbox.core.extensions import db
from sandbox.feedback.models import ChangeLogEntry, ChangeRequest, ChangeRequestEvent
from sandbox.scenarios.models import ScenarioRun
from tests.concurrency import at_once, posting
from tests.pages import Web

CHILD_VOICE = {"form_key": "section47_enquiry", "form_version": "streamlined",
               "field_key": "child_voice", "page": "/t/room-1/forms/3"}
VISIT_SEEN = {"form_key": "visit", "form_version": "streamlined", "field_key": "seen",
              "page": "/t/room-1/forms/4"}


def _say(app, make, username, kind, text, where):
    web = Web(app).sign_in(make.user("trainee", username=username))
    web.post("/feedback/new", {"kind": kind, "text": text, **where}, status=200)


def _text(response) -> str:
    return unescape(response.get_data(as_text=True))


def _checked(page: str) -> dict[str, bool]:
    """Each note's tick box on the queue page: ticked or not, by the note's words."""
    found = {}
    for box, label in re.findall(r'(<input class="govuk-checkboxes__input"[^>]*>)\s*<label[^>]*>'
                                 r'\s*<strong>[^<]*</strong>: ([^<]*)', page):
        found[label.strip()] = " checked" in box
    return found


def _item_ids(page: str) -> dict[str, str]:
    return {label.strip(): value for value, label in re.findall(
        r'name="items" type="checkbox" value="(\d+)"[^>]*>\s*<label[^>]*>\s*<strong>[^<]*'
        r'</strong>: ([^<]*)', page)}


def test_the_queue_names_places_in_plain_words_and_keeps_praise_apart(app, make):
    words = "the child's own words section is easy to find and quick to fill in"
    _say(app, make, "ann", "praise", f"I like that {words}", CHILD_VOICE)
    _say(app, make, "bob", "praise", f"Great that {words}", CHILD_VOICE)
    _say(app, make, "cat", "confusing", f"Not sure {words} really", CHILD_VOICE)
    _say(app, make, "dan", "confusing", f"Unclear whether {words}", CHILD_VOICE)
    group = Web(app).sign_in(make.user("working_group"))
    page = _text(group.get("/feedback/queue"))
    # The form's own title and the question as the streamlined version words it.
    assert "Section 47 enquiry: “" in page and "(Streamlined forms)" in page
    assert "streamlined/section47_enquiry/child_voice" not in page
    assert "2 similar words of praise" in page and "2 similar notes" in page
    # The problems are ticked for the group; the praise is not ticked with them.
    assert _checked(page) == {f"I like that {words}": False, f"Great that {words}": False,
                              f"Not sure {words} really": True,
                              f"Unclear whether {words}": True}
    ids = _item_ids(page)
    mixed = _text(group.post("/feedback/requests", {
        "items": list(ids.values()), "problem": "The child's words", "priority": "low"},
        status=400))
    assert "Praise and problems go in separate requests" in mixed
    assert db.session.scalar(select(func.count(ChangeRequest.id))) == 0
    # Each group is one card: praise in one, the problems in the other.
    cards = page.split('class="govuk-summary-card"')[1:]
    praise_card = next(c for c in cards if "words of praise" in c)
    assert "Not sure" not in praise_card and "Unclear" not in praise_card
    hotspots = _text(group.get("/feedback/hotspots"))
    assert "Section 47 enquiry: “" in hotspots and "section47_enquiry" not in hotspots


def test_end_of_scenario_answers_never_group_praise_with_problems(app, make):
    tenant = make.tenant("room-1", families=2)
    for name in ("ann", "bob"):
        trainee = Web(app).sign_in(make.user("trainee", username=name, tenant=tenant))
        trainee.post("/t/room-1/scenarios/start", {"scenario": "navigation-basics"})
        # The run is finished (playing it through is the scenarios' own tests' business).
        run = db.session.scalar(select(ScenarioRun).where(ScenarioRun.active.is_(True)))
        run.finished_at = utcnow()
        db.session.commit()
        trainee.post("/t/room-1/scenarios/reflection", {
            "serves_purpose": "partly",
            "easier": "Finding the family page was quick",
            "harder": "Finding the family page chronology was slow"})
        run.active = False
        db.session.commit()
    group = Web(app).sign_in(make.user("working_group"))
    page = _text(group.get("/feedback/queue"))
    cards = page.split('class="govuk-summary-card"')[1:]
    assert len(cards) == 2
    for card in cards:
        kinds = set(re.findall(r"<strong>([^<]*)</strong>", card))
        assert len(kinds) == 1, kinds  # praise with praise, problems with problems


def test_the_group_chooses_the_subject_from_the_ticked_notes_or_writes_it(app, make):
    _say(app, make, "ann", "confusing", "The child's words go in an appendix", CHILD_VOICE)
    _say(app, make, "bob", "asked_twice", "Who was there is asked twice", VISIT_SEEN)
    _say(app, make, "cat", "asked_twice", "Who was seen is asked again", VISIT_SEEN)
    group = Web(app).sign_in(make.user("working_group", full_name="Wendy Group"))
    ids = _item_ids(_text(group.get("/feedback/queue")))
    ticked = [ids["The child's words go in an appendix"], ids["Who was there is asked twice"],
              ids["Who was seen is asked again"]]
    # Notes about two places: the page asks which one, keeping what was written and ticked.
    asked = _text(group.post("/feedback/requests", {
        "items": ticked, "problem": "Recording who was there is hard", "priority": "high"},
        status=400))
    assert "There is a problem" in asked and "about 2 different places" in asked
    assert "Visit: “Who was there?”" in asked and "Recording who was there is hard" in asked
    assert all(_checked(asked)[label] for label in (
        "The child's words go in an appendix", "Who was there is asked twice"))
    assert db.session.scalar(select(func.count(ChangeRequest.id))) == 0
    made = group.post("/feedback/requests", {
        "items": ticked, "problem": "Recording who was there is hard", "priority": "high",
        "subject": "streamlined/visit/seen"})
    request = db.session.scalar(select(ChangeRequest))
    assert (request.target_kind, request.target) == ("field", "streamlined/visit/seen")
    page = _text(group.get(made.location))
    assert "Visit: “Who was there?”" in page and "(Streamlined forms)" in page

    # Later, in their own words; then back to one of its notes' places. Each is history.
    url = f"/feedback/requests/{request.id}/edit/subject"
    form = _text(group.get(url))
    assert "Section 47 enquiry: “" in form and "Something else" in form
    was = re.search(r'name="was" type="hidden" value="([^"]*)"', form).group(1)
    group.post(url, {"subject": "other", "subject_other": "Who was there, on every visit form",
                     "was": was})
    db.session.expire_all()
    request = db.session.get(ChangeRequest, request.id)
    assert (request.target_kind, request.target) == ("other",
                                                     "Who was there, on every visit form")
    group.post(url, {"subject": "streamlined/section47_enquiry/child_voice",
                     "was": request.target})
    page = _text(group.get(f"/feedback/requests/{request.id}"))
    assert "changed what it is about from “Visit: “Who was there?”” to “Who was there, on " \
        "every visit form”" in page
    assert "to “Section 47 enquiry: “" in page
    edits = db.session.scalars(select(ChangeRequestEvent).where(
        ChangeRequestEvent.field == "subject").order_by(ChangeRequestEvent.id)).all()
    assert [(e.old_value, e.new_value, e.by) for e in edits] == [
        ("streamlined/visit/seen", "Who was there, on every visit form", "Wendy Group"),
        ("Who was there, on every visit form", "streamlined/section47_enquiry/child_voice",
         "Wendy Group")]
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.action == "request_edited")) == 2
    # Nothing written: a clear message, not a change.
    bad = _text(group.post(url, {"subject": "other", "subject_other": " ",
                                 "was": "streamlined/section47_enquiry/child_voice"},
                           status=400))
    assert "Write what the request is about" in bad and "Error:" in bad
    group.post(url, {"subject": "streamlined/nowhere", "was":
                     "streamlined/section47_enquiry/child_voice"}, status=400)
    group.get(f"/feedback/requests/{request.id}/edit/status", status=404)
    group.post(url, {"subject": "other", "subject_other": "Forged", "was":
                     "streamlined/section47_enquiry/child_voice"}, csrf=False, status=400)
    Web(app).sign_in(make.user("floor_walker")).post(url, {
        "subject": "other", "subject_other": "Forged",
        "was": "streamlined/section47_enquiry/child_voice"}, status=403)
    db.session.expire_all()
    assert db.session.get(ChangeRequest, request.id).target == \
        "streamlined/section47_enquiry/child_voice"


def test_the_agreed_change_is_written_and_two_edits_at_once_keep_both_words(app, make):
    _say(app, make, "ann", "asked_twice", "Who was there is asked twice", VISIT_SEEN)
    group = Web(app).sign_in(make.user("working_group", full_name="Wendy Group"))
    ids = _item_ids(_text(group.get("/feedback/queue")))
    made = group.post("/feedback/requests", {"items": list(ids.values()),
                                             "problem": "Asked twice", "priority": "low"})
    request_id = int(made.location.rsplit("/", 1)[1])
    page = _text(group.get(made.location))
    assert "The agreed change" in page and "Not written yet" in page
    url = f"/feedback/requests/{request_id}/edit/proposal"
    assert "What change is agreed" in _text(group.get(url))
    agreed = "Ask who was there once, on the visit form.\nCopy it to the case note."
    group.post(url, {"proposal": agreed, "was": ""})
    page = _text(group.get(made.location))
    assert agreed.split("\n")[0] in page and "changed the agreed change from “nothing”" in page
    group.post(f"/feedback/requests/{request_id}/edit/priority",
               {"priority": "high", "was": "low"})
    assert db.session.get(ChangeRequest, request_id).priority == "high"

    # Two members reword it at the same moment from the same page: one is written, the
    # other is told and keeps their words in the box.
    other = Web(app).sign_in(make.user("working_group", username="gus"))
    answers = at_once([posting(person, url, {"proposal": words, "was": agreed})
                       for person, words in ((group, "Ask it once."), (other, "Ask it twice."))])
    assert sorted(a.status_code for a in answers) == [302, 409]
    lost = next(a for a in answers if a.status_code == 409)
    assert "Someone changed the agreed change while you were writing" in _text(lost)
    db.session.expire_all()
    kept = db.session.get(ChangeRequest, request_id).proposal
    assert kept in ("Ask it once.", "Ask it twice.")
    assert ("Ask it twice." if kept == "Ask it once." else "Ask it once.") in _text(lost)
    assert db.session.scalar(select(func.count(ChangeRequestEvent.id)).where(
        ChangeRequestEvent.field == "proposal")) == 2


def _two_requests(app, make, group):
    _say(app, make, "ann", "asked_twice", "Who was there is asked twice", VISIT_SEEN)
    _say(app, make, "bob", "confusing", "The child's words go in an appendix", CHILD_VOICE)
    made = []
    for label, item in _item_ids(_text(group.get("/feedback/queue"))).items():
        made.append(int(group.post("/feedback/requests", {
            "items": [item], "problem": label, "priority": "medium"}).location.rsplit("/")[-1]))
    return made


def test_a_merged_request_says_where_it_went_wherever_its_status_shows(app, make):
    group = Web(app).sign_in(make.user("working_group"))
    first, second = _two_requests(app, make, group)
    group.post(f"/feedback/requests/{first}/merge", {"other": str(second)})
    link = f'href="/feedback/requests/{first}">Merged into #{first}</a>'
    assert link in group.get("/feedback/requests").get_data(as_text=True)
    merged = group.get(f"/feedback/requests/{second}").get_data(as_text=True)
    assert link in merged and "Declined" not in merged
    assert "Change the status" not in merged  # the work goes on in the other request
    assert group.get("/feedback/requests?status=declined").get_data(as_text=True).count(
        link) == 1
    # The person who wrote the note sees where it went too.
    bob = Web(app).sign_in(db.session.scalar(select(User).where(User.username == "bob")))
    assert f"Part of change request {first}: new" in _text(bob.get("/feedback/mine"))
    # Its status cannot be changed behind the merge.
    refused = _text(group.post(f"/feedback/requests/{second}", {"status": "agreed"},
                               status=400))
    assert f"has been merged into #{first}" in refused
    # The change log shows it too, once the request it went into is done and logged.
    group.post(f"/feedback/requests/{first}", {"status": "done"})
    group.post(f"/feedback/requests/{first}/log", {
        "title": "Who was there asked once", "what_changed": "One question",
        "rationale": "Asked twice", "form": "", "field": "",
        "changed_on": ["2", "11", "2026"]})
    entry = db.session.scalar(select(ChangeLogEntry))
    entry.change_request_id = second  # a log entry of a request merged since
    db.session.commit()
    assert link in group.get("/feedback/changes").get_data(as_text=True)


def test_two_members_merging_the_same_request_at_once_merge_it_once(app, make):
    members = [Web(app).sign_in(make.user("working_group", username=f"m{n}"))
               for n in range(3)]
    first, second = _two_requests(app, make, members[0])
    # Two merge the second into the first, one the first into the second, all at once.
    answers = at_once([posting(members[0], f"/feedback/requests/{first}/merge",
                               {"other": str(second)}),
                       posting(members[1], f"/feedback/requests/{first}/merge",
                               {"other": str(second)}),
                       posting(members[2], f"/feedback/requests/{second}/merge",
                               {"other": str(first)})])
    assert [a.status_code for a in answers] == [302, 302, 302]
    db.session.expire_all()
    requests = {r.id: r for r in db.session.scalars(select(ChangeRequest))}
    merged = [r for r in requests.values() if r.merged_into_id]
    assert len(merged) == 1  # exactly one merge, never a request merged into its own
    into = requests[merged[0].merged_into_id]
    assert into.merged_into_id is None
    assert db.session.scalar(select(func.count(ChangeRequestEvent.id)).where(
        ChangeRequestEvent.note.like("Merged into%"))) == 1
    told = [_text(m.get(f"/feedback/requests/{first}")) for m in members]
    assert sum("so nothing was merged this time" in t for t in told) == 2


def test_the_change_log_picks_the_form_and_question_from_the_versions_lists(app, make):
    _say(app, make, "ann", "asked_twice", "Who was there is asked twice", VISIT_SEEN)
    group = Web(app).sign_in(make.user("working_group"))
    ids = _item_ids(_text(group.get("/feedback/queue")))
    made = group.post("/feedback/requests", {"items": list(ids.values()),
                                             "problem": "Asked twice", "priority": "low"})
    request_id = int(made.location.rsplit("/", 1)[1])
    group.post(f"/feedback/requests/{request_id}", {"status": "done"})
    url = f"/feedback/requests/{request_id}/log"
    page = _text(group.get(url))
    # The request's own form and question are chosen; both lists come from the versions.
    assert '<option value="streamlined/visit" selected>Visit (Streamlined forms)' in page
    assert '<option value="seen" selected>Who was there?' in page
    assert "Section 47 Enquiry Record (S47) (Legacy forms)" in page
    # Another form's questions, without JavaScript: the page is drawn with them.
    shown = _text(group.post(url, {"form": "legacy/strategy_discussion", "pick": "y",
                                   "title": "Asked once"}, status=200))
    assert "Asked once" in shown and 'value="meeting_chair"' in shown
    bad = _text(group.post(url, {"title": "Asked once", "what_changed": "One question",
                                 "rationale": "Asked twice", "form": "streamlined/visit",
                                 "field": "chair", "changed_on": ["2", "11", "2026"]},
                           status=400))
    assert "Choose a question of this form from the list" in bad
    group.post(url, {"title": "Asked once", "what_changed": "One question",
                     "rationale": "Asked twice", "form": "streamlined/visit", "field": "seen",
                     "changed_on": ["2", "11", "2026"]})
    entry = db.session.scalar(select(ChangeLogEntry))
    assert (entry.form_version, entry.form_key, entry.field_key) == (
        "streamlined", "visit", "seen")
    log = _text(group.get("/feedback/changes"))
    assert "Visit: “Who was there?” (Streamlined forms)" in log
    assert "Visit: “Who was there?” (Streamlined forms)" in _text(
        group.get("/feedback/changes.md"))
    # A place not in the lists, in words.
    group.post(url, {"title": "Paper form", "what_changed": "Gone", "rationale": "Unused",
                     "form": "other", "form_other": "The paper referral form",
                     "field": "", "changed_on": ["3", "11", "2026"]})
    assert "The paper referral form" in _text(group.get("/feedback/changes"))
    group.post(url, {"title": "Paper form", "what_changed": "Gone", "rationale": "Unused",
                     "form": "other", "form_other": "", "changed_on": ["3", "11", "2026"]},
               status=400)
