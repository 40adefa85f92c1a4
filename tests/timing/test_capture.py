"""Time on forms captured through the pages, and the reports made from it."""

import time
from datetime import timedelta
from urllib.parse import urlencode

from sqlalchemy import select

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.timing import report
from sandbox.timing.models import FormSitting
from tests import factories
from tests.pages import Web

NOTE = {"f-written_on-day": "2", "f-written_on-month": "11", "f-written_on-year": "2026",
        "f-note_type": "call", "f-subject": "Visit", "f-note": "We talked about school."}


def _start(web, tenant, key="case_note"):
    with tenancy.scoped_to(tenant.id):
        case = db.session.scalars(select(Case).order_by(Case.id)).first()
    response = web.post(f"/t/{tenant.name}/children/{case.child_id}/forms", {"form_key": key})
    record_id = int(response.location.rsplit("/", 1)[1])
    web.get(f"/t/{tenant.name}/forms/{record_id}")
    return record_id, db.session.scalars(select(FormSitting).order_by(FormSitting.id.desc())
                                         ).first()


def _age(sitting, seconds):
    """Pretend the sitting opened (and was last seen) `seconds` ago."""
    sitting.opened_at -= timedelta(seconds=seconds)
    sitting.last_seen_at -= timedelta(seconds=seconds)
    db.session.commit()


def test_signs_of_use_count_and_submitting_ends_the_piece_of_work(web, make):
    tenant = make.tenant("room-1", families=1)
    web.sign_in(make.user("trainee", tenant=tenant))
    started = time.monotonic()  # the real seconds the test takes count too, on a busy machine
    record_id, sitting = _start(web, tenant)
    assert sitting.record_id == record_id and sitting.form_key == "case_note"
    _age(sitting, 40)
    web.post(f"/t/room-1/forms/{record_id}/time", {"sitting": str(sitting.id)}, status=204)
    db.session.refresh(sitting)
    assert 39 <= sitting.active_seconds <= 41 + time.monotonic() - started
    assert sitting.pings == 1
    web.post(f"/t/room-1/forms/{record_id}", {"revision": "1", "action": "submit",
                                              "sitting": str(sitting.id), **NOTE})
    db.session.refresh(sitting)
    assert sitting.submitted and sitting.closed_at and sitting.precise
    # The page, once submitted, is told to stop.
    web.post(f"/t/room-1/forms/{record_id}/time", {"sitting": str(sitting.id)}, status=410)
    db.session.expire_all()
    (piece,) = report.pieces()
    assert piece.form_key == "case_note" and piece.precise
    assert 39 <= piece.minutes * 60 <= 41 + time.monotonic() - started


def test_without_javascript_opening_to_saving_counts_over_several_sittings(web, make):
    tenant = make.tenant("room-1", families=1)
    web.sign_in(make.user("trainee", tenant=tenant))
    record_id, first = _start(web, tenant)
    _age(first, 5 * 60)
    web.post(f"/t/room-1/forms/{record_id}", {"revision": "1", "action": "save",
                                              "sitting": str(first.id), "f-note_type": "call",
                                              "f-subject": "Visit"})
    web.get(f"/t/room-1/forms/{record_id}")  # the next day, say
    second = db.session.scalars(select(FormSitting).order_by(FormSitting.id.desc())).first()
    assert second.id != first.id
    _age(second, 3 * 60)
    web.post(f"/t/room-1/forms/{record_id}", {"revision": "2", "action": "submit",
                                              "sitting": str(second.id), **NOTE})
    db.session.expire_all()
    (piece,) = report.pieces()
    assert not piece.precise and 7.9 < piece.minutes < 8.2


def test_a_sitting_counts_only_for_its_own_person_form_and_tenant(app, web, make):
    tenant = make.tenant("room-1", families=1)
    web.sign_in(make.user("trainee", tenant=tenant))
    record_id, sitting = _start(web, tenant)
    other = Web(app).sign_in(make.user("trainer"))
    other.post(f"/t/room-1/forms/{record_id}/time", {"sitting": str(sitting.id)}, status=410)
    web.post(f"/t/room-1/forms/{record_id}/time", {"sitting": "nonsense"}, status=410)
    web.post(f"/t/room-1/forms/{record_id}/time", {"sitting": "99999"}, status=410)
    web.post("/t/room-1/forms/99999/time", {"sitting": str(sitting.id)}, status=404)
    db.session.refresh(sitting)
    assert sitting.pings == 0


