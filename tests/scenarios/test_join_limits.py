"""Join codes cannot be guessed: wrong codes are limited per person and per address, by
the same counters as sign-in, and recorded in the audit log (issue 13, finding 15)."""

import pytest
from sqlalchemy import select

from sandbox.audit.models import AuditEvent
from sandbox.core.extensions import db
from tests import factories
from tests.pages import Web, isolated
from tests.together import together


@pytest.fixture
def room(make):
    # The room's scenario starts from a case on a plan: the tenant has one, as a
    # session's own seats do.
    return factories.room_session(make.tenant(must_have={"stage": "cp_plan"}))  # ABCDEF


def _audited(action: str) -> list[AuditEvent]:
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def test_wrong_codes_are_limited_per_person_and_recorded(app, make, room):
    guesser = Web(app).sign_in(make.user("trainee", username="gus"))
    for n in range(10):
        page = guesser.post("/join", {"code": f"WRONG{n}"}, status=400).get_data(as_text=True)
        assert "No running session has that code" in page
    page = guesser.post("/join", {"code": "ABCDEF"}, status=429).get_data(as_text=True)
    assert "too many wrong codes" in page and "ask your trainer" in page
    assert len(_audited("join_code_refused")) == 10
    assert [(e.actor, e.detail) for e in _audited("join_blocked")] == [("gus",
                                                                         "Wrong join codes")]
    # Someone else in the room, on the same network, joins as usual.
    Web(app).sign_in(make.user("trainee", username="ann")).post("/join", {"code": "abcdef"})
    assert [(e.actor, e.target) for e in _audited("session_joined")] == [("ann", "Room")]


def test_parallel_wrong_codes_are_checked_no_more_than_the_limit(app, make, room):
    gus = make.user("trainee", username="gus")
    browsers = [Web(app).sign_in(gus) for _ in range(14)]

    def work(n, ready):
        web = browsers[n]
        token = web.token()
        ready()
        return isolated(web.client.post, "/join", data={"csrf_token": token,
                                                        "code": f"GUESS{n}"}).status_code

    assert sorted(together(14, work)) == [400] * 10 + [429] * 4
    assert len(_audited("join_code_refused")) == 10


def test_wrong_codes_from_one_address_are_limited(app, make, room):
    app.config["JOIN_CODE_ADDRESS_LIMIT"] = 3
    for name in ("amy", "ben", "cat"):
        Web(app).sign_in(make.user("trainee", username=name)).post(
            "/join", {"code": "NOPE00"}, status=400)
    dan = Web(app).sign_in(make.user("trainee", username="dan"))
    page = dan.post("/join", {"code": "ABCDEF"}, status=429).get_data(as_text=True)
    assert "too many wrong codes from this network" in page
    dan.post("/join", {"code": "ABCDEF"}, environ_base={"REMOTE_ADDR": "203.0.113.4"})


def test_a_trainer_lets_a_trainee_try_codes_again(app, web, make, room):
    app.config["JOIN_CODE_LIMIT"] = 2
    gus = Web(app).sign_in(make.user("trainee", username="gus"))
    for _ in range(2):
        gus.post("/join", {"code": "NOPE00"}, status=400)
    gus.post("/join", {"code": "ABCDEF"}, status=429)
    web.sign_in(make.user("trainer"))
    assert "Wrong join codes" in web.get("/lockouts").get_data(as_text=True)
    web.post("/lockouts/clear", {"account": "gus"})
    gus.post("/join", {"code": "ABCDEF"})
