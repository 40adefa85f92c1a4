"""Starting a scenario, following the trainee, and moving on when a step's check passes."""

import json

from flask import current_app, g, has_app_context
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from sandbox.cases.models import Case, ChronologyEntry
from sandbox.core.clock import utcnow
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.transactions import transaction
from sandbox.feedback import queue
from sandbox.management import exercises
from sandbox.scenarios import checks
from sandbox.scenarios.definitions import PAGES, Library, Scenario, Step
from sandbox.scenarios.models import Reflection, ScenarioRun, Seat, TrainingSession
from sandbox.tenants import service

PAGE_OF_ENDPOINT = {endpoint: page for page, endpoint in PAGES.items()}


class ScenarioProblem(ServiceError):
    """A scenario that cannot be started here."""


def library() -> Library:
    return current_app.extensions["scenarios"]


def seat_session(tenant) -> TrainingSession | None:
    """The training session this tenant is a seat of (the front of the room too), if any:
    its runs belong to the session, and it runs the session's scenario only."""
    return db.session.scalar(select(TrainingSession).join(
        Seat, Seat.session_id == TrainingSession.id).where(Seat.tenant_id == tenant.id))


def seat_session_of(run: ScenarioRun) -> TrainingSession | None:
    """The running session whose seat this run is in, if any."""
    session = run.session
    return session if session and session.ended_at is None else None


def offered(tenant) -> list[Scenario]:
    """Scenarios that work in this tenant's form version; in a seat of a running session,
    that session's scenario only (so that a proficiency check cannot be left for a run
    with hints)."""
    session = seat_session(tenant)
    return [s for s in library().scenarios.values() if tenant.form_version in s.versions
            and (session is None or s.key == session.scenario_key)]


def startable(scenarios: list[Scenario]) -> set[str]:
    """The keys of those that this tenant holds a case to start from (a small or much
    used copy may hold none at a scenario's stage: the page says so before Start). The
    stages it holds are asked once; an audit exercise also needs a record for its gaps."""
    stages = set(db.session.scalars(select(Case.stage).distinct()))
    found = set()
    for s in scenarios:
        wanted = s.start_case.get("stage")
        if not stages or (wanted and wanted not in stages):
            continue
        case = find_case(s) if s.start_gaps else None
        if s.start_gaps and (case is None or (
                case.id not in exercises.keyed_cases(case.tenant_id)
                and exercises.problem(case, s.start_gaps) is not None)):
            continue
        found.add(s.key)
    return found


def find_case(scenario: Scenario) -> Case | None:
    """The first case in the tenant of the kind the scenario starts from (for an audit
    exercise, the first whose record can hold its gaps, if any can)."""
    want = scenario.start_case
    statement = select(Case).order_by(Case.id)
    if want.get("stage"):
        statement = statement.where(Case.stage == want["stage"])
    if want.get("concern"):
        statement = statement.where(Case.primary_concern == want["concern"])
    found = db.session.scalars(statement).first()
    if found is None and want.get("concern"):
        statement = select(Case).where(Case.stage == want["stage"]).order_by(Case.id)
        found = db.session.scalars(statement).first()
    if found is not None and scenario.start_gaps:
        # Planted once: the record that holds them, else the first that can.
        cases = db.session.scalars(statement).all()
        keyed = exercises.keyed_cases(found.tenant_id)
        found = next((c for c in cases if c.id in keyed), None) \
            or next((c for c in cases if exercises.problem(c, scenario.start_gaps) is None),
                    found)
    return found


def active_run(user, tenant) -> ScenarioRun | None:
    return db.session.scalars(select(ScenarioRun).where(
        ScenarioRun.user_id == user.id, ScenarioRun.tenant_id == tenant.id,
        ScenarioRun.active.is_(True)).order_by(ScenarioRun.id.desc())).first()


def request_run(user, tenant) -> ScenarioRun | None:
    """`active_run`, looked up once a request: a form page asks three times (the sitting
    that times it, the questions the step needs, the panel). Starting or stopping a run
    forgets what was looked up."""
    if not has_app_context():
        return active_run(user, tenant)
    known = g.setdefault("scenario_runs", {})
    if (user.id, tenant.id) not in known:
        known[user.id, tenant.id] = active_run(user, tenant)
    return known[user.id, tenant.id]


