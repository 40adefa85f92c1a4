"""Changing a draft question by question, through its pages and without JavaScript: the
wording, hint and whether a question must be answered; its answers; adding, removing and
moving questions; the questions of each row of a repeating group. The text box edits the
same draft; problems are said in plain words next to the box; of two changes at once, one
is made and the other is told."""

import re
from html import unescape

from sqlalchemy import func, select

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.drafts.models import FormDraft
from sandbox.feedback.models import ChangeRequest
from sandbox.recording.models import FormRecord
from sandbox.tenants.models import Tenant
from tests.concurrency import at_once
from tests.pages import TOKEN, Web, isolated


def _draft(web, target) -> FormDraft:
    change = ChangeRequest(target_kind="field", target=target, problem="Hard to use",
                           created_by="G", updated_by="G")
    db.session.add(change)
    db.session.commit()
    web.post("/form-drafts/new", {"request_id": str(change.id)})
    return db.session.scalar(select(FormDraft).where(FormDraft.change_request_id == change.id))


def _page(web, url, status=200) -> str:
    return unescape(web.get(url, status=status).get_data(as_text=True))


def _seen(page: str) -> str:
    return re.search(r'name="seen" (?:type="hidden" )?value="([^"]+)"', page).group(1)


def _change(web, url, data, status=302):
    page = _page(web, url)
    return web.post(url, {"seen": _seen(page), **data}, status=status)


def _source(draft_id) -> str:
    db.session.expire_all()
    return db.session.get(FormDraft, draft_id).source


def _parsed(app, draft_id, key="visit"):
    db.session.expire_all()  # the draft as the pages left it
    return app.extensions["forms"].form(f"draft-{draft_id}", key)


def test_a_member_rewords_a_question_and_its_answers(app, make):
    web = Web(app).sign_in(make.user("working_group"))
    draft = _draft(web, "streamlined/visit/seen")
    page = _page(web, f"/form-drafts/{draft.id}")
    assert "Change it question by question" in page
    url = f"/form-drafts/{draft.id}/questions/bedroom_seen"
    assert f'href="{url}"' in page
    question = _page(web, url)
    assert "Did you see where the child sleeps?" in question and "Save the wording" in question

    _change(web, url, {"action": "wording", "label": "Did you see the child's bed?",
                       "hint": "Cot, bed or mattress: say which", "required": "y"})
    form = _parsed(app, draft.id).field("bedroom_seen")
    assert (form.label, form.hint, form.required) == (
        "Did you see the child's bed?", "Cot, bed or mattress: say which", True)
    shown = _page(web, f"/form-drafts/{draft.id}")
    assert "Did you see the child's bed?" in shown and "whether it must be answered" in shown
    assert "label: Did you see the child's bed?" in shown  # the text box shows it too

    # The answers: reword one, remove one, add one.
    _change(web, url, {"action": "options", "opt_0": "Yes, I saw it", "opt_1": "No",
                       "rm_1": "y", "add_option": "Not this time: the child was out"})
    form = _parsed(app, draft.id).field("bedroom_seen")
    assert [(o.value, o.label) for o in form.options] == [
        ("yes", "Yes, I saw it"), ("not_this_time_the_child_was_out",
                                    "Not this time: the child was out")]
    # Not required again, the hint taken away.
    _change(web, url, {"action": "wording", "label": "Did you see the child's bed?",
                       "hint": ""})
    form = _parsed(app, draft.id).field("bedroom_seen")
    assert (form.hint, form.required) == ("", False)


def test_problems_are_said_in_plain_words_next_to_the_box(app, make):
    web = Web(app).sign_in(make.user("working_group"))
    draft = _draft(web, "streamlined/visit/seen")
    before = _source(draft.id)
    url = f"/form-drafts/{draft.id}/questions/bedroom_seen"
    empty = unescape(_change(web, url, {"action": "wording", "label": "  "}, status=400)
                     .get_data(as_text=True))
    assert "<title>Error:" in empty and "There is a problem" in empty
    assert 'href="#label">Enter the question' in empty
    assert 'id="label-error"' in empty
    # A question what submitting does depends on: not removed, and why.
    kept = unescape(_change(web, f"/form-drafts/{draft.id}/questions/child_voice",
                            {"action": "remove", "confirmed": "yes"}, status=400)
                    .get_data(as_text=True))
    assert "What happens when the form is submitted depends on this question" in kept
    assert 'href="#remove"' in kept and 'id="remove-error"' in kept
    assert not re.search(r"draft \d+:\d+", kept)
    # The first question cannot move up, the last cannot move down.
    top = unescape(_change(web, f"/form-drafts/{draft.id}/questions/visited_on",
                           {"action": "up"}, status=400).get_data(as_text=True))
    assert "It is already the first question on the form" in top and 'href="#move"' in top
    # Without the page's CSRF token, nothing is changed.
    seen = _seen(_page(web, url))
    web.post(url, {"action": "wording", "label": "Forged", "seen": seen}, csrf=False,
             status=400)
    web.post(f"/form-drafts/{draft.id}/add-question?section=0", {
        "label": "Forged", "kind": "text", "seen": seen}, csrf=False, status=400)
    assert _source(draft.id) == before
    # Someone else's role cannot open the editor.
    trainer = Web(app).sign_in(make.user("trainer"))
    trainer.get(url, status=403)
    trainer.post(url, {"action": "remove", "seen": seen, "confirmed": "yes"}, status=403)
    assert _source(draft.id) == before
    web.get(f"/form-drafts/{draft.id}/questions/nothing_here", status=404)
    web.get(f"/form-drafts/{draft.id}/add-question?section=99", status=404)
    web.post(url, {"action": "sideways", "seen": "x"}, status=400)


