"""Amending a submitted form, through the pages: a mistake is corrected in a new revision
kept in the form's history (not a second form), the child's record follows the amended
answers through the pathway, a signed-off form needs signing off again, and of two
amendments made at once exactly one is made."""

import re

import pytest
from sqlalchemy import func, select

from sandbox.cases.models import Case, ChronologyEntry
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.recording.models import DRAFT, SIGNED_OFF, SUBMITTED, FormChange, FormRecord
from sandbox.recording.service import family_people
from tests.concurrency import at_once, posting
from tests.pages import Web
from tests.scenarios.test_playthrough import HIDDEN, as_posted, fill


@pytest.fixture
def seat(make):
    tenant = make.tenant("room-1", seed=3, families=12)
    tenancy.enter(tenant.id)
    return tenant


def _case_at(stage: str) -> Case:
    """A case at `stage`; the first case put there if the generator made none (setting up
    the test, not what it tests)."""
    found = db.session.scalars(select(Case).where(Case.stage == stage).order_by(Case.id)).first()
    if found is None:
        found = db.session.scalars(select(Case).where(Case.stage != "closed")
                                   .order_by(Case.id)).first()
        found.stage, found.stage_on = stage, found.contact_on
        db.session.commit()
    return found


class Recorder:
    """A person recording on a child's record through the pages."""

    def __init__(self, web: Web, case: Case):
        self.web, self.case = web, case
        self.forms = web.app.extensions["forms"]
        self.people = [str(p.id) for p in family_people(case)]

    def answers(self, key: str, chosen: dict) -> dict:
        return fill(self.forms.form("streamlined", key), self.people, chosen)

    def posted(self, key: str, answers: dict) -> dict:
        return as_posted(self.forms.form("streamlined", key), answers)

    def submit(self, key: str, answers: dict) -> int:
        started = self.web.post(f"/t/room-1/children/{self.case.child_id}/forms",
                                {"form_key": key})
        page = self.web.get(started.location).get_data(as_text=True)
        form = page[page.index(f'action="{started.location}"'):]
        hidden = dict(HIDDEN.findall(form[:form.index("</form>")]))
        self.web.post(started.location, {**hidden, "action": "submit",
                                         **self.posted(key, answers)})
        return int(started.location.rsplit("/", 1)[1])

    def amend_page(self, record_id: int) -> tuple[str, dict]:
        html = self.web.get(f"/t/room-1/forms/{record_id}/amend").get_data(as_text=True)
        form = html[html.index(f'action="/t/room-1/forms/{record_id}/amend"'):]
        return html, dict(HIDDEN.findall(form[:form.index("</form>")]))

    def amend(self, record_id: int, key: str, answers: dict, status: int = 302):
        _html, hidden = self.amend_page(record_id)
        return self.web.post(f"/t/room-1/forms/{record_id}/amend",
                             {**hidden, "action": "amend", **self.posted(key, answers)},
                             status=status)


def _record(record_id: int) -> FormRecord:
    db.session.expire_all()
    return db.session.scalar(select(FormRecord).where(FormRecord.id == record_id))


def _case(case_id: int) -> Case:
    db.session.expire_all()
    return db.session.scalar(select(Case).where(Case.id == case_id))


def test_a_mistake_is_amended_in_a_new_revision_kept_in_the_history(app, make, seat):
    case = _case_at("contact")
    web = Web(app).sign_in(make.user("trainee", tenant=seat))
    me = Recorder(web, case)
    answers = me.answers("case_note", {"subject": "Home visit", "note": "Saw Amir's room."})
    record_id = me.submit("case_note", answers)
    view = web.get(f"/t/room-1/forms/{record_id}").get_data(as_text=True)
    assert "Amend this form" in view and "rather than starting another" in view
    page, _ = me.amend_page(record_id)
    assert "You are amending this form" in page and "Save the amendment" in page
    assert "data-autosave-url" not in page  # an amendment is saved once, on purpose
    notes_before = db.session.scalar(select(func.count()).select_from(ChronologyEntry))
    after = me.amend(record_id, "case_note", {**answers, "note": "Saw Amir's bedroom."})
    assert after.location == f"/t/room-1/forms/{record_id}"
    shown = web.get(after.location).get_data(as_text=True)
    assert "Case note amended. The change is kept in its history." in shown
    assert "amended it on" in shown and "Saw Amir&#39;s bedroom." in shown
    history = web.get(f"/t/room-1/forms/{record_id}/history").get_data(as_text=True)
    assert "Amended" in history and "Saw Amir&#39;s room." in history
    record = _record(record_id)
    assert record.status == SUBMITTED and record.answers["note"] == "Saw Amir's bedroom."
    # Corrected, not duplicated: one case note form, one new revision, no new chronology.
    assert db.session.scalar(select(func.count()).select_from(FormRecord).where(
        FormRecord.case_id == case.id, FormRecord.form_key == "case_note")) == 1
    changes = db.session.scalars(select(FormChange.action).where(
        FormChange.form_record_id == record_id).order_by(FormChange.id)).all()
    assert changes == ["started", "submitted", "amended"]
    assert db.session.scalar(select(func.count()).select_from(ChronologyEntry)) == notes_before
    # The same answers again change nothing, and say so; a draft has nothing to amend.
    again = me.amend(record_id, "case_note", {**answers, "note": "Saw Amir's bedroom."})
    assert "did not change any answer" in web.get(again.location).get_data(as_text=True)
    # Bad answers are shown beside the question, 400, and nothing changes.
    refused = me.amend(record_id, "case_note", {**answers, "subject": ""}, status=400)
    assert "There is a problem" in refused.get_data(as_text=True)
    assert _record(record_id).answers["subject"] == "Home visit"


