"""Training sessions: a trainer's room of seats, each its own tenant from one start.

The start is generated once and kept as a snapshot; the front-of-room seat and every
trainee's seat are tenants made from it, so resetting a seat puts it back at exactly the
same point as everyone else's.
"""

import json
import re
import secrets
import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from sandbox.audit import log
from sandbox.auth.models import SignInSession, User
from sandbox.auth.session import end_sessions
from sandbox.casework import pathway
from sandbox.core import tenancy
from sandbox.core.clock import utcnow
from sandbox.core.deferred import after_response
from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.limits import Refused, attempt, limit
from sandbox.core.permissions import Role
from sandbox.core.transactions import transaction
from sandbox.scenarios import preparing, runner
from sandbox.scenarios.models import Reflection, ScenarioRun, Seat, SessionPoint, TrainingSession
from sandbox.tenants import service
from sandbox.tenants.models import Snapshot, Tenant

MAX_SEATS = 40
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
STUCK_MINUTES = 5
WRONG_TRIES = 3  # checks found a step not yet done this often: someone may need a hand


class SessionError(ServiceError):
    """A training session that cannot be made, joined or ended as asked."""


def _slug(name: str) -> str:
    # Seats are named `<slug>-front` and `<slug>-seat-N`: a pattern kept from people
    # (sandbox.tenants.service.RESERVED), so no one's tenant can pass for a seat.
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:24] or "session"
    return f"{base}-{secrets.token_hex(2)}"


def create(name: str, scenario_key: str, seats: int, seed_number: int, families: int,
           form_version: str, trainer: User, proficiency: bool = False,
           later: bool = False, start_from: Snapshot | None = None) -> TrainingSession:
    """A new session: the front of the room at once, and the trainees' seats prepared
    after the response (sandbox.scenarios.preparing), each usable as soon as it is ready.
    `later`: set up now for a session that starts when the trainer says (`start`).
    `start_from`: a saved snapshot marked as the room's start (instead of new families
    from `seed_number`): the session is then set up for later, in the snapshot's forms."""
    scenario = runner.library().scenarios.get(scenario_key)
    if scenario is None:
        raise SessionError("Select a scenario", "scenario")
    if start_from is not None:
        form_version, later = start_from.form_version, True
    if form_version not in scenario.versions:
        raise SessionError(f"That scenario is not written for the {form_version} forms",
                           "form_version")
    if not 1 <= seats <= MAX_SEATS:
        raise SessionError(f"A session has 1 to {MAX_SEATS} seats", "seats")
    slug = _slug(name)
    try:
        # One transaction: a failure (or a worker stopped) halfway leaves nothing behind.
        with transaction():
            if start_from is not None or scenario.start_snapshot:
                # The snapshot marked as the room's start, or the scenario's own.
                label = start_from.label if start_from is not None else scenario.start_snapshot
                front = service.create_from_snapshot(f"{slug}-front", label,
                                                     by=trainer.username, system=True)
            else:
                front = service.create_from_seed(f"{slug}-front", seed_number, families,
                                                 by=trainer.username,
                                                 form_version=form_version, system=True,
                                                 must_have=scenario.start_case)
            with tenancy.scoped_to(front.id):
                if runner.find_case(scenario) is None and start_from is not None:
                    raise service.TenantError(
                        f"The snapshot ‘{start_from.label}’ has no case at the "
                        f"'{scenario.start_case.get('stage')}' stage this scenario starts "
                        "from; choose another scenario or snapshot", "scenario")
                if runner.find_case(scenario) is None:
                    raise service.TenantError(
                        f"With seed {seed_number} and {families} families no case is at the "
                        f"'{scenario.start_case.get('stage')}' stage this scenario starts "
                        "from; try more families or another seed", "families")
            # (At most 80 characters: the name is cut, the slug keeps it unique.)
            start = service.save_snapshot(front, f"{name[:30]} ({slug}) start",
                                          by=trainer.username)
            session = TrainingSession(name=name, slug=slug, scenario_key=scenario_key,
                                      form_version=form_version, proficiency=proficiency,
                                      join_code="".join(secrets.choice(CODE_LETTERS)
                                                        for _ in range(6)),
                                      start_snapshot_id=start.id, trainer_id=trainer.id)
            # The seats are copied from a hidden copy of the start, since the trainer
            # may record at the front before they are all ready.
            service.create_source(preparing.source_name(session), front, start)
            db.session.add(session)
            db.session.flush()
            if later:  # (after the insert, which gives the column its default: now)
                session.started_at = None
            db.session.add(Seat(session_id=session.id, number=0, tenant_id=front.id,
                                user_id=trainer.id))
            for number in range(1, seats + 1):
                db.session.add(Seat(session_id=session.id, number=number))
            # The trainer's own run at the front: the room follows its steps from the
            # start, and a point saved there stands for the step it has reached.
            _begin(trainer, front, session)
    except service.TenantError as problem:
        raise SessionError(str(problem), problem.field) from None
    after_response(preparing.prepare, session.id)
    return session