def _forget_runs() -> None:
    if has_app_context():
        g.pop("scenario_runs", None)


def active_runs_of(user) -> list[ScenarioRun]:
    """The person's scenarios under way, in any training copy."""
    return db.session.scalars(select(ScenarioRun).where(
        ScenarioRun.user_id == user.id, ScenarioRun.active.is_(True))).all()


def start(user, tenant, key: str, step_index: int = 0, case_id: int | None = None,
          point: str | None = None) -> ScenarioRun:
    """A new run of scenario `key` for `user` in `tenant` (ending any other there). From a
    trainer's saved point: at step `step_index`, on case `case_id`, the steps before it
    counted as done at that point. A run in a session's seat belongs to that session
    however it was started, so the room sees it and a proficiency check stays one."""
    scenario = library().scenarios.get(key)
    if scenario is None or tenant.form_version not in scenario.versions:
        raise ScenarioProblem("That scenario is not offered in this training copy")
    # The session's choice first: another scenario is refused as the trainer's, whether or
    # not this copy happens to hold the case it would start from.
    session = seat_session(tenant)
    session_id = session.id if session else None
    if session is not None and session.scenario_key != key:
        chosen = library().scenarios.get(session.scenario_key)
        raise ScenarioProblem(
            f"In this session you are working through “{chosen.title if chosen else key}”, "
            "the scenario your trainer chose for the room")
    case = db.session.scalar(select(Case).where(Case.id == case_id)) if case_id else None
    case = case or find_case(scenario)
    if case is None:
        raise ScenarioProblem(
            f"This training copy has no case at the '{scenario.start_case.get('stage')}' "
            "stage to start from; ask your trainer to reset it or choose another scenario")
    step_index = max(0, min(step_index, len(scenario.steps)))
    _forget_runs()
    try:
        return _begin_run(user, tenant, scenario, case, step_index, point, session_id)
    except IntegrityError:
        # The record's gaps were planted at the same moment by a trainer's command line
        # (two starts in one copy already wait for each other: tenancy.hold). The key is
        # theirs; this start, begun again, finds it and plants nothing.
        db.session.rollback()
        return _begin_run(user, tenant, scenario, case, step_index, point, session_id)


def _begin_run(user, tenant, scenario: Scenario, case: Case, step_index: int,
               point: str | None, session_id: int | None) -> ScenarioRun:
    key = scenario.key
    with transaction():
        for old in db.session.scalars(select(ScenarioRun).where(
                ScenarioRun.user_id == user.id, ScenarioRun.tenant_id == tenant.id,
                ScenarioRun.active.is_(True))):
            old.active = False
        mark = db.session.scalar(select(func.max(ChronologyEntry.id))) or 0
        done = [{"step": i, "title": step.title, "done_at": None, "at_point": point}
                for i, step in enumerate(scenario.steps[:step_index])]
        run = ScenarioRun(user_id=user.id, tenant_id=tenant.id, scenario_key=key,
                          form_version=tenant.form_version, case_id=case.id,
                          chronology_mark=mark, step_index=step_index,
                          completed_json=json.dumps(done), session_id=session_id,
                          finished_at=utcnow() if step_index == len(scenario.steps) else None)
        db.session.add(run)
        # Planted once in a copy: starting again finds the same gaps (a reset clears them).
        if scenario.start_gaps and not exercises.answer_key(tenant.id, case.id):
            try:
                exercises.plant(case, scenario.start_gaps, user.full_name)
            except exercises.ExerciseError as problem:
                raise ScenarioProblem(
                    f"This training copy's {case.child.first_name} cannot hold this audit "
                    f"exercise ({problem.message}); ask your trainer to reset it or choose "
                    "another scenario") from None
    return run


def scenario_of(run: ScenarioRun) -> Scenario | None:
    return library().scenarios.get(run.scenario_key)


def current_step(run: ScenarioRun) -> Step | None:
    scenario = scenario_of(run)
    if scenario is None or run.step_index >= len(scenario.steps):
        return None
    return scenario.steps[run.step_index]


