"""Script put into every kind of free text comes back inert: escaped on pages, removed
from Markdown, never run. Each place is filled through the same functions the pages use,
then every page showing it is read."""

import re
from datetime import date

from markupsafe import escape
from sqlalchemy import select

from sandbox.cases import chronology
from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.feedback import changelog, queue, review
from sandbox.guides.library import render_markdown
from sandbox.recording import service as recording
from sandbox.scenarios.definitions import SCENARIOS_DIR, load_file
from sandbox.tenants import service
from sandbox.timing import studies
from tests import factories

ATTACK = '<script>alert("x")</script><img src=x onerror="alert(1)"><a href="javascript:alert(2)">'
LIVE = re.compile(r"<script>alert|<img src=x onerror|href=\"javascript:", re.IGNORECASE)


def inert(html: str) -> bool:
    return LIVE.search(html) is None


def test_the_check_would_catch_live_script():
    assert not inert(ATTACK) and inert(str(escape(ATTACK)))


def test_markdown_in_guides_and_scenarios_is_cleaned():
    html = render_markdown(f"# Title\n\n{ATTACK}\n\n[click](javascript:alert(3))\n")
    assert inert(html) and "javascript:" not in html and "<h1" in html


def test_every_free_text_comes_back_inert(app, web, make):
    tenant = make.tenant("room-1", families=1)
    working = make.user("working_group", username="wg", full_name=ATTACK[:120])
    with tenancy.scoped_to(tenant.id):
        case = db.session.scalars(select(Case)).first()
        note = recording.start(case, "streamlined", "case_note", ATTACK[:100])
        recording.submit(note, {"written_on": "2026-11-02", "note_type": "call",
                                "subject": ATTACK[:200],
                                "note": ATTACK, "next_steps": ATTACK}, note.revision,
                         ATTACK[:100], case, set())
        visit = recording.start(case, "streamlined", "visit", "T")
        recording.save(visit, {"child_voice": ATTACK}, visit.revision, "T")
        entry = chronology.add(case, {"occurred_on": date(2026, 11, 2), "kind": "Other",
                                      "title": ATTACK[:200], "detail": ATTACK,
                                      "source": ATTACK[:120]})
        child_id, note_id, visit_id, entry_id = case.child_id, note.id, visit.id, entry.id
    service.save_snapshot(tenant, ATTACK[:80])
    item = queue.capture(working, "broken", ATTACK, {"page": ATTACK[:200],
                                                     "place": ATTACK[:120]})
    change = queue.make_request([item.id], ATTACK, ATTACK, "low", ATTACK[:120])
    queue.set_status(change, "done", "W")
    changelog.add(change, {"title": ATTACK[:200], "what_changed": ATTACK,
                           "rationale": ATTACK}, "W")
    round_ = review.start(ATTACK[:120], [change.id], "W")
    review.give_views(round_, working, {change.id: {"agree": "yes", "priority": "low",
                                                    "comment": ATTACK}})
    studies.import_study(ATTACK[:80], (
        "work_type,period,minutes,case\n"
        f"\"{ATTACK[:100].replace(chr(34), chr(34) * 2)}\",before,10,x\n").encode(), "W")
    factories.room_session(tenant).name = ATTACK[:120]
    db.session.commit()

    web.sign_in(make.user("administrator"))
    pages = ["/t/room-1/", f"/t/room-1/children/{child_id}", f"/t/room-1/forms/{note_id}",
             f"/t/room-1/forms/{note_id}/output", f"/t/room-1/forms/{note_id}/history",
             f"/t/room-1/forms/{visit_id}", f"/t/room-1/chronology/{entry_id}",
             "/tenants/room-1", "/feedback/queue", f"/feedback/requests/{change.id}",
             "/feedback/requests", "/feedback/changes", f"/feedback/rounds/{round_.id}",
             "/admin/users", "/admin/audit", "/timings/import", "/sessions/",
             f"/timings/?source=study&study={ATTACK[:80]}"]
    for url in pages:
        html = web.get(url).get_data(as_text=True)
        assert inert(html), url
    report = web.get(f"/timings/?source=study&study={ATTACK[:80]}").get_data(as_text=True)
    assert "&lt;script&gt;" in report  # shown, as text, in the table and the chart


def test_scenario_text_is_rendered_through_the_cleaner(app, tmp_path):
    shipped = SCENARIOS_DIR / "navigation-basics.yaml"
    text = shipped.read_text()
    first = re.search(r"instruction: [|>]-?\n", text)
    poisoned = text[:first.end()] + f"      {ATTACK}\n" + text[first.end():]
    (tmp_path / "navigation-basics.yaml").write_text(poisoned)
    scenario = load_file(tmp_path / "navigation-basics.yaml", app.extensions["forms"])
    assert "<script>" in scenario.steps[0].instruction
    assert inert(render_markdown(scenario.steps[0].instruction))