def start(session: TrainingSession) -> None:
    """The trainer starts a session set up for later: trainees may join from now, each in
    a seat already prepared (or as soon as it is, if the trainer is early)."""
    if session.ended_at is not None:
        raise SessionError("This session has ended")
    with transaction():
        db.session.execute(update(TrainingSession).where(
            TrainingSession.id == session.id, TrainingSession.started_at.is_(None))
            .values(started_at=utcnow()).execution_options(synchronize_session=False))
    db.session.refresh(session)
    # Seats a stopped worker left unprepared: carry on now (no one else is at it).
    after_response(preparing.prepare, session.id)


def seats_of(session: TrainingSession) -> list[Seat]:
    return db.session.scalars(select(Seat).where(Seat.session_id == session.id)
                              .order_by(Seat.number)).all()


def running_seat(user: User) -> Seat | None:
    """The seat `user` has in a session still running, if any (the latest)."""
    return db.session.scalars(select(Seat).join(
        TrainingSession, TrainingSession.id == Seat.session_id).where(
        Seat.user_id == user.id, Seat.tenant_id.is_not(None),
        TrainingSession.ended_at.is_(None)).order_by(Seat.id.desc())).first()


def find_by_code(code: str) -> TrainingSession | None:
    code = (code or "").strip().upper().replace(" ", "")
    return db.session.scalar(select(TrainingSession).where(
        TrainingSession.join_code == code, TrainingSession.started_at.is_not(None),
        TrainingSession.ended_at.is_(None)))


JOIN_CODE = limit(
    "join_code", "JOIN_CODE_LIMIT", "JOIN_CODE_WINDOW_MINUTES",
    "You have entered too many wrong codes. Wait {minutes} minute{s} and try again, or ask "
    "your trainer to give you a seat or let you try again now.", "Wrong join codes")
JOIN_CODE_ADDRESS = limit(
    "join_code_address", "JOIN_CODE_ADDRESS_LIMIT", "JOIN_CODE_WINDOW_MINUTES",
    "There have been too many wrong codes from this network. Wait {minutes} minute{s} and try "
    "again, or ask your trainer to give you a seat.", "Wrong join codes from one network")


def join_with_code(code: str, user: User, address: str) -> tuple[TrainingSession, Seat]:
    """Join the running session with this code. Wrong codes are limited per person and per
    address (like sign-in), so codes cannot be guessed, and recorded in the audit log.
    Raises Refused when a limit is reached, SessionError when the code is wrong."""
    try:
        made = attempt((JOIN_CODE, user.username, user.username),
                       (JOIN_CODE_ADDRESS, address, ""))
    except Refused as refusal:
        log.record("join_blocked", detail=refusal.limit.label, succeeded=False)
        raise
    session = find_by_code(code)
    if session is None:
        log.record("join_code_refused", detail=f"code {(code or '').strip()[:12]}",
                   succeeded=False)
        raise SessionError("No running session has that code; check it with your trainer",
                           "code")
    # The right code: this person's wrong ones stop counting against their network (a room
    # joining at once behind one address), though still against them, since a person who
    # knows one code could otherwise guess others for ever.
    made.succeeded(forgive=(JOIN_CODE_ADDRESS,), failures=JOIN_CODE)
    seat = join(session, user)
    log.record("session_joined", session.name, f"seat {seat.number}")
    return session, seat


def _begin(user: User, tenant: Tenant, session: TrainingSession, step_index: int = 0,
           case_id: int | None = None, point: str | None = None) -> ScenarioRun:
    """Start (or restart) the session's scenario for `user` in `tenant`; from a saved
    point, at the step it stands for on its case."""
    try:
        with transaction(), tenancy.scoped_to(tenant.id):
            run = runner.start(user, tenant, session.scenario_key, step_index=step_index,
                               case_id=case_id, point=point)
            run.session_id = session.id
    except runner.ScenarioProblem as problem:
        raise SessionError(str(problem)) from None
    return run


