import threading
from datetime import date

import pytest
from sqlalchemy import select

from sandbox.cases.models import CaseNote
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.recording import service as recording
from sandbox.recording.models import FormChange, FormRecord
from sandbox.recording.service import Conflict, RecordingError

WHO = "Tess Trainer"
DAY = "2026-11-02"


def submit(case, key, answers, version="streamlined"):
    record = recording.start(case, version, key, WHO)
    people = {str(p.id) for p in recording.family_people(case)}
    errors = recording.submit(record, {**record.answers, **answers}, record.revision, WHO,
                              case, people)
    assert errors == {}
    return record


def test_prefill_from_an_earlier_form_on_the_case(room):
    _, (case, *_) = room
    submit(case, "child_family_assessment", {
        "child_voice": "I like school.", "past_harm": "A bruise on his arm.",
        "safety_scale": 4, "outcome": "strategy", "completed_on": DAY})
    strategy = recording.start(case, "streamlined", "strategy_discussion", WHO)
    assert strategy.answers["worries"] == "A bruise on his arm."
    assert strategy.answers["child_voice"] == "I like school."


def test_prefill_family_answers_from_a_sibling(room):
    _, (first, second, *_) = room
    people = {str(p.id) for p in recording.family_people(first)}
    household = sorted(people)[:2]
    submit(first, "child_family_assessment", {
        "child_voice": "Fine.", "safety_scale": 5, "outcome": "close", "completed_on": DAY,
        "household": household})
    theirs = recording.start(second, "streamlined", "child_family_assessment", WHO)
    assert theirs.answers["household"] == household
    assert "child_voice" not in theirs.answers


def test_copy_family_information_to_siblings_in_one_action(room):
    _, (first, *others) = room
    record = recording.start(first, "streamlined", "child_family_assessment", WHO)
    recording.save(record, {"family_views": "We want help with the mornings."},
                   record.revision, WHO)
    copied = recording.copy_to_siblings(record, first, WHO)
    assert [c.id for c in copied] == [c.id for c in others]
    for sibling in others:
        draft = db.session.scalars(select(FormRecord).where(
            FormRecord.case_id == sibling.id, FormRecord.form_key == "child_family_assessment",
            FormRecord.status == "draft").order_by(FormRecord.id.desc())).first()
        assert draft.answers["family_views"] == "We want help with the mornings."


def test_strategy_discussion_opens_a_section_47_enquiry(room):
    _, (case, *_) = room
    case.stage = "assessment"
    db.session.commit()
    submit(case, "strategy_discussion", {"held_on": DAY, "worries": "Marks on legs.",
                                         "threshold": "yes", "decision": "section47",
                                         "joint_with_police": "no"})
    db.session.refresh(case)
    assert case.stage == "section47"
    assert case.strategy_on == case.section47_started_on == date(2026, 11, 2)


def test_a_move_the_pathway_does_not_allow_is_refused(room):
    _, (case, *_) = room
    case.stage = "cp_plan"
    db.session.commit()
    record = recording.start(case, "streamlined", "contact_referral", WHO)
    people = {str(p.id) for p in recording.family_people(case)}
    errors = recording.submit(record, {"contact_date": DAY, "what_happened": "Call.",
                                       "decision": "referral", "decided_on": DAY,
                                       "reason": "Worried."}, record.revision, WHO, case, people)
    assert "Child protection plan" in errors["f-decision"]
    db.session.refresh(case)
    assert case.stage == "cp_plan" and record.status == "draft"


def test_review_conference_can_end_the_plan(room):
    _, (case, *_) = room
    case.stage = "review_due"
    db.session.commit()
    submit(case, "review_conference", {"held_on": DAY, "progress": "Much better.",
                                       "safety_scale": 8, "decision": "end",
                                       "step_down_to": "Child in Need plan"})
    db.session.refresh(case)
    assert (case.stage, case.stepped_down_to) == ("cin_plan", "Child in Need plan")


