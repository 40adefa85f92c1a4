"""Every route, every role: the one table of who may do what.

Adding a route without adding it here fails `test_every_route_is_in_the_table`.
"""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from sandbox.cases.models import Case, CaseNote, ChronologyEntry, Person
from sandbox.core import progress, tenancy
from sandbox.core.extensions import db
from sandbox.core.permissions import Role
from sandbox.drafts.models import FormDraft
from sandbox.feedback import queue, review
from sandbox.feedback.models import ChangeLogEntry, ReviewRound
from sandbox.forms.definitions import FORMS_DIR
from sandbox.management.models import AuditFinding, CaseAudit
from sandbox.recording import service as recording
from sandbox.scenarios.models import TrainingSession
from sandbox.tenants import service
from sandbox.timing import studies
from sandbox.tours.models import TourRun
from tests import factories
from tests.pages import Web

ADMIN, TRAINER, FLOOR, GROUP, TRAINEE = (Role.ADMIN, Role.TRAINER, Role.FLOOR_WALKER,
                                         Role.WORKING_GROUP, Role.TRAINEE)
EVERYONE = {ADMIN, TRAINER, FLOOR, GROUP, TRAINEE}
STAFF = {ADMIN, TRAINER, FLOOR, GROUP}
MANAGERS = {ADMIN, TRAINER}
RECORDERS = {ADMIN, TRAINER, GROUP, TRAINEE}
LEARNERS = {ADMIN, TRAINER, TRAINEE}  # working through scenarios
READERS = {ADMIN, TRAINER, GROUP}  # time and motion reports
WALKERS = {ADMIN, TRAINER, FLOOR}  # the rooms under way, read only
PUBLIC = "public"