def test_an_answer_that_moves_the_child_on_is_not_removed(app, make):
    web = Web(app).sign_in(make.user("working_group"))
    draft = _draft(web, "streamlined/strategy_discussion/decision")
    url = f"/form-drafts/{draft.id}/questions/decision"
    page = _page(web, url)
    assert "Start a Section 47 enquiry" in page
    refused = unescape(_change(web, url, {"action": "options", "rm_0": "y",
                                          "opt_0": "Start a Section 47 enquiry"},
                               status=400).get_data(as_text=True))
    assert "decides what happens when the form is submitted" in refused
    assert 'href="#opt_0"' in refused


def test_add_move_and_remove_questions_and_the_rows_of_a_group(app, make):
    web = Web(app).sign_in(make.user("working_group"))
    draft = _draft(web, "streamlined/visit/seen")
    page = _page(web, f"/form-drafts/{draft.id}")
    add = unescape(re.findall(r'href="(/form-drafts/\d+/add-question\?section=\d+)"', page)[0])
    form = _page(web, add)
    assert "Add a question to the section “The visit”" in form
    assert "A repeating group (rows of questions" in form
    made = _change(web, add, {"label": "How did you get there?", "kind": "choice",
                              "options": "Walked\nDrove\nBus or train\n", "after": "place",
                              "hint": "So we can plan the next visit"})
    assert made.location.endswith(f"/form-drafts/{draft.id}/questions/how_did_you_get_there")
    visit = _parsed(app, draft.id)
    keys = [f.key for f in visit.sections[0].fields]
    assert keys[keys.index("place") + 1] == "how_did_you_get_there"
    assert [o.label for o in visit.field("how_did_you_get_there").options] == [
        "Walked", "Drove", "Bus or train"]
    # A list question needs its answers.
    none = unescape(_change(web, add, {"label": "Anything else?", "kind": "choice",
                                       "options": " "}, status=400).get_data(as_text=True))
    assert "Write the answers to choose from, one on each line" in none

    # Moved down past the end of its section, it starts the next one.
    url = f"/form-drafts/{draft.id}/questions/how_did_you_get_there"
    for _ in range(2):  # below "Who was there?", the last of its section, then on
        _change(web, url, {"action": "down"})
    visit = _parsed(app, draft.id)
    assert visit.sections[1].fields[0].key == "how_did_you_get_there"
    _change(web, url, {"action": "up"})
    assert _parsed(app, draft.id).sections[0].fields[-1].key == "how_did_you_get_there"
    # Removing asks first; "No, go back" leaves it, yes removes it.
    asked = unescape(_change(web, url, {"action": "remove"}, status=200).get_data(
        as_text=True))
    assert "Remove “How did you get there?” from the draft?" in asked
    assert _parsed(app, draft.id).field("how_did_you_get_there") is not None
    _change(web, url, {"action": "remove", "confirmed": "yes"})
    assert _parsed(app, draft.id).field("how_did_you_get_there") is None

    # A repeating group, and a question in each of its rows.
    made = _change(web, add, {"label": "Who else was contacted", "kind": "repeat"})
    group = made.location.rsplit("/", 1)[1]
    page = _page(web, made.location)
    assert "Questions in each row" in page
    add_row = unescape(re.search(r'href="(/form-drafts/\d+/add-question\?group=[^"]+)"',
                                 page).group(1))
    assert "A repeating group" not in _page(web, add_row)  # no group inside a group
    made = _change(web, add_row, {"label": "Their phone number", "kind": "text"})
    assert made.location.endswith(f"/questions/{group}.their_phone_number")
    _change(web, made.location, {"action": "up"})
    rows = _parsed(app, draft.id).field(group)
    assert [f.label for f in rows.fields] == ["Their phone number", "Details"]
    _change(web, made.location, {"action": "wording", "label": "Their phone or email",
                                 "required": "y"})
    assert _parsed(app, draft.id).field(group).fields[0].required


