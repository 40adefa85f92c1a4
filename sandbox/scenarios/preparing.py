"""A room's seats prepared in the background, so the room is ready before the trainer asks.

A new session is made with the front of the room, its start (a snapshot), a hidden copy of
that start (sandbox.tenants.service.create_source) and a seat row for each trainee, not
yet with a training copy. After the response, one worker claims the preparing (one
conditional UPDATE: of workers claiming at once, on either database, exactly one matches)
and copies the hidden start into the seats a batch at a time, each batch committed, so the
room page can show how far it has got and trainees can take each seat as soon as it has
its copy. A worker stopped halfway leaves its claim to go stale; the next one (the
trainer's room page, the trainer's start, `flask session prepare`) carries on from the
seats still without a copy.
"""

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import func, or_, select, update

from sandbox.auth.models import User
from sandbox.core.clock import utcnow
from sandbox.core.deferred import after_response
from sandbox.core.extensions import db
from sandbox.core.transactions import transaction
from sandbox.scenarios.models import Seat, TrainingSession
from sandbox.tenants import service
from sandbox.tenants.models import Snapshot, Tenant

BATCH = 10  # seats copied in one statement per table, and committed together
# A claim not carried on for this long: its worker stopped (each batch renews it, and a
# batch takes seconds, so two minutes is long enough and short enough to wait for).
STALE = timedelta(minutes=2)


def source_name(session: TrainingSession) -> str:
    return f"~room-{session.slug}"


def progress(session: TrainingSession) -> tuple[int, int]:
    """(trainee seats with their training copy, trainee seats)."""
    ready, total = db.session.execute(
        select(func.count(Seat.tenant_id), func.count(Seat.id))
        .where(Seat.session_id == session.id, Seat.number > 0)).one()
    return ready, total


def carry_on(session: TrainingSession) -> tuple[int, int]:
    """The room's progress, as `progress`. Seats still waiting are prepared after this
    response, by this worker if no other is at them: the trainer's room page, refreshing
    itself, so takes over from a worker that stopped halfway once its claim is stale."""
    ready, total = progress(session)
    if ready < total and session.ended_at is None:
        after_response(prepare, session.id)
    return ready, total


def claim(session_id: int) -> bool:
    """Whether this worker is the one to prepare the session's seats now."""
    now = utcnow()
    with transaction():
        done = db.session.execute(
            update(TrainingSession).where(
                TrainingSession.id == session_id,
                or_(TrainingSession.seats_claimed_at.is_(None),
                    TrainingSession.seats_claimed_at < now - STALE))
            .values(seats_claimed_at=now).execution_options(synchronize_session=False))
    return done.rowcount == 1


def prepare(session_id: int, shown: Callable[[int, int], None] | None = None) -> bool:
    """Give every trainee seat of the session its training copy, if this worker claims the
    work; `shown(ready, total)` after each batch. Returns whether it did the work."""
    if not claim(session_id):
        return False
    session = db.session.get(TrainingSession, session_id)
    source = db.session.scalar(select(Tenant).where(Tenant.name == source_name(session)))
    trainer = db.session.get(User, session.trainer_id) if session.trainer_id else None
    while source is not None:
        with transaction():
            waiting = db.session.scalars(select(Seat).where(
                Seat.session_id == session.id, Seat.number > 0, Seat.tenant_id.is_(None))
                .order_by(Seat.number).limit(BATCH)).all()
            if not waiting:
                break
            made = service.create_copies(
                [f"{session.slug}-seat-{seat.number}" for seat in waiting], source,
                db.session.get(Snapshot, session.start_snapshot_id),
                by=trainer.username if trainer else None, system=True)
            for seat, tenant in zip(waiting, made, strict=True):
                seat.tenant_id = tenant.id
            session.seats_claimed_at = utcnow()  # still at work: the claim holds
        if shown:
            shown(*progress(session))
    if source is not None:
        service.remove(source)
    db.session.commit()
    return True