def _seat_of(session: TrainingSession, user: User) -> Seat | None:
    return db.session.scalar(select(Seat).where(Seat.session_id == session.id,
                                                Seat.user_id == user.id))


def take(session: TrainingSession, seat_id: int, user: User) -> Seat | None:
    """Give `user` the seat if it is still free, with the scenario started in it; None if
    someone took it a moment ago. One statement decides: the seat is updated only while
    its user is still empty, so of two people taking it at once only one matches, on
    both databases. The unique (session, user) pair refuses a second seat to someone
    already given one by a request at the same moment (IntegrityError)."""
    with transaction():
        tenant_id = db.session.execute(
            update(Seat).where(Seat.id == seat_id, Seat.user_id.is_(None),
                               Seat.tenant_id.is_not(None))
            .values(user_id=user.id).returning(Seat.tenant_id)
            .execution_options(synchronize_session=False)).scalar_one_or_none()
        if tenant_id is None:
            return None
        if user.role == Role.TRAINEE:
            user.tenant_id = tenant_id
        seat = db.session.get(Seat, seat_id)
        db.session.refresh(seat)
        _begin(user, db.session.get(Tenant, tenant_id), session)
    return seat


def join(session: TrainingSession, user: User) -> Seat:
    """Give a trainee a seat (the same one if they join twice) and start the scenario."""
    if session.ended_at is not None:
        raise SessionError("This session has ended")
    seat = _seat_of(session, user)
    if seat is not None:  # joining again: carry on where they are
        tenant = db.session.get(Tenant, seat.tenant_id)
        if runner.active_run(user, tenant) is None:
            _begin(user, tenant, session)
        return seat
    free = db.session.scalars(select(Seat.id).where(
        Seat.session_id == session.id, Seat.number > 0, Seat.user_id.is_(None),
        Seat.tenant_id.is_not(None)).order_by(Seat.number)).all()
    for seat_id in free:
        try:
            seat = take(session, seat_id, user)
        except IntegrityError:  # they joined in another tab at the same moment
            seat = _seat_of(session, user)
        if seat is not None:
            return seat
    raise SessionError("Every seat in this session is taken; ask your trainer")


def assign(session: TrainingSession, seat: Seat, user: User) -> Seat:
    """The trainer gives a trainee a seat, instead of the trainee joining with the code.
    The same statement decides as when trainees join (`take`)."""
    if user.role != Role.TRAINEE:
        raise SessionError("Only trainees are given seats")
    taken = _seat_of(session, user)
    if taken is not None:
        raise SessionError(f"{user.full_name} already has seat {taken.number}")
    if seat.number == 0:
        raise SessionError("That seat is not free")
    try:
        given = take(session, seat.id, user)
    except IntegrityError:
        taken = _seat_of(session, user)
        raise SessionError(f"{user.full_name} already has seat {taken.number}") from None
    if given is None:
        raise SessionError("That seat is not free")
    return given


EVERY_ROLE = frozenset(pathway.CASE_ROLES)


def case_roles(user: User, tenant: Tenant) -> frozenset[str]:
    """The parts (sandbox.casework.pathway.CASE_ROLES) `user` plays in this training copy: a
    trainee plays the part the trainer gave their seat in a running session here; a
    trainer plays any part, as does a trainee working through a case alone."""
    if user.role != Role.TRAINEE:
        return EVERY_ROLE
    role = db.session.scalar(
        select(Seat.case_role).join(TrainingSession, TrainingSession.id == Seat.session_id)
        .where(Seat.user_id == user.id, Seat.tenant_id == tenant.id,
               TrainingSession.ended_at.is_(None)).order_by(Seat.id.desc()))
    return frozenset({role}) if role else EVERY_ROLE


def set_role(session: TrainingSession, seat: Seat, role: str | None) -> None:
    """The trainer gives the seat a part to play (None: every part)."""
    if role is not None and role not in pathway.CASE_ROLES:
        raise SessionError("Choose one of the parts listed", "role")
    with transaction():
        seat.case_role = role


