"""The team's cases, as a team manager plans their week by them: each open case with its
stage, the next step and the date to plan by, the last visit, supervision and management
oversight on record, and where its plan stands, by worker.

Dates are counted from the training day the copy stands at (seed.REFERENCE_DATE), as the
case pages count ages, never from the wall clock.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from sandbox.cases.models import Case, CaseNote, Worker
from sandbox.casework import pathway
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.web.filters import format_date
from seed import REFERENCE_DATE

MANAGER_TITLE = "Team manager"
# The case note kinds the page reads its dates from: the visit form, the supervision and
# the management oversight forms all write these (and so does the generator).
VISIT, SUPERVISION, OVERSIGHT = "Home visit", "Supervision", "Management oversight"
# "Due within" choices, in working days from the training day.
DUE_WITHIN = {5: "1 week (5 working days)", 10: "2 weeks (10 working days)",
              20: "4 weeks (20 working days)"}


class FilterError(ServiceError):
    """A filter value the page does not offer (a hand-made address)."""


@dataclass(frozen=True)
class Filters:
    team: str
    worker_id: int | None = None
    stage: str | None = None
    due_within: int | None = None


@dataclass
class Row:
    case: Case
    next_step: pathway.NextStep | None
    last_visit: date | None
    last_supervision: date | None
    last_oversight: date | None
    plan: str

    @property
    def due_passed(self) -> bool:
        due = self.next_step and self.next_step.due
        return bool(due and due < training_day())


@dataclass
class Team:
    name: str
    manager: Worker | None
    workers: list[Worker]
    rows_by_worker: list[tuple[Worker, list[Row]]]

    @property
    def count(self) -> int:
        return sum(len(rows) for _, rows in self.rows_by_worker)


def training_day() -> date:
    return REFERENCE_DATE


def teams() -> list[str]:
    return list(db.session.scalars(select(Worker.team).distinct().order_by(Worker.team)))


def filters_from(args) -> Filters:
    """The page's filters from its query string; a value it does not offer is refused."""
    names = teams()
    team = args.get("team") or (names[0] if names else "")
    if names and team not in names:
        raise FilterError("Choose a team from the list")
    worker_id = _number(args.get("worker"), "Choose a worker from the list")
    stage = args.get("stage") or None
    if stage is not None and stage not in pathway.OPEN_STAGES:
        raise FilterError("Choose a stage from the list")
    due = _number(args.get("due"), "Choose how soon the next step is due from the list")
    if due is not None and due not in DUE_WITHIN:
        raise FilterError("Choose how soon the next step is due from the list")
    return Filters(team, worker_id, stage, due)


def _number(value: str | None, message: str) -> int | None:
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= 9):
        raise FilterError(message)
    return int(value)


def plan_status(case: Case) -> str:
    """Where the child's plan stands, in a few plain words."""
    if case.stage in ("cp_plan", "review_due"):
        category = pathway.plan_categories_label(case.plan_category) \
            if case.plan_category else "no category recorded"
        return f"Child protection plan ({category})"
    if case.stage == "cin_plan":
        return "Child in Need plan"
    if case.stage == "early_help":
        return "Early Help family plan"
    if case.stage == "stepped_down":
        return f"Child protection plan ended: {case.stepped_down_to or 'support continues'}"
    if case.stage == "looked_after":
        return f"Care plan, agreed {format_date(case.care_plan_on)}" if case.care_plan_on \
            else "Looked after: no care plan recorded yet"
    if case.stage == "leaving_care":
        return "Pathway plan (leaving care)"
    return "No plan yet"


def _last_notes(case_ids: list[int]) -> dict[tuple[int, str], date]:
    if not case_ids:
        return {}
    found = db.session.execute(
        select(CaseNote.case_id, CaseNote.kind, func.max(CaseNote.written_on))
        .where(CaseNote.case_id.in_(case_ids),
               CaseNote.kind.in_((VISIT, SUPERVISION, OVERSIGHT)))
        .group_by(CaseNote.case_id, CaseNote.kind))
    return {(case_id, kind): on for case_id, kind, on in found}


def team_cases(filters: Filters) -> Team:
    """The open cases of the team's workers that the filters keep, by worker."""
    staff = db.session.scalars(select(Worker).where(Worker.team == filters.team)
                               .order_by(Worker.name, Worker.id)).all()
    manager = next((w for w in staff if w.job_title == MANAGER_TITLE), None)
    workers = [w for w in staff if w.job_title != MANAGER_TITLE]
    if filters.worker_id is not None and filters.worker_id not in {w.id for w in workers}:
        raise FilterError("Choose a worker in this team from the list")
    shown = [w for w in workers if filters.worker_id in (None, w.id)]
    statement = (select(Case).where(Case.social_worker_id.in_([w.id for w in shown]),
                                    Case.stage.in_(pathway.OPEN_STAGES))
                 .options(selectinload(Case.child)))
    if filters.stage:
        statement = statement.where(Case.stage == filters.stage)
    cases = db.session.scalars(statement).all()
    last = _last_notes([c.id for c in cases])
    limit = pathway.add_working_days(training_day(), filters.due_within) \
        if filters.due_within else None
    by_worker: dict[int, list[Row]] = {w.id: [] for w in shown}
    for case in cases:
        step = pathway.next_step(case)
        if limit and not (step and step.due and step.due <= limit):
            continue
        by_worker[case.social_worker_id].append(Row(
            case, step, last.get((case.id, VISIT)), last.get((case.id, SUPERVISION)),
            last.get((case.id, OVERSIGHT)), plan_status(case)))
    for rows in by_worker.values():
        # The nearest date to plan by first; a step with no date to count from last.
        rows.sort(key=lambda r: (r.next_step is None or r.next_step.due is None,
                                 r.next_step.due if r.next_step and r.next_step.due
                                 else date.max, r.case.child.last_name, r.case.id))
    return Team(filters.team, manager, workers, [(w, by_worker[w.id]) for w in shown])


class NoSuchWorker(ServiceError):
    pass


@dataclass
class Supervision:
    """One supervision of a worker: the day, who supervised, and the children discussed
    (the supervision form is recorded on each child's record, so a day's notes are one
    supervision)."""
    on: date
    by: list[str]
    cases: list[Case]


def supervisions_of(worker_id: int) -> tuple[Worker, list[Supervision]]:
    """A worker's supervisions, newest first, each with the children discussed."""
    worker = db.session.scalar(select(Worker).where(Worker.id == worker_id))
    if worker is None or worker.job_title == MANAGER_TITLE:
        raise NoSuchWorker("No such worker in this training copy")
    notes = db.session.execute(
        select(CaseNote, Case).join(Case, Case.id == CaseNote.case_id)
        .where(Case.social_worker_id == worker.id, CaseNote.kind == SUPERVISION)
        .options(selectinload(Case.child), selectinload(CaseNote.author))
        .order_by(CaseNote.written_on.desc(), Case.id)).all()
    by_day: dict[date, Supervision] = {}
    for note, case in notes:
        held = by_day.setdefault(note.written_on, Supervision(note.written_on, [], []))
        who = note.recorded_by or (note.author.name if note.author else "")
        if who and who not in held.by:
            held.by.append(who)
        if case not in held.cases:
            held.cases.append(case)
    return worker, list(by_day.values())
