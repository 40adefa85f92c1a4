"""Learning paths: which path each person is on, at which pace, and how far along it
they are (tours finished, scenarios finished), for them and for a trainer's cohort."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from sandbox.auth.models import User
from sandbox.core.clock import utcnow
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.transactions import transaction
from sandbox.scenarios import runner
from sandbox.scenarios.models import ScenarioRun
from sandbox.tenants.models import Tenant
from sandbox.tours.definitions import PACES, LearningPath, Library, PathItem
from sandbox.tours.models import FINISHED, RUNNING, PathPlace, TourRun

# A trainee nobody has put on a path yet starts on the new social worker's.
DEFAULT_PATH = "new-social-worker"


class PathProblem(ServiceError):
    pass


@dataclass
class Place:
    path: LearningPath
    pace: str
    chosen: bool  # a trainer chose it (else the default for new starters)
    set_by: str = ""  # the trainer who chose it


def place_of(user, library: Library) -> Place | None:
    row = db.session.get(PathPlace, user.id)
    if row is not None and row.path_key in library.paths:
        return Place(library.paths[row.path_key], row.pace, True, row.set_by)
    if user.role == "trainee" and DEFAULT_PATH in library.paths:
        return Place(library.paths[DEFAULT_PATH], "standard", False)
    return None


def set_place(user, path_key: str, pace: str, library: Library, by: str) -> None:
    if path_key not in library.paths:
        raise PathProblem("Choose a learning path", "path")
    if pace not in PACES:
        raise PathProblem("Choose the pace", "pace")
    with transaction():
        row = db.session.get(PathPlace, user.id)
        if row is None:
            db.session.add(PathPlace(user_id=user.id, path_key=path_key, pace=pace,
                                     set_by=by))
        else:
            row.path_key, row.pace, row.set_by, row.set_at = path_key, pace, by, utcnow()


@dataclass
class ItemProgress:
    item: PathItem
    title: str
    done_at: datetime | None
    times: int  # how many times finished: a part can be repeated
    at_step: int | None  # a tour or scenario under way: the step they are on (from 1)
    where: str | None = None  # a scenario under way: the training copy it is in


def _finished(user_ids) -> tuple[dict, dict]:
    """{(user, tour): (first finished, times)} and the same for scenarios."""
    tours = {(u, k): (first, n) for u, k, first, n in db.session.execute(
        select(TourRun.user_id, TourRun.tour_key, func.min(TourRun.ended_at), func.count())
        .where(TourRun.user_id.in_(user_ids), TourRun.status == FINISHED)
        .group_by(TourRun.user_id, TourRun.tour_key))}
    scenarios = {(u, k): (first, n) for u, k, first, n in db.session.execute(
        select(ScenarioRun.user_id, ScenarioRun.scenario_key, func.min(ScenarioRun.finished_at),
               func.count())
        .where(ScenarioRun.user_id.in_(user_ids), ScenarioRun.finished_at.is_not(None))
        .group_by(ScenarioRun.user_id, ScenarioRun.scenario_key))}
    return tours, scenarios


def progress(user, place: Place, library: Library) -> list[ItemProgress]:
    tours, scenarios = _finished([user.id])
    under_way = db.session.scalar(select(TourRun).where(TourRun.user_id == user.id,
                                                        TourRun.status == RUNNING))
    items = [_item(user.id, item, library, tours, scenarios, under_way)
             for item in place.path.items_for(place.pace)]
    running = _scenarios_under_way(user.id)
    for found in items:
        if found.item.kind == "scenario" and found.item.key in running:
            found.at_step, found.where = running[found.item.key]
    return items


def _scenarios_under_way(user_id: int) -> dict[str, tuple[int, str]]:
    """{scenario: (the step they are on, from 1; the copy it is in)} of runs not finished."""
    rows = db.session.execute(
        select(ScenarioRun.scenario_key, ScenarioRun.step_index, Tenant.name)
        .join(Tenant, Tenant.id == ScenarioRun.tenant_id)
        .where(ScenarioRun.user_id == user_id, ScenarioRun.active.is_(True),
               ScenarioRun.finished_at.is_(None))
        .order_by(ScenarioRun.id))
    return {key: (step + 1, name) for key, step, name in rows}


def title_of(item: PathItem, library: Library) -> str:
    if item.kind == "tour":
        return library.tours[item.key].title
    found = runner.library().scenarios.get(item.key)
    return found.title if found else item.key


def _item(user_id, item, library, tours, scenarios, under_way) -> ItemProgress:
    first, times = (tours if item.kind == "tour" else scenarios).get((user_id, item.key),
                                                                   (None, 0))
    at_step = under_way.step + 1 if (item.kind == "tour" and under_way is not None
                                     and under_way.tour_key == item.key) else None
    return ItemProgress(item, title_of(item, library), first, times, at_step)


def next_item(items: list[ItemProgress]) -> ItemProgress | None:
    """Where to pick up: a tour under way, else the first part not done yet."""
    return next((i for i in items if i.at_step), None) or next(
        (i for i in items if i.done_at is None), None)


@dataclass
class CohortRow:
    user: User
    pace: str
    chosen: bool
    done: list[datetime | None]

    @property
    def count(self) -> int:
        return sum(1 for d in self.done if d)


def cohort(path: LearningPath, library: Library, only: set[int] | None = None
           ) -> list[CohortRow]:
    """Everyone on `path` (chosen for them, or trainees on it by default; of `only`, the
    people of one session, when given), with when they finished each part of it. The
    slower path's own parts count only for those on it."""
    chosen = {row.user_id: row for row in db.session.scalars(select(PathPlace))}
    statement = select(User).where(User.active.is_(True)).order_by(User.full_name, User.id)
    if only is not None:
        statement = statement.where(User.id.in_(only or {0}))
    people = db.session.scalars(statement).all()
    on_it = []
    for person in people:
        row = chosen.get(person.id)
        if row is not None and row.path_key in library.paths:
            if row.path_key == path.key:
                on_it.append((person, row.pace, True))
        elif person.role == "trainee" and path.key == DEFAULT_PATH:
            on_it.append((person, "standard", False))
    tours, scenarios = _finished([p.id for p, _, _ in on_it] or [0])
    rows = []
    for person, pace, was_chosen in on_it:
        wanted = set(path.items_for(pace))
        done = [(tours if i.kind == "tour" else scenarios).get((person.id, i.key), (None,))[0]
                if i in wanted else None for i in path.items]
        rows.append(CohortRow(person, pace, was_chosen, done))
    return rows