def share_copy(session: TrainingSession, seat: Seat, other: Seat | None) -> None:
    """Put the seat in another seat's training copy, so people playing different parts
    record one child's case together (a joint session); `other` None: back to its own."""
    if other is not None and (other.session_id != session.id or other.id == seat.id):
        raise SessionError("Choose another seat in this session", "copy")
    with transaction():
        tenant_id = other.tenant_id if other is not None else own_copy(session, seat)
        if tenant_id == seat.tenant_id:
            return
        seat.tenant_id = tenant_id
        user = db.session.get(User, seat.user_id) if seat.user_id else None
        if user is not None and user.role == Role.TRAINEE:
            user.tenant_id = tenant_id
    if user is not None:
        tenant = db.session.get(Tenant, tenant_id)
        if runner.active_run(user, tenant) is None:
            there = _furthest_run(session, tenant)
            _begin(user, tenant, session, *((there.step_index, there.case_id)
                                            if there else ()))


def _furthest_run(session: TrainingSession, tenant: Tenant) -> ScenarioRun | None:
    """Of the people already at work in this training copy, the run furthest on, once
    each has counted what was recorded there: someone joining them starts on the same
    child at that step, since what was recorded before their own run began could not
    pass a step for them."""
    with tenancy.scoped_to(tenant.id):
        runs = db.session.scalars(select(ScenarioRun).where(
            ScenarioRun.tenant_id == tenant.id, ScenarioRun.session_id == session.id,
            ScenarioRun.active.is_(True))).all()
        for run in runs:
            runner.advance(run)
    return max(runs, key=lambda r: r.step_index, default=None)


def own_copy(session: TrainingSession, seat: Seat) -> int:
    """The training copy made for this seat when the session was created."""
    name = f"{session.slug}-front" if seat.number == 0 else f"{session.slug}-seat-{seat.number}"
    tenant = db.session.scalar(select(Tenant).where(Tenant.name == name))
    if tenant is None:
        raise SessionError("This seat's own training copy has gone", "copy")
    return tenant.id


def trainees_without_a_seat(session: TrainingSession) -> list[User]:
    seated = select(Seat.user_id).where(Seat.session_id == session.id,
                                        Seat.user_id.is_not(None))
    # (A one-off seat login belongs to the seat it was made for.)
    return db.session.scalars(select(User).where(
        User.role == Role.TRAINEE, User.active.is_(True), User.id.not_in(seated),
        User.valid_until.is_(None)).order_by(User.full_name)).all()


@dataclass(frozen=True)
class Point:
    """Where seats can be reset to: the start, or a point the trainer saved."""
    snapshot_id: int
    label: str
    step_index: int | None  # the step it stands for; None: each seat keeps its own
    case_id: int | None  # the case the scenario is about there; None: the scenario's own

    @property
    def id(self) -> int:
        return self.snapshot_id


def _front_run(session: TrainingSession) -> ScenarioRun | None:
    front = next(s for s in seats_of(session) if s.number == 0)
    return db.session.scalars(select(ScenarioRun).where(
        ScenarioRun.tenant_id == front.tenant_id, ScenarioRun.active.is_(True))
        .order_by(ScenarioRun.id.desc())).first()


def save_point(session: TrainingSession, label: str, by: str) -> Point:
    """Keep the front-of-room case as it is now, with the step the trainer's own run has
    reached there, as a point seats can be reset to."""
    front = next((s for s in seats_of(session) if s.number == 0), None)
    if front is None or db.session.get(Tenant, front.tenant_id or 0) is None:
        raise SessionError("The front of the room (your own training copy in this session) "
                           "has been deleted, so there is nothing to save a point from. "
                           "Seats can still be reset to the start.", "label")
    label = label.strip()
    if len(label) > 60:
        raise SessionError("Keep the name of the point to 60 characters or fewer", "label")
    if any(p.label.lower() == label.lower() for p in points(session)):
        raise SessionError(f"This session already has a point called “{label}”", "label")
    run = _front_run(session)
    saved = len(points(session))
    with transaction():
        snapshot = service.save_snapshot(db.session.get(Tenant, front.tenant_id),
                                         f"{session.slug} point {saved}: {label}"[:80], by=by)
        db.session.flush()
        point = SessionPoint(session_id=session.id, snapshot_id=snapshot.id, label=label,
                             step_index=run.step_index if run else None,
                             case_id=run.case_id if run else None)
        db.session.add(point)
    return Point(snapshot.id, label, point.step_index, point.case_id)