def test_legacy_forms_move_the_pathway_too(room):
    _, (case, *_) = room
    case.stage = "assessment"
    db.session.commit()
    submit(case, "strategy_discussion", {
        "date_of_strategy_meeting": DAY, "child_surname": "X", "child_forenames": "Y",
        "child_dob": "2020-01-01", "reason_for_strategy": "Worry.", "s47_threshold_met": "Yes",
        "strategy_outcome": "s47", "joint_investigation": "Yes", "worker_name": "Sam"},
        version="legacy")
    db.session.refresh(case)
    assert case.stage == "section47"


def test_a_visit_becomes_a_case_note(room):
    _, (case, *_) = room
    submit(case, "visit", {"visited_on": DAY, "statutory_type": "cp",
                           "child_voice": "My room is blue.",
                           "what_i_saw": "A warm, tidy flat."})
    note = db.session.scalars(select(CaseNote).where(CaseNote.recorded_by == WHO)).one()
    assert note.kind == "Home visit" and "My room is blue." in note.body


def test_submit_with_missing_answers_keeps_them_as_a_draft(room):
    _, (case, *_) = room
    record = recording.start(case, "streamlined", "strategy_discussion", WHO)
    errors = recording.submit(record, {"worries": "Kept."}, record.revision, WHO, case, set())
    assert "f-held_on" in errors
    db.session.refresh(record)
    assert record.editable and record.answers["worries"] == "Kept."


def test_a_stale_save_is_a_conflict_and_overwrites_nothing(room):
    _, (case, *_) = room
    record = recording.start(case, "streamlined", "case_note", WHO)
    opened = record.revision
    recording.save(record, {"note": "First tab."}, opened, "Tab one")
    with pytest.raises(Conflict) as conflict:
        recording.save(record, {"note": "Second tab."}, opened, "Tab two")
    assert conflict.value.theirs["note"] == "First tab."
    db.session.refresh(record)
    assert record.answers["note"] == "First tab."


def test_parallel_saves_one_wins_the_other_is_told(app, room):
    tenant, (case, *_) = room
    record = recording.start(case, "streamlined", "case_note", WHO)
    record_id, revision, tenant_id = record.id, record.revision, tenant.id
    outcomes = []
    barrier = threading.Barrier(4)

    def save(n):
        with app.app_context():
            tenancy.enter(tenant_id)
            mine = db.session.get(FormRecord, (tenant_id, record_id))
            barrier.wait()
            try:
                recording.save(mine, {"note": f"Writer {n}"}, revision, f"Writer {n}")
                outcomes.append("saved")
            except Conflict:
                outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "conflict", "conflict", "saved"]
    db.session.expire_all()
    assert db.session.get(FormRecord, (tenant_id, record_id)).revision == revision + 1


def test_history_records_who_changed_what(room):
    _, (case, *_) = room
    record = recording.start(case, "streamlined", "case_note", WHO)
    recording.save(record, {"note": "One."}, record.revision, "Amy")
    recording.save(record, {"note": "Two."}, record.revision, "Ben")
    changes = db.session.scalars(select(FormChange).where(
        FormChange.form_record_id == record.id).order_by(FormChange.id)).all()
    assert [(c.action, c.changed_by) for c in changes] == [
        ("started", WHO), ("saved", "Amy"), ("saved", "Ben")]
    assert changes[-1].changes == {"note": ["One.", "Two."]}


def test_submitted_forms_are_read_only_and_signed_off_by_someone_else(room):
    _, (case, *_) = room
    record = submit(case, "case_note", {"written_on": DAY, "note_type": "call", "subject": "Call",
                                        "note": "Rang mum."})
    with pytest.raises(RecordingError, match="submitted"):
        recording.save(record, {"note": "Changed"}, record.revision, WHO)
    with pytest.raises(RecordingError, match="other than"):
        recording.sign_off(record, WHO)
    recording.sign_off(record, "Maria Manager")
    assert record.status == "signed_off"