def test_times_outlive_a_reset_and_feed_the_version_report(web, make):
    from sandbox.tenants import service

    streamlined = make.tenant("room-1", families=1)
    legacy = service.create_from_seed("room-2", 1, 1, form_version="legacy")
    for tenant, seconds in ((legacy, 30 * 60), (streamlined, 10 * 60)):
        web.sign_in(make.user("trainer", username=f"t-{tenant.name}"))
        record_id, sitting = _start(web, tenant, "visit")
        _age(sitting, seconds)
        with tenancy.scoped_to(tenant.id):
            from sandbox.recording import service as recording
            from sandbox.recording.models import FormRecord
            record = db.session.get(FormRecord, (tenant.id, record_id))
            definition = recording.definition_of(record)
        web.post(f"/t/{tenant.name}/forms/{record_id}", {"revision": "1", "action": "save",
                                                         "sitting": str(sitting.id)})
        sitting.submitted = True  # as if submitted: the rules are tested above
        db.session.commit()
        assert definition is not None
        service.reset(tenant)
    db.session.expire_all()
    page = web.get("/timings/?source=versions&before=legacy&after=streamlined")
    text = page.get_data(as_text=True)
    assert "Visit" in text and "30m" in text and "10m" in text and "20m" in text
    assert "66.7%" in text
    from sandbox.feedback.models import ChangeRequest

    change = ChangeRequest(target_kind="form", target="streamlined/visit", problem="Long",
                           created_by="G", updated_by="G")
    db.session.add(change)
    db.session.commit()
    web.sign_in(make.user("working_group"))
    evidence = web.get(f"/feedback/requests/{change.id}").get_data(as_text=True)
    assert "legacy: median 30m over 1 person" in evidence and "streamlined: median 10m" in evidence
    web.get("/timings/?source=versions&before=legacy&after=legacy", status=400)
    web.get("/timings/?source=versions&before=legacy&after=nothing", status=400)
    dates = web.get("/timings/?" + periods("1 1 2026", "31 1 2026", "1 1 2000", "31 12 2099")
                    ).get_data(as_text=True)
    assert "Visit" in dates
    web.get("/timings/?" + periods("yesterday", "31 1 2026", "1 1 2026", "31 1 2026"),
            status=400)
    web.get("/timings/?" + periods("1 2 2026", "1 1 2026", "1 1 2026", "31 1 2026"),
            status=400)


def periods(*dates: str) -> str:
    """The query the report's four date inputs send (GOV.UK date inputs: day, month and
    year boxes), each date written "d m yyyy"."""
    names = ("before_from", "before_to", "after_from", "after_to")
    return "source=dates&" + urlencode({f"{name}-{part}": value for name, typed in
                                        zip(names, dates, strict=True) for part, value in
                                        zip(("day", "month", "year"),
                                            (typed.split() + ["", "", ""])[:3], strict=True)})


def test_a_trainers_session_report_shows_median_and_spread(web, make):
    tenant = make.tenant("room-1", families=1)
    session = factories.room_session(tenant)
    for n, minutes in ((1, 6), (2, 10), (3, 20)):
        trainee = make.user("trainee", username=f"trainee{n}", tenant=tenant)
        web.sign_in(trainee)
        record_id, sitting = _start(web, tenant)
        assert sitting.session_id == session.id
        _age(sitting, minutes * 60)
        web.post(f"/t/room-1/forms/{record_id}", {"revision": "1", "action": "submit",
                                                  "sitting": str(sitting.id), **NOTE})
        web.sign_out()
    trainer = make.user("trainer")
    session.trainer_id = trainer.id  # the trainer who runs it
    db.session.commit()
    web.sign_in(trainer)
    page = web.get(f"/sessions/{session.id}").get_data(as_text=True)
    row = page[page.index("Time on forms"):page.index("What trainees said")]
    assert "Case note" in row and ">3<" in row and "10m" in row and "6m" in row
    assert "20m" in row and "less precise" in row