def points(session: TrainingSession) -> list[Point]:
    """The points seats can be reset to: the start, then each point saved since."""
    saved = db.session.scalars(select(SessionPoint).where(
        SessionPoint.session_id == session.id).order_by(SessionPoint.id)).all()
    start = [Point(session.start_snapshot_id, "The start", 0, None)] \
        if session.start_snapshot_id else []
    return start + [Point(p.snapshot_id, p.label, p.step_index, p.case_id) for p in saved]


def snapshots(session: TrainingSession) -> list[Snapshot]:
    """The snapshots behind the session's points (removed with the session)."""
    ids = [p.snapshot_id for p in points(session)]
    return db.session.scalars(select(Snapshot).where(Snapshot.id.in_(ids))).all()


def _latest_run(session: TrainingSession, user_id: int) -> ScenarioRun | None:
    return db.session.scalars(select(ScenarioRun).where(
        ScenarioRun.session_id == session.id, ScenarioRun.user_id == user_id)
        .order_by(ScenarioRun.id.desc())).first()


def reset_seat(session: TrainingSession, seat: Seat, point_id: int | None = None,
               to_today: bool = False) -> Point:
    """Back to the session's start or a saved point (`to_today`: its dates moved to
    today, seed.anchor). The person in the seat carries on from the step the point stands
    for, on the same child, in a new attempt (the earlier ones stay in the results).
    Raises TenantChanged if someone else reset the seat at the same moment."""
    tenant = db.session.get(Tenant, seat.tenant_id)
    everywhere = points(session)
    start = everywhere[0] if everywhere else Point(0, "The start", 0, None)
    chosen = start if point_id is None else next(
        (p for p in everywhere if p.id == point_id), None)
    if chosen is None:
        raise SessionError("Choose one of this session's saved points")
    # Everyone in this training copy: more than one seat shares it in a joint session.
    sharing = [s.user_id for s in seats_of(session) if s.tenant_id == seat.tenant_id
               and s.user_id] if seat.user_id else []
    before = {user_id: _latest_run(session, user_id) for user_id in sharing}
    tenant = service.reset(tenant, to_today) if point_id is None else \
        service.restore(tenant, db.session.get(Snapshot, chosen.snapshot_id), to_today)
    for user_id, last in before.items():
        if chosen.step_index is not None:  # the point's step, on the point's case
            step, case_id = chosen.step_index, chosen.case_id
        else:  # the trainer had not run the scenario: each keeps their own step and case
            step, case_id = (last.step_index, last.case_id) if last else (0, None)
        _begin(db.session.get(User, user_id), tenant, session, step, case_id, chosen.label)
    return chosen


def reset_all(session: TrainingSession, point_id: int | None = None,
              to_today: bool = False) -> list[int]:
    """Reset every seat; returns the numbers of those someone else was resetting at the
    same moment (their reset stands; they are not reset twice)."""
    others, done = [], set()
    for seat in seats_of(session):
        if seat.tenant_id is None or seat.tenant_id in done:
            continue  # a copy shared by seats in a joint session is reset once
        done.add(seat.tenant_id)
        try:
            reset_seat(session, seat, point_id, to_today)
        except tenancy.TenantChanged:
            others.append(seat.number)
    return others


def end(session: TrainingSession) -> None:
    """No one joins or carries on; the seat logins made for it stop working now, wherever
    they are signed in (sandbox.scenarios.accounts)."""
    with transaction():
        session.ended_at = utcnow()
        days = current_app.config["SESSION_KEEP_DAYS"]
        session.keep_until = session.ended_at + timedelta(days=days)
        for user in db.session.scalars(select(User).join(Seat, Seat.user_id == User.id).where(
                Seat.session_id == session.id, User.valid_until.is_not(None),
                User.valid_until > session.ended_at)):
            user.valid_until = session.ended_at
            end_sessions(user, "login expired")


@dataclass
class SeatView:
    seat: Seat
    person: User | None
    tenant: Tenant | None
    run: ScenarioRun | None
    step_title: str
    done: int
    minutes_on_step: float | None
    stuck: bool
    finished: bool
    joined: bool = False  # the person has signed in since the session began
    last_active: datetime | None = None
    help: tuple[str, ...] = ()  # why the person may need help (help_reasons)

    @property
    def flag(self) -> str:
        """One word on the seat for the trainer's eye."""
        if self.person is None:
            return "Empty"
        if self.finished:
            return "Finished"
        if self.stuck:
            return "May need help"
        return "Working" if self.joined else "Not signed in yet"

    @property
    def wrong_tries(self) -> int:
        """Times the check found the current step not yet done."""
        return self.run.failed.get(str(self.run.step_index), 0) if self.run else 0


