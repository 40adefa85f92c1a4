"""A training room behind one address (a council network) against the served app: rooms
of 30, one after another, each person mistyping their password and the join code up to
twice, all get in; and a trainer can see and clear the waits of their room and its
network, an administrator anyone's, each cleared wait recorded."""

from sqlalchemy import select

from sandbox.audit.models import AuditEvent
from sandbox.auth.models import User
from sandbox.core import limits
from sandbox.core.clock import utcnow
from sandbox.core.extensions import db
from sandbox.core.limits import LimitCounter
from sandbox.scenarios.models import Seat, TrainingSession
from tests import factories
from tests.factories import PASSWORD
from tests.together import together

ROOM = 30


def _room(served, name: str, code: str, trainer: str, seats: int = ROOM) -> list[str]:
    """A session of `seats` seats run by `trainer`, and as many trainees for it."""
    with served.context():
        boss = factories.user("trainer", username=trainer)
        session = TrainingSession(name=f"Room {name}", slug=f"room-{name}",
                                  scenario_key="navigation-basics", form_version="streamlined",
                                  join_code=code, trainer_id=boss.id)
        db.session.add(session)
        db.session.flush()
        for n in range(1, seats + 1):
            # A family on a plan, as a session of the navigation scenario makes.
            tenant = factories.tenant(f"{name}-seat-{n}", must_have={"stage": "cp_plan"})
            db.session.add(Seat(session_id=session.id, number=n, tenant_id=tenant.id))
        db.session.commit()
        people = [f"{name}-person-{n}" for n in range(seats)]
        for username in people:
            factories.user("trainee", username=username)
    return people


def _sign_in_and_join(served, people: list[str], code: str) -> list[tuple]:
    def work(n, ready):
        with served.client() as browser:
            token = browser.token()
            ready()
            signed = [browser.post("/sign-in", data={"csrf_token": token,
                                                     "username": people[n], "password": p})
                      .status_code for p in ("pasword", "passwrod", PASSWORD)]
            joined = [browser.send_form("/join", {"code": c}, token_from="/join").status_code
                      for c in (code[::-1], code[1:], code)]
            return signed, joined

    return together(len(people), work)


def test_rooms_of_thirty_behind_one_address_all_get_in_despite_typos(served):
    for name, code in (("am", "AMROOM"), ("pm", "PMROOM")):
        people = _room(served, name, code, f"{name}-trainer")
        answers = _sign_in_and_join(served, people, code)
        assert [signed for signed, _joined in answers] == [[400, 400, 302]] * ROOM, name
        assert [joined for _signed, joined in answers] == [[400, 400, 302]] * ROOM, name
        with served.context():
            seated = db.session.scalars(select(Seat.user_id).join(TrainingSession).where(
                TrainingSession.join_code == code, Seat.user_id.is_not(None))).all()
            assert len(set(seated)) == ROOM


def _full(kind: str, key: str, account: str = "") -> None:
    """A limit reached, as after that many wrong attempts."""
    limit = limits.KINDS[kind]
    db.session.merge(LimitCounter(kind=kind, key=key, window_end=limit.window_end(utcnow()),
                                  count=limit.allowed, account=account))


def _cleared_by(served, actor: str) -> list[str]:
    with served.context():
        return [e.target for e in db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "lockout_cleared", AuditEvent.actor == actor)
            .order_by(AuditEvent.id))]


def test_a_trainer_sees_and_clears_the_waits_of_their_room_and_its_network(served):
    waiting = _room(served, "lk", "LKROOM", "lk-trainer", seats=2)[0]
    elsewhere = _room(served, "ot", "OTROOM", "ot-trainer", seats=1)[0]
    with served.client() as trainer, served.client() as admin:
        trainer.sign_in("lk-trainer")
        with served.context():
            factories.user("administrator", username="lk-admin")
        admin.sign_in("lk-admin")
        with served.context():
            # Someone seated in another trainer's room is held up, from elsewhere.
            other = db.session.scalar(select(User).where(
                User.username == elsewhere))
            db.session.execute(Seat.__table__.update().where(
                Seat.session_id == select(TrainingSession.id).where(
                    TrainingSession.join_code == "OTROOM").scalar_subquery())
                .values(user_id=other.id))
            _full("sign_in", f"{elsewhere} 203.0.113.9", elsewhere)
            _full("sign_in_address", "203.0.113.9")
            # This room's network (this machine's address) and one of its trainees.
            _full("sign_in_address", "127.0.0.1")
            _full("join_code_address", "127.0.0.1")
            _full("join_code", waiting, waiting)
            db.session.commit()
        page = trainer.get("/lockouts").text
        assert f"({waiting})" in page and f"({elsewhere})" not in page
        assert page.count("<td class=\"govuk-table__cell\">127.0.0.1</td>") == 2
        assert "Wrong join codes from one network" in page and "203.0.113.9" not in page
        assert "the network you are using now (127.0.0.1)" in page
        assert "Wrong join codes" in page
        refused = [trainer.send_form("/lockouts/clear", data, token_from="/lockouts")
                   .status_code for data in ({"address": "203.0.113.9"},
                                             {"account": elsewhere})]
        assert refused == [403, 403]
        for data in ({"address": "127.0.0.1"}, {"account": waiting}):
            assert trainer.send_form("/lockouts/clear", data, token_from="/lockouts") \
                .status_code == 302
        assert "<td class=\"govuk-table__cell\">127.0.0.1</td>" not in trainer.get("/lockouts").text
        everything = admin.get("/lockouts").text
        assert "203.0.113.9" in everything and f"({elsewhere})" in everything
        assert admin.send_form("/lockouts/clear", {"address": "203.0.113.9"},
                               token_from="/lockouts").status_code == 302
    with served.client() as trainee:
        assert trainee.sign_in(waiting).status_code == 302
        assert trainee.send_form("/join", {"code": "LKROOM"}, token_from="/join") \
            .status_code == 302
    assert _cleared_by(served, "lk-trainer") == ["127.0.0.1", waiting]
    assert _cleared_by(served, "lk-admin") == ["203.0.113.9"]