# endpoint: (method, url, who may use it, status when allowed)
ROUTES = {
    "static": ("GET", "/static/app.css", PUBLIC, 200),
    "govuk_assets": ("GET", "/assets/images/favicon.ico", PUBLIC, 200),
    "main.healthz": ("GET", "/healthz", PUBLIC, 200),
    "auth.sign_in": ("GET", "/sign-in", PUBLIC, 200),
    "main.home": ("GET", "/", EVERYONE, 200),
    "auth.sign_out": ("POST", "/sign-out", EVERYONE, 302),
    "auth.sign_out_everywhere": ("POST", "/sign-out-everywhere", EVERYONE, 302),
    "auth.account": ("GET", "/account", EVERYONE, 200),
    "auth.change_password": ("GET", "/account/password", EVERYONE, 200),
    # Trainers clear trainees' lockouts (noter is one), administrators anyone's.
    "auth.lockouts_list": ("GET", "/lockouts", MANAGERS, 200),
    "auth.clear_lockout": ("POST", "/lockouts/clear", MANAGERS, 302),
    "admin.users_list": ("GET", "/admin/users", {ADMIN}, 200),
    "admin.new_user": ("GET", "/admin/users/new", {ADMIN}, 200),
    "admin.edit_user": ("GET", "/admin/users/{user}", {ADMIN}, 200),
    "admin.audit": ("GET", "/admin/audit", {ADMIN}, 200),
    "tenants.index": ("GET", "/tenants/", STAFF, 200),
    "tenants.show": ("GET", "/tenants/room-1", STAFF, 200),
    "tenants.new": ("GET", "/tenants/new", MANAGERS, 200),
    # How far a new training copy being made has got (sandbox.core.progress).
    "tenants.making": ("GET", "/tenants/making/{work}", MANAGERS, 200),
    "tenants.import_tenant": ("GET", "/tenants/import", MANAGERS, 200),
    "tenants.reset": ("POST", "/tenants/room-1/reset", MANAGERS, 302),
    "tenants.schedule": ("POST", "/tenants/room-1/schedule", MANAGERS, 302),
    "tenants.snapshot": ("POST", "/tenants/room-1/snapshot", MANAGERS, 302),
    "tenants.export": ("GET", "/tenants/room-1/export", MANAGERS, 200),
    "tenants.delete": ("GET", "/tenants/room-1/delete", MANAGERS, 200),
    "tenants.delete_snapshot": ("POST", "/tenants/snapshots/{snapshot}/delete", MANAGERS, 302),
    "cases.tenant_home": ("GET", "/t/room-1/", EVERYONE, 200),
    "census.census_page": ("GET", "/t/room-1/census", EVERYONE, 200),
    "ssda903.return_page": ("GET", "/t/room-1/ssda903", EVERYONE, 200),
    # The team manager's view: reading the copy's records, for whoever plays the manager.
    "management.team_cases": ("GET", "/t/room-1/team/", EVERYONE, 200),
    # Case file audits: whoever audits in the copy (a trainee on a managers' course).
    "management.worker_supervision": ("GET", "/t/room-1/team/workers/{worker}/supervision",
                                      EVERYONE, 200),
    "management.audits_list": ("GET", "/t/room-1/audits/", LEARNERS, 200),
    "management.answer_keys": ("GET", "/t/room-1/audits/answer-key", MANAGERS, 200),
    "management.start_audit": ("POST", "/t/room-1/audits/", LEARNERS, 302),
    "management.audit": ("GET", "/t/room-1/audits/{audit}", LEARNERS, 200),
    "management.moderate": ("POST", "/t/room-1/audits/{audit}/moderate", LEARNERS, 400),
    "management.moderation": ("GET", "/t/room-1/audits/{audit}/moderation", LEARNERS, 200),
    "management.raise_finding": ("POST", "/t/room-1/audits/{audit}/findings/visits",
                                 LEARNERS, 302),
    "audit_results.results": ("GET", "/audit-results/case-file", READERS, 200),
    "cases.family": ("GET", "/t/room-1/families/1", EVERYONE, 200),
    "cases.person": ("GET", "/t/room-1/people/{adult}", EVERYONE, 200),
    "cases.child": ("GET", "/t/room-1/children/{child}", EVERYONE, 200),
    "cases.case": ("GET", "/t/room-1/cases/1", EVERYONE, 302),
    "cases.chronology_entry": ("GET", "/t/room-1/chronology/{entry}", EVERYONE, 200),
    "cases.case_note": ("GET", "/t/room-1/notes/{note}", EVERYONE, 200),
    "cases.start_form": ("POST", "/t/room-1/children/{child}/forms", RECORDERS, 302),
    "cases.form": ("GET", "/t/room-1/forms/{draft}", EVERYONE, 200),
    "cases.form_post": ("POST", "/t/room-1/forms/{draft}", RECORDERS, 302),
    "cases.autosave": ("POST", "/t/room-1/forms/{draft}/autosave", RECORDERS, 200),
    "cases.form_time": ("POST", "/t/room-1/forms/{draft}/time", RECORDERS, 410),
    "cases.sign_off": ("POST", "/t/room-1/forms/{submitted}/sign-off", LEARNERS, 302),
    "cases.copy_to_siblings": ("POST", "/t/room-1/forms/{draft}/copy-to-siblings", RECORDERS,
                               302),
    "cases.form_history": ("GET", "/t/room-1/forms/{draft}/history", EVERYONE, 200),
    "cases.form_output": ("GET", "/t/room-1/forms/{submitted}/output", EVERYONE, 200),
    "cases.amend_form": ("GET", "/t/room-1/forms/{submitted}/amend", RECORDERS, 200),
    "cases.amend_form_post": ("POST", "/t/room-1/forms/{submitted}/amend", RECORDERS, 302),
    "cases.new_chronology_entry": ("GET", "/t/room-1/children/{child}/chronology/new",
                                   RECORDERS, 200),
    "cases.edit_chronology_entry": ("GET", "/t/room-1/chronology/{entry}/edit", RECORDERS,
                                    200),
    "scenarios.index": ("GET", "/t/room-1/scenarios/", LEARNERS, 200),
    "scenarios.start": ("POST", "/t/room-1/scenarios/start", LEARNERS, 302),
    "scenarios.check": ("POST", "/t/room-1/scenarios/check", LEARNERS, 302),
    "scenarios.hint": ("POST", "/t/room-1/scenarios/hint", LEARNERS, 302),
    "scenarios.stop": ("POST", "/t/room-1/scenarios/stop", LEARNERS, 302),
    "scenarios.restart": ("POST", "/t/room-1/scenarios/restart", LEARNERS, 302),
    "scenarios.panel_fragment": ("GET", "/t/room-1/scenarios/panel", LEARNERS, 204),
    "scenarios.reflection": ("GET", "/t/room-1/scenarios/reflection", LEARNERS, 302),
    "sessions.index": ("GET", "/sessions/", MANAGERS, 200),
    "sessions.new": ("GET", "/sessions/new", MANAGERS, 200),
    "sessions.show": ("GET", "/sessions/{session}", MANAGERS, 200),
    "sessions.reset_seat": ("POST", "/sessions/{session}/seats/1/reset", MANAGERS, 302),
    "sessions.reset_all": ("POST", "/sessions/{session}/reset-all", MANAGERS, 200),
    "sessions.assign_seat": ("POST", "/sessions/{session}/seats/1/assign", MANAGERS, 302),
    "sessions.seat_part": ("POST", "/sessions/{session}/seats/1/part", MANAGERS, 302),
    "sessions.save_point": ("POST", "/sessions/{session}/points", MANAGERS, 302),
    "sessions.start": ("POST", "/sessions/{session}/start", MANAGERS, 302),
    "sessions.end": ("POST", "/sessions/{session}/end", MANAGERS, 200),
    "sessions.results": ("GET", "/sessions/{session}/results.csv", MANAGERS, 200),
    "sessions.seat": ("GET", "/sessions/{session}/seats/1", MANAGERS, 200),
    "sessions.people": ("GET", "/sessions/{session}/people", MANAGERS, 200),
    # Nothing listed, no day given: told so.
    "sessions.add_people": ("POST", "/sessions/{session}/people", MANAGERS, 400),
    "sessions.seat_logins": ("POST", "/sessions/{session}/seat-logins", MANAGERS, 400),
    "sessions.join": ("GET", "/join", {TRAINEE}, 200),
    # Floor walkers see every room under way, read only; the trainer's controls above
    # (sessions.*) stay the trainer's.
    "floor.index": ("GET", "/floor/", WALKERS, 200),
    "floor.room": ("GET", "/floor/rooms/{session}", WALKERS, 200),
    "floor.seat": ("GET", "/floor/rooms/{session}/seats/1", WALKERS, 200),
    "feedback.new": ("GET", "/feedback/new?page=/", EVERYONE, 200),
    "feedback.mine": ("GET", "/feedback/mine", EVERYONE, 200),
    "feedback.hotspots": ("GET", "/feedback/hotspots", {ADMIN, GROUP}, 200),
    "census_group.census_hotspots": ("GET", "/census/hotspots", {ADMIN, GROUP}, 200),
    "ssda903_group.return_hotspots": ("GET", "/ssda903/hotspots", {ADMIN, GROUP}, 200),
    "feedback.note": ("GET", "/feedback/note?room={session}&seat=1", WALKERS, 200),
    "feedback.work_queue": ("GET", "/feedback/queue", {ADMIN, GROUP}, 200),
    "feedback.training_list": ("GET", "/feedback/training", {ADMIN, TRAINER, GROUP}, 200),
    "feedback.move": ("POST", "/feedback/items/{item}/move", {ADMIN, GROUP}, 302),
    "feedback.requests_": ("GET", "/feedback/requests", {ADMIN, GROUP}, 200),
    "feedback.change_request": ("GET", "/feedback/requests/{request}", {ADMIN, GROUP}, 200),
    "feedback.merge": ("POST", "/feedback/requests/{request}/merge", {ADMIN, GROUP}, 302),
    "feedback.edit_request": ("GET", "/feedback/requests/{request}/edit/problem",
                              {ADMIN, GROUP}, 200),
    "feedback.log_change": ("GET", "/feedback/requests/{request}/log", {ADMIN, GROUP}, 200),
    "feedback.changes": ("GET", "/feedback/changes", EVERYONE, 200),
    "feedback.rounds": ("GET", "/feedback/rounds", {ADMIN, GROUP}, 200),
    "feedback.review_round": ("GET", "/feedback/rounds/{round}", {ADMIN, GROUP}, 200),
    "feedback.review_round_json": ("GET", "/feedback/rounds/{round}.json", {ADMIN, GROUP},
                                   200),
    "feedback.give_views": ("POST", "/feedback/rounds/{round}/views", {ADMIN, GROUP}, 302),
    "feedback.close_round": ("POST", "/feedback/rounds/{round}/close", set(), 403),
    "feedback.export_changes": ("GET", "/feedback/changes.json", EVERYONE, 200),
    "feedback.import_changes": ("GET", "/feedback/changes/import", {ADMIN, GROUP}, 200),
    "feedback.review_change": ("POST", "/feedback/changes/{proposal}/review", {ADMIN, GROUP},
                               302),
    "drafts.index": ("GET", "/form-drafts/", {ADMIN, GROUP}, 200),
    "drafts.show": ("GET", "/form-drafts/{form_draft}", {ADMIN, GROUP}, 200),
    "drafts.new": ("POST", "/form-drafts/new", {ADMIN, GROUP}, 302),
    "drafts.try_out": ("POST", "/form-drafts/{form_draft}/try", {ADMIN, GROUP}, 302),
    "drafts.delete": ("POST", "/form-drafts/{form_draft}/delete", {ADMIN, GROUP}, 302),
    "drafts.question": ("GET", "/form-drafts/{form_draft}/questions/subject", {ADMIN, GROUP},
                        200),
    "drafts.add_question": ("GET", "/form-drafts/{form_draft}/add-question?section=0",
                            {ADMIN, GROUP}, 200),
    "timing.index": ("GET", "/timings/", READERS, 200),
    "timing.report_csv": ("GET", "/timings/report.csv", READERS, 200),
    "timing.import_study": ("GET", "/timings/import", {ADMIN, GROUP}, 200),
    "timing.export_study": ("GET", "/timings/studies.csv", READERS, 200),
    "timing.delete_study": ("POST", "/timings/studies/delete", {ADMIN, GROUP}, 302),
    "timing.forms_analysis": ("GET", "/timings/forms?set=streamlined", READERS, 200),
    "timing.judge_pair": ("POST", "/timings/forms/pairs", {ADMIN, GROUP}, 302),
    "timing.compare_versions": ("GET", "/timings/forms/compare", READERS, 200),
    # Learning: tours and paths for everyone; a run is moved only by its own person (the
    # one here is someone else's: 404 for all); figures for trainers and the working
    # group, cohorts for trainers.
    "tours.index": ("GET", "/learning/", EVERYONE, 200),
    "tours.show": ("GET", "/learning/tours/childs-record", EVERYONE, 200),
    "tours.start": ("POST", "/learning/tours/feedback/start", EVERYONE, 302),
    "tours.done": ("POST", "/learning/tours/feedback/done", EVERYONE, 302),
    "tours.move": ("POST", "/learning/runs/{tour_run}/move", EVERYONE, 404),
    "tours.figures": ("GET", "/learning/figures", READERS, 200),
    "tours.record": ("GET", "/learning/record", EVERYONE, 200),
    "tours.cohort": ("GET", "/learning/cohort", MANAGERS, 200),
    "tours.cohort_csv": ("GET", "/learning/cohort.csv", MANAGERS, 200),
    "tours.person": ("GET", "/learning/people/{user}", MANAGERS, 200),
    "guides.index": ("GET", "/guides/", EVERYONE, 200),
    "guides.show": ("GET", "/guides/signs-of-safety", EVERYONE, 200),
}
# What each POST sends when it is allowed.
POSTED = {
    "auth.clear_lockout": {"account": "noter"},
    "tenants.snapshot": {"label": "another"},
    "tenants.schedule": {"schedule-reset_every": "nightly"},
    "cases.start_form": {"form_key": "visit"},
    "cases.form_post": {"revision": "1", "action": "save", "f-subject": "A change"},
    "cases.autosave": {"revision": "1", "f-subject": "A change"},
    "cases.amend_form_post": {"revision": "2", "f-written_on-day": "2", "f-written_on-month": "11",
                              "f-written_on-year": "2026", "f-note_type": "call",
                              "f-subject": "Visit, corrected", "f-note": "All well."},
    "scenarios.start": {"scenario": "navigation-basics"},
    "feedback.move": {"queue": "training"},
    "management.start_audit": {"case": "1", "tool": "case-file"},
    "management.raise_finding": {"as": "training"},
    "feedback.review_change": {"decision": "adopted"},
    "drafts.new": {"request_id": "1"},
    "timing.delete_study": {"study": "Spring"},
    "tours.move": {"from": "0", "to": "1"},
    "timing.judge_pair": {"set": "streamlined", "first": "contact_referral/worries",
                          "second": "strategy_discussion/worries", "verdict": "confirmed"},
}
# Where a role's allowed answer differs: a trainee's home page takes them to their tenant.
SPECIAL = {("main.home", TRAINEE): 302}


