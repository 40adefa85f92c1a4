"""People's runs through tours: starting, moving on, finishing, leaving; and the figures
of where people finish and where they leave.

A run moves from the step the page showed (`from_step`) in one conditional UPDATE, so a
Next pressed twice, or a click and a save arriving together, move it once: the second is
told where the run is now. A person has one tour running at a time: starting one ends
any other (left at its step), and a partial unique index keeps it so under parallel
requests on both databases.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from sandbox.core.clock import utcnow
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.transactions import transaction
from sandbox.tours.definitions import Tour
from sandbox.tours.models import FINISHED, LEFT, RUNNING, TourRun

# A run nobody has moved for this long was left where it stands (the person closed the
# browser, or went on with their work): the figures count it as left at its step.
IDLE = timedelta(hours=2)


# Starts of one person's tours at the same moment each end the others' and go again:
# each attempt lets at least one through, so a handful always suffices.
ATTEMPTS = 8


class TourProblem(ServiceError):
    pass


def running(user) -> TourRun | None:
    return db.session.scalar(select(TourRun).where(TourRun.user_id == user.id,
                                                   TourRun.status == RUNNING))


def run_of(user, run_id: int) -> TourRun | None:
    """The person's own run: another person's is not theirs to move (None, a 404)."""
    run = db.session.get(TourRun, run_id)
    return run if run is not None and run.user_id == user.id else None


def _end_running(user, now) -> None:
    db.session.execute(update(TourRun).where(TourRun.user_id == user.id,
                                             TourRun.status == RUNNING)
                       .values(status=LEFT, ended_at=now, updated_at=now)
                       .execution_options(synchronize_session=False))


def start(user, tour: Tour, tenant_name: str = "") -> TourRun:
    """A new run of `tour` at its first step; any other running tour of theirs is left."""
    for attempt in range(ATTEMPTS):
        now = utcnow()
        try:
            with transaction():
                _end_running(user, now)
                run = TourRun(user_id=user.id, tour_key=tour.key, tenant_name=tenant_name,
                              started_at=now, updated_at=now)
                db.session.add(run)
            return run
        except IntegrityError:  # another start of theirs at the same moment: go again
            db.session.rollback()
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def move(run: TourRun, tour: Tour, from_step: int, to_step: int) -> TourRun:
    """From the step the page showed to `to_step`; past the last step finishes the tour.
    Moving from a step the run has already left does nothing (a second press)."""
    if not 0 <= to_step <= len(tour.steps):
        raise TourProblem(f"A tour of {len(tour.steps)} steps has no step {to_step + 1}.")
    now = utcnow()
    done = to_step == len(tour.steps)
    last = len(tour.steps) - 1
    with transaction():
        moved = db.session.execute(
            update(TourRun).where(TourRun.id == run.id, TourRun.status == RUNNING,
                                  TourRun.step == from_step)
            .values(step=min(to_step, last), updated_at=now,
                    status=FINISHED if done else RUNNING, ended_at=now if done else None)
            .execution_options(synchronize_session=False)).rowcount
        if moved:
            db.session.execute(
                update(TourRun).where(TourRun.id == run.id, TourRun.furthest < to_step)
                .values(furthest=min(to_step, last))
                .execution_options(synchronize_session=False))
    db.session.refresh(run)
    return run


def leave(run: TourRun, at_step: int) -> TourRun:
    """The person ended the tour (Escape, or "End the tour") at `at_step`."""
    now = utcnow()
    with transaction():
        db.session.execute(update(TourRun).where(TourRun.id == run.id,
                                                 TourRun.status == RUNNING)
                           .values(status=LEFT, ended_at=now, updated_at=now)
                           .execution_options(synchronize_session=False))
    db.session.refresh(run)
    return run


def done_from_the_list(user, tour: Tour) -> TourRun:
    """Gone through as the list of steps (without JavaScript, or by choice): a finished
    run, so the learning path counts it."""
    now = utcnow()
    with transaction():
        run = TourRun(user_id=user.id, tour_key=tour.key, status=FINISHED, how="list",
                      step=len(tour.steps) - 1, furthest=len(tour.steps) - 1,
                      started_at=now, updated_at=now, ended_at=now)
        db.session.add(run)
    return run


def on_action(user, tours: dict[str, Tour], action: str, page: str | None) -> None:
    """The person saved or submitted a form (`action`, from recording's signals): a
    running tour whose step waits for it moves on."""
    run = running(user)
    tour = tours.get(run.tour_key) if run else None
    if tour is None or run.step >= len(tour.steps):
        return
    step = tour.steps[run.step]
    if step.advance == action and (page is None or step.page == page):
        move(run, tour, run.step, run.step + 1)


# -- figures -----------------------------------------------------------------------------

@dataclass
class StepFigures:
    number: int
    title: str
    reached: int = 0
    left: int = 0

    @property
    def left_share(self) -> float:
        return self.left / self.reached if self.reached else 0.0


@dataclass
class TourFigures:
    tour: Tour
    started: int = 0
    finished: int = 0
    left: int = 0
    running: int = 0
    from_list: int = 0
    steps: list[StepFigures] = field(default_factory=list)


def figures(tours: dict[str, Tour]) -> list[TourFigures]:
    """For each tour, in people (each counted once, however many goes they had): how many
    started it, finished it (at any go) or left it, and for each step how many got that
    far and how many left there. Someone who did not finish is counted where their last
    go stopped. A run idle for IDLE counts as left."""
    idle_since = utcnow() - IDLE
    out = {key: TourFigures(tour, steps=[StepFigures(i + 1, s.title)
                                         for i, s in enumerate(tour.steps)])
           for key, tour in tours.items()}
    idle = (TourRun.updated_at < idle_since).label("idle")  # one expression, one bind
    rows = db.session.execute(select(TourRun.tour_key, TourRun.user_id, TourRun.status,
                                     TourRun.how, TourRun.step, TourRun.furthest, idle)
                              .order_by(TourRun.started_at, TourRun.id)).all()
    goes: dict[tuple[str, int], list] = {}
    listed: set[tuple[str, int]] = set()
    for row in rows:
        if row.tour_key not in out:
            continue
        if row.how == "list":
            listed.add((row.tour_key, row.user_id))
        else:
            goes.setdefault((row.tour_key, row.user_id), []).append(row)
    for key, _user in listed:
        out[key].from_list += 1
    for (key, _user), runs_ in goes.items():
        f = out[key]
        f.started += 1
        furthest = min(max(r.furthest for r in runs_), len(f.steps) - 1)
        for s in f.steps[:furthest + 1]:
            s.reached += 1
        last = runs_[-1]
        if any(r.status == FINISHED for r in runs_):
            f.finished += 1
        elif last.status == LEFT or (last.status == RUNNING and last.idle):
            f.left += 1
            if last.step < len(f.steps):
                f.steps[last.step].left += 1
        else:
            f.running += 1
    return list(out.values())


# A step is a hotspot when at least this many people have left there, and this share of
# those who reached it.
HOTSPOT_LEFT, HOTSPOT_SHARE = 3, 0.25


def leaving_hotspots(tours: dict[str, Tour], figures_url: str | None = None) -> list[dict]:
    """Steps where many people leave, for the working group's hotspots."""
    spots = []
    for f in figures(tours):
        for s in f.steps:
            if s.left >= HOTSPOT_LEFT and s.left_share >= HOTSPOT_SHARE:
                spots.append({"where": f"Tour “{f.tour.title}”, step {s.number}: {s.title}",
                              "left": s.left, "reached": s.reached, "url": figures_url})
    return sorted(spots, key=lambda s: (-s["left"], s["where"]))