def test_the_rows_of_a_group_in_the_draft_save_in_its_sandbox_tenant(app, make):
    web = Web(app).sign_in(make.user("working_group"))
    draft = _draft(web, "streamlined/core_group_review/attendees")
    add_row = f"/form-drafts/{draft.id}/add-question?group=attendees"
    _change(web, add_row, {"label": "Agency", "kind": "text", "after": "name"})
    web.post(f"/form-drafts/{draft.id}/try")
    tenant = db.session.scalar(select(Tenant).where(Tenant.name == f"try-draft-{draft.id}"))
    with tenancy.scoped_to(tenant.id):
        case = db.session.scalars(select(Case).order_by(Case.id)).first()
    started = web.post(f"/t/{tenant.name}/children/{case.child_id}/forms",
                       {"form_key": "core_group_review"})
    form = web.get(started.location).get_data(as_text=True)
    assert 'name="f-attendees-0-agency"' in form
    fields = {name: re.search(f'name="{name}" value="([^"]+)"', form).group(1)
              for name in ("revision", "editor", "sitting")}
    web.post(started.location, {**fields, "action": "save", "f-attendees-rows": "2",
                                "f-attendees-0-name": "Sam Patel",
                                "f-attendees-0-agency": "School",
                                "f-attendees-1-name": "Jo Hill",
                                "f-attendees-1-agency": "Health visiting"})
    record_id = int(started.location.rsplit("/", 1)[1])
    with tenancy.scoped_to(tenant.id):
        record = db.session.scalar(select(FormRecord).where(FormRecord.id == record_id))
        assert [(row["name"], row["agency"]) for row in record.answers["attendees"]] == [
            ("Sam Patel", "School"), ("Jo Hill", "Health visiting")]


def test_the_text_box_and_the_questions_edit_the_same_draft(app, make):
    web = Web(app).sign_in(make.user("working_group"))
    draft = _draft(web, "streamlined/visit/seen")
    page = _page(web, f"/form-drafts/{draft.id}")
    seen = _seen(page)
    text = _source(draft.id).replace('"Time you arrived"', '"When you arrived"')
    web.post(f"/form-drafts/{draft.id}", {"source": text, "seen": seen})
    assert "When you arrived" in _page(web, f"/form-drafts/{draft.id}/questions/start_time")
    # A text saved from a page drawn before a change made question by question is refused,
    # and the words typed are still in the box.
    _change(web, f"/form-drafts/{draft.id}/questions/start_time",
            {"action": "wording", "label": "Arrival time"})
    stale = unescape(web.post(f"/form-drafts/{draft.id}", {
        "source": text + "\n", "seen": _seen(page)}, status=409).get_data(as_text=True))
    assert "Someone else changed the draft since you opened this page" in stale
    assert "Your text is still in the box" in stale and "When you arrived" in stale
    assert "Arrival time" in _source(draft.id)
    # And a change from a page drawn before the text was saved.
    old_page = _page(web, f"/form-drafts/{draft.id}/questions/place")
    fresh = _seen(_page(web, f"/form-drafts/{draft.id}"))
    web.post(f"/form-drafts/{draft.id}", {"source": _source(draft.id).replace(
        "Arrival time", "Time of arrival"), "seen": fresh})
    told = unescape(web.post(f"/form-drafts/{draft.id}/questions/place", {
        "seen": _seen(old_page), "action": "wording", "label": "Where?"},
        status=409).get_data(as_text=True))
    assert "Someone else changed the draft" in told and 'value="Where?"' in told
    assert "Where?" not in _source(draft.id)


def test_legacy_shared_sections_are_shown_to_read_only(app, make):
    web = Web(app).sign_in(make.user("working_group"))
    draft = _draft(web, "legacy/strategy_discussion/meeting_chair")
    page = _page(web, f"/form-drafts/{draft.id}")
    assert "Every legacy form shares this section, so it is changed in the text only" in page
    links = re.findall(rf'href="/form-drafts/{draft.id}/questions/([^"]+)"', page)
    assert links
    # A question of the form's own changes; the draft is written back whole and still
    # a working legacy form.
    _change(web, f"/form-drafts/{draft.id}/questions/{links[0]}",
            {"action": "wording", "label": "Reworded for the draft"})
    form = _parsed(app, draft.id, "strategy_discussion")
    assert form.field(links[0]).label == "Reworded for the draft"
    legacy = app.extensions["forms"].form("legacy", "strategy_discussion")
    assert len(form.fields) == len(legacy.fields)


def test_two_changes_at_once_from_one_page_make_one_and_tell_the_other(app, make):
    members = [Web(app).sign_in(make.user("working_group", username=f"wg{n}"))
               for n in range(2)]
    draft = _draft(members[0], "streamlined/visit/seen")
    url = f"/form-drafts/{draft.id}/questions/place"
    seen = _seen(_page(members[0], url))
    calls = []
    for member, words in zip(members, ("Where was it?", "Where did you meet?"), strict=True):
        token = TOKEN.search(isolated(member.client.get, url).get_data(as_text=True)).group(1)
        calls.append(lambda m=member, w=words, t=token: isolated(
            m.client.post, url, data={"csrf_token": t, "seen": seen, "action": "wording",
                                      "label": w}))
    answers = at_once(calls)
    assert sorted(a.status_code for a in answers) == [302, 409]
    told = unescape(next(a for a in answers if a.status_code == 409).get_data(as_text=True))
    assert "Someone else changed the draft since you opened this page" in told
    label = _parsed(app, draft.id).field("place").label
    assert label in ("Where was it?", "Where did you meet?")
    assert db.session.scalar(select(func.count(FormDraft.id))) == 1