def test_every_route_is_in_the_table(app):
    assert {rule.endpoint for rule in app.url_map.iter_rules()} == set(ROUTES)


def test_every_view_declares_its_permission(app):
    missing = [name for name, view in app.view_functions.items()
               if not hasattr(view, "permission")]
    assert missing == []


def _world(make):
    tenant = make.tenant("room-1", families=1)
    snapshot = service.save_snapshot(tenant, "spare")
    with tenancy.scoped_to(tenant.id):
        case = db.session.scalars(select(Case).order_by(Case.id)).first()
        ids = {
            "adult": db.session.scalar(select(Person.id).where(Person.is_child.is_(False))),
            "child": case.child_id,
            "entry": db.session.scalar(select(ChronologyEntry.id)),
            "note": db.session.scalar(select(CaseNote.id)),
            "draft": recording.start(case, "streamlined", "case_note", "Someone").id,
            "worker": case.social_worker_id,
        }
        submitted = recording.start(case, "streamlined", "case_note", "Someone")
        recording.submit(submitted, {"written_on": "2026-11-02", "note_type": "call",
                                     "subject": "Visit",
                                     "note": "All well."}, submitted.revision, "Someone", case,
                         set())
        ids["submitted"] = submitted.id
    session = factories.room_session(tenant)
    item = queue.capture(make.user("trainee", username="noter"), "broken", "It broke", {})
    request = queue.make_request([queue.capture(item_author(), "broken", "Again", {}).id],
                                 "Broken", "", "low", "W")
    proposal = ChangeLogEntry(title="T", what_changed="W", rationale="R",
                              changed_on=date(2026, 11, 2), created_by="W", origin="Elsewhere",
                              review="proposed")
    db.session.add(proposal)
    db.session.commit()
    make.user("working_group", username="asked")  # a round asks the working group
    round_ = review.start("Round", [request.id], "W")
    form_draft = FormDraft(form_key="case_note", base_set="streamlined", created_by="W",
                           updated_by="W", source=FORMS_DIR.joinpath(
                               "streamlined", "case_note.yaml").read_text().replace(
                               "version: 1", "version: 2"))
    db.session.add(form_draft)
    db.session.commit()
    studies.import_study("Spring", b"work_type,period,minutes,case\nVisit,before,30,A\n", "W")
    tour_run = TourRun(user_id=item_author().id, tour_key="feedback")
    db.session.add(tour_run)
    db.session.commit()
    moderated = ReviewRound(title="Moderation", created_by="W", revealed_at=datetime(2026, 11, 2))
    db.session.add(moderated)
    db.session.flush()
    audit = CaseAudit(tenant_id=tenant.id, tenant_name=tenant.name, case_id=1,
                      child_name="A child", tool_key="case-file", auditor_name="Someone",
                      status="submitted", round_id=moderated.id)
    db.session.add(audit)
    db.session.flush()
    db.session.add(AuditFinding(audit_id=audit.id, question_key="visits", answer="not_met",
                                finding="A visit was missed in October."))
    db.session.commit()
    work = progress.begin("tenant", "room-2", None, 3)  # a copy being made
    return tenant, {**ids, "work": work.id, "audit": audit.id, "form_draft": form_draft.id,
                    "snapshot": snapshot.id, "session": session.id, "item": item.id,
                    "request": request.id, "proposal": proposal.id, "round": round_.id,
                    "tour_run": tour_run.id}


