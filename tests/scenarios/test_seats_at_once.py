"""Exactly one person per seat, however many join at the same moment (SQLite ignores
SELECT ... FOR UPDATE, so only a conditional UPDATE or a unique constraint holds)."""

import pytest
from sqlalchemy import func, select

from sandbox.auth.models import User
from sandbox.core.extensions import db
from sandbox.scenarios import sessions
from sandbox.scenarios.models import ScenarioRun, Seat
from tests.concurrency import at_once, posting
from tests.pages import Web
from tests.scenarios.test_sessions import create_session

FULL = "Every seat in this session is taken"


@pytest.fixture
def trainer(web, make):
    return web.sign_in(make.user("trainer"))


def _small_session(trainer, seats):
    return create_session(trainer, seats=str(seats), scenario="navigation-basics",
                          families="2")


def _joining(app, user, code):
    """A signed-in browser about to send the join form: the call that sends it."""
    return posting(Web(app).sign_in(user), "/join", {"code": code})


def test_more_joiners_than_seats_each_seat_has_one_person(app, trainer, make):
    session = _small_session(trainer, 6)
    people = [make.user("trainee", username=f"joiner{n}") for n in range(8)]
    answers = at_once([_joining(app, p, session.join_code) for p in people])
    assert sorted(a.status_code for a in answers) == [302] * 6 + [400] * 2
    assert all(FULL in a.get_data(as_text=True) for a in answers if a.status_code == 400)
    db.session.expire_all()
    seated = [s.user_id for s in sessions.seats_of(session) if s.number > 0]
    assert None not in seated and len(set(seated)) == 6
    tenants = db.session.scalars(select(User.tenant_id).where(
        User.username.startswith("joiner"), User.tenant_id.is_not(None))).all()
    assert len(tenants) == len(set(tenants)) == 6  # nobody shares anyone's training copy


def test_one_person_joining_twice_at_once_has_one_seat(app, trainer, make):
    session = _small_session(trainer, 3)
    ann = make.user("trainee", username="ann")
    answers = at_once([_joining(app, ann, session.join_code) for _ in range(4)])
    assert [a.status_code for a in answers] == [302] * 4
    db.session.expire_all()
    assert [s.number for s in sessions.seats_of(session) if s.user_id == ann.id] == [1]
    assert db.session.scalar(select(func.count()).select_from(ScenarioRun).where(
        ScenarioRun.user_id == ann.id, ScenarioRun.active.is_(True))) == 1


def test_a_seat_given_by_the_trainer_as_someone_joins_goes_to_one_of_them(app, trainer,
                                                                          make):
    session = _small_session(trainer, 2)
    ann, bob = make.user("trainee", username="ann"), make.user("trainee", username="bob")
    give = posting(trainer, f"/sessions/{session.id}/seats/1/assign", {"user": str(ann.id)})
    answers = at_once([give, _joining(app, bob, session.join_code)])
    assert [a.status_code for a in answers] == [302, 302]
    db.session.expire_all()
    first = db.session.scalar(select(Seat).where(Seat.session_id == session.id,
                                                 Seat.number == 1))
    assert first.user_id in (ann.id, bob.id)
    given = {u.id: u.tenant_id for u in db.session.scalars(select(User).where(
        User.id.in_([ann.id, bob.id]), User.tenant_id.is_not(None)))}
    assert len(set(given.values())) == len(given)  # never the same seat
    assert bob.id in given  # the room had a second seat for whoever lost the first
    if ann.id not in given:
        room = trainer.get(answers[0].location).get_data(as_text=True)
        assert "That seat is not free" in room