@dataclass(frozen=True)
class Summary:
    """The room in one line: trainees' seats only, never the front of the room."""
    seats: int
    joined: int
    working: int
    need_help: int
    finished: int


def summary(views: list[SeatView]) -> Summary:
    trainees = [v for v in views if v.seat.number > 0]
    joined = [v for v in trainees if v.joined]
    return Summary(len(trainees), len(joined), sum(1 for v in joined if not v.finished),
                   sum(1 for v in joined if v.stuck), sum(1 for v in joined if v.finished))


def _last_seen(user_ids: list[int]) -> dict[int, datetime]:
    """When each person last did anything, signed in anywhere (written at most once a
    minute: sandbox.auth.session)."""
    if not user_ids:
        return {}
    return dict(db.session.execute(
        select(SignInSession.user_id, func.max(SignInSession.last_seen_at))
        .where(SignInSession.user_id.in_(user_ids)).group_by(SignInSession.user_id)).all())


def dashboard(session: TrainingSession) -> tuple[list[SeatView], list[tuple[str, int]]]:
    """Each seat's progress, and the steps whose checks failed most across the room."""
    scenario = runner.library().scenarios.get(session.scenario_key)
    steps = scenario.steps if scenario else ()
    now = utcnow()
    seats = seats_of(session)
    seen = _last_seen([s.user_id for s in seats if s.user_id])
    # Signed in since just before the session began (last seen is written once a minute).
    began = session.created_at - timedelta(minutes=1)
    views, failures = [], {}
    for seat in seats:
        person = db.session.get(User, seat.user_id) if seat.user_id else None
        run = _latest_run(session, seat.user_id) if person else None
        minutes = None
        title, done, finished = "Not started", 0, False
        last = seen.get(seat.user_id)
        joined = seat.number == 0 or (last is not None and last >= began)
        if run is not None:
            done = run.step_index
            finished = run.finished_at is not None
            title = "Finished" if finished else steps[run.step_index].title
            if not finished and joined:
                minutes = (now - run.step_started_at).total_seconds() / 60
            if joined:
                last = max(last or run.step_started_at, run.step_started_at)
            for index, count in run.failed.items():
                if int(index) < len(steps) and seat.number > 0:
                    failures[steps[int(index)].title] = failures.get(
                        steps[int(index)].title, 0) + count
        views.append(SeatView(seat, person, db.session.get(Tenant, seat.tenant_id)
                              if seat.tenant_id else None, run, title, done, minutes, False,
                              finished, joined, last if joined else None))
    # Stuck: far longer on the same step than the rest of the room.
    # Or several tries at it not yet right: help_reasons is the one rule (floor walkers too).
    for v in views:
        if v.run is None or v.finished or v.seat.number == 0:
            continue
        others = [o.minutes_on_step for o in views if o is not v and o.run and o.run.step_index
                  >= v.run.step_index and o.seat.number > 0 and o.minutes_on_step is not None]
        typical = statistics.median(others) if others else 0
        v.help = help_reasons(v.minutes_on_step, typical, v.wrong_tries)
        v.stuck = bool(v.help)
    ranked = sorted(failures.items(), key=lambda kv: -kv[1])[:5]
    return views, ranked


def help_reasons(minutes_on_step: float | None, typical_minutes: float,
                 wrong_tries: int) -> tuple[str, ...]:
    """Why someone may need help, in the words the room shows: far longer on their step
    than the rest of the room (at least STUCK_MINUTES), or several tries at it that the
    check found not yet done. The one rule for the trainer's room and floor walkers."""
    reasons = []
    if minutes_on_step is not None and minutes_on_step >= STUCK_MINUTES \
            and minutes_on_step > 2 * typical_minutes:
        reasons.append(f"{minutes_on_step:.0f} minutes on this step")
    if wrong_tries >= WRONG_TRIES:
        reasons.append(f"{wrong_tries} tries not yet right")
    return tuple(reasons)


def record_failure(run: ScenarioRun) -> None:
    with transaction():
        failed = run.failed
        failed[str(run.step_index)] = failed.get(str(run.step_index), 0) + 1
        run.failed_json = json.dumps(failed)


