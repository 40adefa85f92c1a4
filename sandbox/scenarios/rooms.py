"""The training rooms under way, as others see them: floor walkers walking the floor, and
their quick notes (sandbox.feedback), which name the room's people and the seat's place.

Read only: nothing here changes a seat. Who may need help is the trainer's room's own rule
(sandbox.scenarios.sessions.help_reasons, through `dashboard`).
"""

from dataclasses import dataclass

from sqlalchemy import select

from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.scenarios import runner, sessions
from sandbox.scenarios.models import TrainingSession


@dataclass(frozen=True)
class Room:
    session: TrainingSession
    scenario_title: str
    steps: int
    seats: list  # sessions.SeatView, the trainees' seats only (not the front of the room)

    @property
    def id(self) -> int:
        return self.session.id

    @property
    def form_version(self) -> str:
        return self.session.form_version

    @property
    def taken(self) -> list:
        return [v for v in self.seats if v.person is not None]

    @property
    def needing_help(self) -> list:
        return [v for v in self.seats if v.stuck]

    def people(self) -> list[tuple[int, str]]:
        """(user id, "Name, seat N") of everyone sitting in the room, by seat."""
        return [(v.person.id, f"{v.person.full_name}, seat {v.seat.number}")
                for v in self.taken]

    def seat(self, number: int):
        return next((v for v in self.seats if v.seat.number == number), None)


def run_by(user) -> list[TrainingSession]:
    """The sessions `user` may run (a trainer their own; an administrator every one),
    newest first, ended ones too: a trainer follows a room's progress after the day."""
    return [s for s in sessions.all_sessions() if sessions.may_run(user, s)]


def seated(session: TrainingSession) -> set[int]:
    """The people sitting in the session's seats."""
    return {seat.user_id for seat in sessions.seats_of(session) if seat.user_id}


def live() -> list[TrainingSession]:
    """Sessions under way (not ended), newest first."""
    return db.session.scalars(select(TrainingSession).where(
        TrainingSession.ended_at.is_(None)).order_by(TrainingSession.created_at.desc())).all()


def room(session_id: int | None) -> Room | None:
    """A live room with each trainee's seat as the trainer sees it; None if there is no such
    session running."""
    session = db.session.get(TrainingSession, session_id) if session_id else None
    if session is None or session.ended_at is not None:
        return None
    views, _failing = sessions.dashboard(session)
    for v in views:  # each step as its trainee reads it, with their child's name
        if v.run is not None and not v.finished and v.run.tenant_id is not None:
            with tenancy.scoped_to(v.run.tenant_id):
                v.step_title = runner.personalise(v.step_title, runner.names(v.run))
    scenario = runner.library().scenarios.get(session.scenario_key)
    return Room(session, scenario.title if scenario else session.scenario_key,
                len(scenario.steps) if scenario else 0,
                [v for v in views if v.seat.number > 0])


@dataclass(frozen=True)
class SeatPlace:
    """Where a trainee is: their training copy, the child, the step and its form."""

    tenant_name: str
    case_id: int | None
    child_id: int | None
    child_name: str
    scenario_key: str
    step_index: int | None
    step_title: str
    instruction: str  # Markdown, with the child's and family's names put in
    form_key: str | None  # the form the step is about, if it is about one


def place_of(view) -> SeatPlace | None:
    """The seat's training copy and the person's current step; None for an empty seat."""
    if view.tenant is None:
        return None
    run = view.run
    step = runner.current_step(run) if run else None
    child_id, child_name, words = None, "", {"child": "the child", "family": "family"}
    if run is not None:
        with tenancy.scoped_to(view.tenant.id):
            words = runner.names(run)
            case = db.session.scalar(select(Case).where(Case.id == run.case_id))
            if case is not None:
                child_id, child_name = case.child_id, case.child.full_name
    return SeatPlace(
        tenant_name=view.tenant.name, case_id=run.case_id if run else None,
        child_id=child_id, child_name=child_name,
        scenario_key=run.scenario_key if run else "",
        step_index=run.step_index if run and step else None,
        step_title=view.step_title,
        instruction=runner.personalise(step.instruction, words) if step else "",
        form_key=step.check.form if step else None)
