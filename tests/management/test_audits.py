"""A case file audit through the pages: start it on a child's record, save part of it,
be told plainly what is missing, submit it, read the results across audits, and raise a
finding as a change request or a training need."""

import html
import re

from sqlalchemy import select

from sandbox.audit.models import AuditEvent
from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.feedback.models import ChangeRequest, FeedbackItem
from sandbox.management import tools
from tests.pages import Web

TOOL = tools.tool("case-file")


def _answers(answer="met", grade="good", skip=()):
    data = {"grade": grade, "summary": "A clear record of what life is like for the child."}
    for q in TOOL.questions:
        if q.key not in skip:
            data[f"answer-{q.key}"] = answer
            data[f"finding-{q.key}"] = f"Found for {q.key}."
    return data


def _start(web, case):
    started = web.post("/t/room-1/audits/", {"case": str(case.id), "tool": "case-file"})
    return started.location.rsplit("/", 1)[1]


def test_an_audit_from_start_to_results_and_a_finding_raised(app, web, make):
    tenant = make.tenant("room-1", seed=5, families=3)
    web.sign_in(make.user("trainee", tenant=tenant, full_name="Ann Auditor"))
    tenancy.enter(tenant.id)
    case = db.session.scalars(select(Case).order_by(Case.id)).first()
    audit_id = _start(web, case)
    assert _start(web, case) == audit_id  # starting again opens the same audit
    page = html.unescape(web.get(f"/t/room-1/audits/{audit_id}").text)
    assert case.child.full_name in page
    for grade in TOOL.grades:
        assert grade.guidance in page

    # Saved part-way, then submitted with a question unanswered: told which, kept typed.
    data = _answers(answer="not_met", grade="requires_improvement", skip=("plan",))
    web.post(f"/t/room-1/audits/{audit_id}", {**data, "action": "save"})
    refused = web.post(f"/t/room-1/audits/{audit_id}", {**data, "action": "submit"},
                       status=400).text
    assert "Answer every question before you submit" in refused
    assert "Found for visits." in refused
    assert web.post(f"/t/room-1/audits/{audit_id}", {**_answers(grade="excellent"),
                                                     "action": "submit"},
                    status=400).text.count("Choose a grade from the list") >= 1
    data = _answers(answer="not_met", grade="requires_improvement")
    web.post(f"/t/room-1/audits/{audit_id}", {**data, "action": "submit"})
    again = web.post(f"/t/room-1/audits/{audit_id}", {**data, "action": "save"},
                     status=400).text
    assert "can no longer change" in again

    # A second auditor moderates blind: Ann's findings are held back from Tess until Tess
    # has audited the record herself and both audits are in (a review round).
    other = Web(app).sign_in(make.user("trainer", full_name="Tess Trainer"))
    held = other.get(f"/t/room-1/audits/{audit_id}").text
    assert "Found for visits." not in held and "Moderate this audit" in held
    assert "Found for visits." not in other.post(f"/t/room-1/audits/{audit_id}",
                                                 {**data, "action": "save"}, status=200).text
    moderating = other.post(f"/t/room-1/audits/{audit_id}/moderate")
    second = moderating.location.rsplit("/", 1)[1]
    assert second != audit_id
    assert "Found for visits." not in other.get(f"/t/room-1/audits/{second}").text
    web.get(f"/t/room-1/audits/{audit_id}/moderation", status=404)  # not yet revealed
    make.tenant("room-2", seed=5, families=3)
    other.get(f"/t/room-2/audits/{audit_id}", status=404)  # another copy's
    third = Web(app).sign_in(make.user("trainer", username="tom", full_name="Tom"))
    assert "already moderating" in third.post(f"/t/room-1/audits/{audit_id}/moderate",
                                              status=400).text
    # Nor can the first auditor put a finding where the moderator could read it first.
    held_back = web.post(f"/t/room-1/audits/{audit_id}/findings/visits", {"as": "change"},
                         status=400).text
    assert "once the moderation is revealed" in held_back
    assert not db.session.scalars(select(FeedbackItem)).all()
    other.post(f"/t/room-1/audits/{second}", {**_answers(), "action": "submit"})
    for person in (web, other):
        side = person.get(f"/t/room-1/audits/{audit_id}/moderation").text
        row = re.search(r'data-question="visits">(.*?)</tr>', side, re.S).group(1)
        assert "Found for visits." in row and "No: talk it through" in row
    assert "Found for visits." in other.get(f"/t/room-1/audits/{audit_id}").text
    events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "round_revealed")).all()
    assert len(events) == 1

    results = other.get("/audit-results/case-file").text
    assert "2 submitted audits" in results
    assert re.search(r'id="grade-good">1<', results)
    assert re.search(r'id="grade-requires_improvement">1<', results)
    row = re.search(r'data-question="visits">(.*?)</tr>', results, re.S).group(1)
    assert re.findall(r">(\d+)</td>", row) == ["1", "0", "1"]  # yes, partly, no
    form_row = re.search(r'data-form="visit">(.*?)</tr>', results, re.S).group(1)
    assert re.findall(r">(\d+)</td>", form_row) == ["2", "0", "2"]  # two questions on visits

    # One click each: a change request for the working group, a training need.
    web.post(f"/t/room-1/audits/{audit_id}/findings/visits", {"as": "change"})
    request = db.session.scalars(select(ChangeRequest)).one()
    assert "Found for visits." in request.problem and request.target_kind == "form"
    web.post(f"/t/room-1/audits/{audit_id}/findings/child_voice", {"as": "training"})
    need = db.session.scalars(select(FeedbackItem).where(FeedbackItem.queue == "training")
                              ).one()
    assert "Found for child_voice." in need.text
    assert "Choose a finding" in web.post(f"/t/room-1/audits/{audit_id}/findings/nope",
                                          {"as": "change"}, status=400).text