def results(session: TrainingSession) -> tuple[list[str], list[dict]]:
    """Who completed what, for the results export: one row per attempt (a reset or a
    restart begins a new one; earlier ones are kept), with each step: "done", "done
    before the point" for steps a saved point counted, and the checks that found it not
    yet done. Returns the step columns and the rows."""
    scenario = runner.library().scenarios.get(session.scenario_key)
    steps = scenario.steps if scenario else ()
    columns = [f"step {n}: {step.title}" for n, step in enumerate(steps, 1)]
    rows = []
    for seat in seats_of(session):
        if seat.number == 0 or seat.user_id is None:
            continue
        person = db.session.get(User, seat.user_id)
        runs = db.session.scalars(select(ScenarioRun).where(
            ScenarioRun.session_id == session.id, ScenarioRun.user_id == person.id)
            .order_by(ScenarioRun.id)).all()
        for number, run in enumerate(runs, 1):
            failed, counted = run.failed, {c["step"]: c for c in run.completed}
            row = {"username": person.username, "name": person.full_name, "seat": seat.number,
                   "attempt": number, "scenario": scenario.title if scenario else
                   session.scenario_key, "form_version": session.form_version,
                   "started_at": run.started_at.isoformat(timespec="minutes"),
                   "steps_done": run.step_index, "steps_total": len(steps),
                   "passed_first_time": sum(1 for i in counted if not failed.get(str(i))
                                            and counted[i].get("done_at")),
                   "completed": "yes" if run.finished_at else "no",
                   "finished_at": run.finished_at.isoformat(timespec="minutes")
                   if run.finished_at else ""}
            for index, column in enumerate(columns):
                done = counted.get(index)
                state = "" if done is None else "done" if done.get("done_at") else \
                    "done before the point"
                tries = failed.get(str(index), 0)
                if tries:
                    state = f"{state}, {tries} not yet" if state else f"{tries} not yet"
                row[column] = state
            rows.append(row)
    return columns, rows


def reflections(session: TrainingSession) -> list[Reflection]:
    return db.session.scalars(select(Reflection).where(Reflection.session_id == session.id)
                              .order_by(Reflection.id)).all()


def tenant_groups(user: User, tenant_ids: list[int]) -> list[dict]:
    """The training copies of each session, as groups for the list of training copies:
    the sessions `user` runs first, running before ended, newest first."""
    seats = db.session.execute(select(Seat.session_id, Seat.tenant_id).where(
        Seat.tenant_id.in_(tenant_ids)).order_by(Seat.number)).all()
    copies: dict[int, list[int]] = {}
    for session_id, tenant_id in seats:
        copies.setdefault(session_id, []).append(tenant_id)
    found = db.session.scalars(select(TrainingSession).where(
        TrainingSession.id.in_(list(copies)))).all()
    found.sort(key=lambda s: (s.trainer_id != user.id, s.ended_at is not None,
                              -s.created_at.timestamp()))
    return [{"session_id": s.id, "title": s.name, "mine": s.trainer_id == user.id,
             "ended": s.ended_at, "may_run": may_run(user, s), "tenant_ids": copies[s.id]}
            for s in found]


def may_run(user: User, session: TrainingSession) -> bool:
    """Whether `user` may run `session`: the trainer who made it, or an administrator."""
    return user.can("run_any_session") or (user.can("run_sessions")
                                            and session.trainer_id == user.id)


def all_sessions() -> list[TrainingSession]:
    return db.session.scalars(select(TrainingSession)
                              .order_by(TrainingSession.created_at.desc())).all()


def remove_ended(_app, now: datetime) -> list[str]:
    """The tenants of sessions that ended more than SESSION_KEEP_DAYS ago are removed, with
    the sessions' start and saved points (run by `tenant prune`: sandbox.core.signals)."""
    removed = []
    ended = db.session.scalars(select(TrainingSession).where(
        TrainingSession.keep_until.is_not(None), TrainingSession.keep_until <= now)).all()
    for session in ended:
        for seat in db.session.scalars(select(Seat).where(Seat.session_id == session.id,
                                                          Seat.tenant_id.is_not(None))):
            tenant = db.session.get(Tenant, seat.tenant_id)
            removed.append(tenant.name)
            service.delete(tenant)
        source = db.session.scalar(select(Tenant).where(
            Tenant.name == preparing.source_name(session)))
        if source is not None:  # its seats were never all prepared
            service.remove(source)
        for snapshot in snapshots(session):
            if not service.snapshot_in_use(snapshot):
                with transaction():
                    db.session.delete(snapshot)
    return removed