def _form_title(run: ScenarioRun, step: Step) -> str:
    forms = current_app.extensions["forms"]
    definition = forms.form(run.form_version, step.check.form or "")
    return definition.title if definition else "form"


def still_needed(run: ScenarioRun, exact: bool = True) -> str | None:
    """What the step still needs, or None; `exact`: which answers (a trainee's check
    passes `not is_proficiency(run)`)."""
    step = current_step(run)
    if step is None:
        return None
    return checks.problem(run, step.check, _form_title(run, step), exact)


def advance(run: ScenarioRun) -> list[Step]:
    """Move past every step whose check now passes; returns the steps just completed."""
    if current_step(run) is not None and still_needed(run) is not None:
        return []  # nothing to move on: no write on every page
    done = []
    with transaction():
        while (step := current_step(run)) is not None and still_needed(run) is None:
            began = checks.passed_at(run, step.check) or utcnow()
            completed = run.completed + [{"step": run.step_index, "title": step.title,
                                          "done_at": utcnow().isoformat(timespec="seconds"),
                                          "hints": run.hints_shown}]
            run.completed_json = json.dumps(completed)
            run.step_index += 1
            run.step_started_at = began
            run.visited_json = "[]"
            run.hints_shown = 0
            done.append(step)
        if current_step(run) is None and run.finished_at is None:
            run.finished_at = utcnow()
    return done


def note_page(run: ScenarioRun, endpoint: str) -> None:
    page = PAGE_OF_ENDPOINT.get(endpoint)
    if page and page not in run.visited:
        with transaction():
            run.visited_json = json.dumps(run.visited + [page])


def show_hint(run: ScenarioRun) -> None:
    step = current_step(run)
    if step and run.hints_shown < len(step.hints):
        with transaction():
            run.hints_shown += 1


def case_of(run: ScenarioRun) -> Case | None:
    """The case the scenario is about, or None if it has gone: from what the request has
    already loaded if it can (on a form page, the form's own case)."""
    return db.session.get(Case, (run.tenant_id, run.case_id),
                          options=[joinedload(Case.child), joinedload(Case.family)])


def names(run: ScenarioRun, case: Case | None = None) -> dict[str, str]:
    """The words scenario text may use: {child} and {family} for the case it is about
    (`case`: that case, if the caller has it)."""
    case = case or case_of(run)
    if case is None:
        return {"child": "the child", "family": "family"}
    return {"child": case.child.first_name, "family": case.family.name}


def child_of(run: ScenarioRun):
    """The child the scenario is about (a Person), or None if the case has gone."""
    case = case_of(run)
    return case.child if case else None


def personalise(text: str, words: dict[str, str]) -> str:
    for key, value in words.items():
        text = text.replace("{" + key + "}", value)
    return text


def restart(run: ScenarioRun, user, tenant) -> ScenarioRun:
    """The tenant back at its start and the scenario from step 1: a new attempt, which a
    session's room sees."""
    tenant = service.reset(tenant)
    return start(user, tenant, run.scenario_key)


REFLECTION_FIELDS = ("easier", "harder", "repeated", "serves_purpose", "change")


def is_proficiency(run: ScenarioRun) -> bool:
    return bool(run.session and run.session.proficiency)


def reflect(run: ScenarioRun, user, answers: dict):
    """Keep the answers for the trainer, and put them in the working group's queue."""
    with transaction():
        db.session.add(Reflection(user_id=user.id, tenant_id=run.tenant_id,
                                  scenario_key=run.scenario_key, form_version=run.form_version,
                                  session_id=run.session_id, **answers))
    queue.from_reflection(user, run.scenario_key, run.form_version, answers)


def stop(run: ScenarioRun) -> None:
    """Close the scenario; not in a session's seat, where the trainer's scenario stays
    with the trainee for the whole session (the trainer ends it)."""
    if run.session_id is not None and seat_session_of(run) is not None:
        raise ScenarioProblem("In a training session your scenario stays open until your "
                              "trainer ends the session")
    _forget_runs()
    with transaction():
        run.active = False