def item_author():
    from sandbox.auth.models import User

    return db.session.scalar(select(User).where(User.username == "noter"))


ROLES = [None, *Role]
GETS = sorted(e for e, (method, *_rest) in ROUTES.items() if method == "GET")
POSTS = sorted(e for e, (method, *_rest) in ROUTES.items() if method == "POST")


def _expected(endpoint, role) -> int:
    _method, _url, allowed, ok = ROUTES[endpoint]
    if allowed == PUBLIC or (role is not None and role in allowed):
        return SPECIAL.get((endpoint, role), ok)
    return 302 if role is None else 403  # anonymous people go to the sign-in page


def _browser(app, make, tenant, ids, role, name: str) -> Web:
    """A browser signed in as a new person of `role` (none: anonymous)."""
    web = Web(app)
    if role is not None:
        person = make.user(role, username=f"{role}-{name}".replace(".", "-")[:60],
                           tenant=tenant if role == TRAINEE else None)
        if role == "trainer":  # a trainer runs their own sessions (test_sessions: others')
            db.session.get(TrainingSession, ids["session"]).trainer_id = person.id
            db.session.commit()
        web.sign_in(person)
    return web


def _ask(app, make, tenant, ids, endpoint, role) -> str | None:
    """What is wrong with the answer `role` gets from `endpoint`, or None."""
    web = _browser(app, make, tenant, ids, role, endpoint)
    return _answer(web, endpoint, ids, _expected(endpoint, role), anonymous=role is None)


