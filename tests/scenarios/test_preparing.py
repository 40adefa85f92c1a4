"""A room prepared before the trainer asks: seats copied in the background, progress on
the room page and from the command line, a stopped worker's seats carried on by the
next, and exactly one worker at it however many ask at once."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from sandbox.core.clock import utcnow
from sandbox.core.extensions import db
from sandbox.scenarios import preparing, sessions
from sandbox.scenarios.models import TrainingSession
from sandbox.tenants import integrity, service
from sandbox.tenants.models import Tenant
from tests.concurrency import at_once, posting
from tests.pages import Web


@pytest.fixture
def trainer(web, make):
    return web.sign_in(make.user("trainer"))


def _new(trainer, status=302, **extra):
    trainer.post("/sessions/new", {"name": "Thursday", "scenario": "navigation-basics",
                                   "form_version": "streamlined", "seats": "3", "seed": "5",
                                   "families": "2", **extra}, status=status)
    return db.session.scalars(select(TrainingSession)).one()


def _stop_after(monkeypatch, batches: int):
    """The worker preparing seats stops after copying `batches` seats (as a process
    ended halfway would): each batch is one seat here."""
    monkeypatch.setattr(preparing, "BATCH", 1)
    copy, done = service.create_copies, []

    def copies(*args, **kwargs):
        if len(done) >= batches:
            raise RuntimeError("the worker was stopped here")
        done.append(1)
        return copy(*args, **kwargs)

    monkeypatch.setattr(service, "create_copies", copies)
    return lambda: monkeypatch.setattr(service, "create_copies", copy)


def _stale(session):
    with db.engine.begin() as connection:
        connection.execute(update(TrainingSession).where(TrainingSession.id == session.id)
                           .values(seats_claimed_at=utcnow() - timedelta(minutes=11)))


def _tenants() -> list[str]:
    db.session.expire_all()
    return sorted(db.session.scalars(select(Tenant.name)).all())


def test_a_session_set_up_for_later_is_ready_and_opens_when_started(app, trainer, make):
    session = _new(trainer, later="y")
    page = trainer.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "set up for later" in page and "All 3 seats are ready" in page
    assert 'http-equiv="refresh"' not in page  # nothing left to wait for
    assert not any(name.startswith("~room-") for name in _tenants())
    trainee = Web(app).sign_in(make.user("trainee", username="ann"))
    refused = trainee.post("/join", {"code": session.join_code}, status=400)
    assert "No running session has that code" in refused.get_data(as_text=True)
    trainer.post(f"/sessions/{session.id}/start")
    trainee.post("/join", {"code": session.join_code})
    db.session.expire_all()
    assert [s.user_id is not None for s in sessions.seats_of(session)] == \
        [True, True, False, False]
    assert "Start the session" not in trainer.get(f"/sessions/{session.id}").get_data(
        as_text=True)
    assert integrity.stray_links() == []


def test_progress_shows_and_the_next_worker_carries_on_where_one_stopped(
        app, trainer, cli, monkeypatch):
    carry_on = _stop_after(monkeypatch, 1)
    session = _new(trainer, status=500, later="y")  # here the work runs in the request
    carry_on()
    page = trainer.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "Preparing the seats: 1 of 3 ready" in page and 'http-equiv="refresh"' in page
    assert 'value="1"' in page.split("<progress", 1)[1].split(">", 1)[0]
    # The claim is still fresh: another worker is taken to be at it.
    assert "Another worker is preparing" in cli("session", "prepare", str(session.id))
    _stale(session)
    out = cli("session", "prepare", str(session.id))
    assert out.splitlines() == ["Seats ready: 1 of 3", "Seats ready: 2 of 3",
                                "Seats ready: 3 of 3", "The room is ready."]
    names = _tenants()
    assert [n for n in names if n.startswith("~room-")] == []
    assert len([n for n in names if "-seat-" in n]) == 3
    assert integrity.stray_links() == []
    assert "No training session 999" in cli("session", "prepare", "999", code=1)


def test_exactly_one_worker_prepares_the_seats_however_many_start_at_once(
        app, trainer, make, monkeypatch):
    carry_on = _stop_after(monkeypatch, 0)
    session = _new(trainer, status=500, later="y")
    carry_on()
    _stale(session)
    # Four browsers of the trainer start the session at the same moment: each request
    # then tries to claim the preparing of the seats (a copy made twice would clash on
    # its name, a 500).
    starts = [posting(trainer, f"/sessions/{session.id}/start") for _ in range(4)]
    answers = at_once(starts)
    assert [a.status_code for a in answers] == [302] * 4
    db.session.expire_all()
    assert preparing.progress(session) == (3, 3)
    assert db.session.scalar(select(func.count(Tenant.id)).where(
        Tenant.name.like(f"{session.slug}-seat-%"))) == 3
    assert db.session.get(TrainingSession, session.id).started_at is not None