def test_an_amended_decision_moves_the_child_through_the_pathway(app, make, seat):
    case = _case_at("contact")
    web = Web(app).sign_in(make.user("trainee", tenant=seat))
    me = Recorder(web, case)
    wrong = me.answers("contact_referral", {"decision": "advice", "parents_agree": "yes"})
    record_id = me.submit("contact_referral", wrong)
    assert _case(case.id).stage == "closed" and _case(case.id).closure_reason
    lines = db.session.scalar(select(func.count()).select_from(ChronologyEntry).where(
        ChronologyEntry.case_id == case.id))
    me.amend(record_id, "contact_referral", {**wrong, "decision": "referral"})
    moved = _case(case.id)
    # As if the contact had been accepted as a referral in the first place: open again.
    assert moved.stage == "referral" and moved.closed_on is None
    assert moved.closure_reason is None
    assert db.session.scalar(select(func.count()).select_from(ChronologyEntry).where(
        ChronologyEntry.case_id == case.id)) == lines
    child = web.get(f"/t/room-1/children/{case.child_id}").get_data(as_text=True)
    assert "Referral" in child


def test_a_decision_cannot_be_amended_once_the_record_has_moved_on(app, make, seat):
    case = _case_at("contact")
    web = Web(app).sign_in(make.user("trainee", tenant=seat))
    me = Recorder(web, case)
    contact = me.answers("contact_referral", {"decision": "referral", "parents_agree": "yes"})
    contact_id = me.submit("contact_referral", contact)
    strategy = me.answers("strategy_discussion", {"threshold": "yes", "decision": "section47",
                                                  "joint_with_police": "no"})
    me.submit("strategy_discussion", strategy)
    assert _case(case.id).stage == "section47"
    refused = me.amend(contact_id, "contact_referral", {**contact, "decision": "advice"},
                       status=400).get_data(as_text=True)
    assert "has moved on since" in refused and "Strategy discussion" in refused
    assert _case(case.id).stage == "section47"
    # A correction that leaves the decision alone can still be made.
    me.amend(contact_id, "contact_referral", {**contact, "worries": "Said in her words."})
    assert _record(contact_id).answers["worries"] == "Said in her words."


def test_amending_a_signed_off_form_needs_signing_off_again(app, make, seat):
    case = _case_at("contact")
    trainee = Web(app).sign_in(make.user("trainee", tenant=seat))
    me = Recorder(trainee, case)
    answers = me.answers("case_note", {"subject": "Phone call"})
    record_id = me.submit("case_note", answers)
    manager = Web(app).sign_in(make.user("trainer", username="manager"))
    manager.post(f"/t/room-1/forms/{record_id}/sign-off")
    assert _record(record_id).status == SIGNED_OFF
    page, _ = me.amend_page(record_id)
    assert "signed this form off" in page and "needs signing off again" in page
    done = me.amend(record_id, "case_note", {**answers, "subject": "Phone call to school"})
    shown = trainee.get(done.location).get_data(as_text=True)
    assert "it needs signing off again" in shown
    record = _record(record_id)
    assert record.status == SUBMITTED and record.signed_off_by is None
    assert "Sign off as team manager" in manager.get(done.location).get_data(as_text=True)


def test_two_amendments_at_once_make_one_revision(app, make, seat):
    case = _case_at("contact")
    trainee = make.user("trainee", tenant=seat)
    me = Recorder(Web(app).sign_in(trainee), case)
    answers = me.answers("case_note", {"subject": "Visit"})
    record_id = me.submit("case_note", answers)
    # Two pages opened on the same revision; both press "Save the amendment" at once.
    pages = [Web(app).sign_in(trainee) for _ in range(2)]
    sent = []
    for n, web in enumerate(pages):
        _html, hidden = Recorder(web, case).amend_page(record_id)
        sent.append(posting(web, f"/t/room-1/forms/{record_id}/amend",
                            {**hidden, "action": "amend",
                             **me.posted("case_note", {**answers, "note": f"Version {n}"})}))
    answered = at_once(sent)
    assert sorted(a.status_code for a in answered) == [302, 409]
    lost = next(a for a in answered if a.status_code == 409).get_data(as_text=True)
    assert "Someone amended this form a moment ago" in lost
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(FormChange).where(
        FormChange.form_record_id == record_id, FormChange.action == "amended")) == 1
    record = _record(record_id)
    assert record.answers["note"] in ("Version 0", "Version 1")
    assert record.revision == 3


def test_a_draft_and_another_training_copy_cannot_be_amended(app, make, seat):
    case = _case_at("contact")
    web = Web(app).sign_in(make.user("trainee", tenant=seat))
    started = web.post(f"/t/room-1/children/{case.child_id}/forms", {"form_key": "case_note"})
    draft_id = int(started.location.rsplit("/", 1)[1])
    assert _record(draft_id).status == DRAFT
    assert web.get(f"/t/room-1/forms/{draft_id}/amend", status=302).location.endswith(
        f"/forms/{draft_id}")
    assert "Amend this form" not in web.get(started.location).get_data(as_text=True)
    other = make.tenant("room-2", seed=5, families=2)
    stranger = Web(app).sign_in(make.user("trainee", username="stranger", tenant=other))
    stranger.get(f"/t/room-1/forms/{draft_id}/amend", status=404)
    stranger.post(f"/t/room-1/forms/{draft_id}/amend", {"revision": "1"}, status=404)
    # A revision that is not a number is a clear 400.
    web.post(f"/t/room-1/forms/{draft_id}/amend", {"revision": "x"}, status=400)
    assert re.search(r"revision", web.post(f"/t/room-1/forms/{draft_id}/amend", {},
                                            status=400).get_data(as_text=True))