def _answer(web, endpoint, ids, expected, anonymous=False) -> str | None:
    method, url, _allowed, _ok = ROUTES[endpoint]
    url = url.format(**ids)
    try:
        if method == "GET":
            response = web.get(url, status=expected)
        else:
            response = web.post(url, POSTED.get(endpoint, {}), status=expected)
    except AssertionError as wrong:
        return f"{endpoint}: {str(wrong)[:300]}"
    if anonymous and expected == 302 and "/sign-in" not in response.location:
        return f"{endpoint}: sent to {response.location}, not the sign-in page"
    return None


def test_page_answers_by_role(app, make):
    """Pages change nothing, so one world serves every page and role, and one person of
    each role (signed in once) asks for every page."""
    tenant, ids = _world(make)
    ids["user"] = make.user("administrator", username="someadmin").id
    wrong = []
    for role in ROLES:
        web = _browser(app, make, tenant, ids, role, "pages")
        wrong += [f"{role or 'anonymous'} {problem}" for endpoint in GETS
                  if (problem := _answer(web, endpoint, ids, _expected(endpoint, role),
                                         anonymous=role is None))]
    assert wrong == []


@pytest.mark.parametrize("endpoint", POSTS)
def test_action_answers_by_role(app, make, fresh_database, endpoint):
    """Actions change things: those refused (who must change nothing) share one world,
    and each role allowed gets a world of its own."""
    allowed = ROUTES[endpoint][2]
    refused = [r for r in ROLES if allowed != PUBLIC and (r is None or r not in allowed)]
    wrong = []
    groups = ([refused] if refused else []) + [[r] for r in ROLES if r not in refused]
    for index, roles in enumerate(groups):
        if index:
            fresh_database()
        tenant, ids = _world(make)
        ids["user"] = make.user("administrator", username="someadmin").id
        wrong += [f"{role or 'anonymous'} {problem}" for role in roles
                  if (problem := _ask(app, make, tenant, ids, endpoint, role))]
    assert wrong == []


def test_navigation_shows_only_what_the_role_may_use(web, make):
    tenant = make.tenant()
    web.sign_in(make.user("trainee", tenant=tenant))
    page = web.get("/t/room-1/").get_data(as_text=True)
    assert ">Training copies</a>" not in page and "Users" not in page
    web.sign_out()
    web.sign_in(make.user("floor_walker"))
    page = web.get("/").get_data(as_text=True)
    assert ">Training copies</a>" in page and 'href="/admin/users"' not in page
    assert "Create a tenant" not in web.get("/tenants/").get_data(as_text=True)


TENANT_ROUTES = sorted(e for e, (_m, url, *_rest) in ROUTES.items() if url.startswith("/t/"))


def test_another_tenants_trainee_gets_404_on_every_tenant_route(app, make):
    """The other-tenant column of the table: a trainee given room-2 finds nothing of room-1
    (404) on every route their role may use, and is refused (403) on the rest, exactly as
    in their own tenant, so the answer never tells whether room-1 exists. Nothing is
    found, so nothing changes: one world serves every route."""
    _tenant, ids = _world(make)
    other = make.tenant("room-2", families=1)
    web = Web(app).sign_in(make.user("trainee", username="elsewhere", tenant=other))
    wrong = [problem for endpoint in TENANT_ROUTES
             if (problem := _answer(web, endpoint, ids,
                                    404 if TRAINEE in ROUTES[endpoint][2] else 403))]
    assert wrong == []
