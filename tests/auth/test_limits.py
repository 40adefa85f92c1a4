"""Sign-in limits hold under parallel attempts, never lock the real person out, and let a
training room behind one address sign in together (issue 13, finding 7)."""

from datetime import timedelta

from sqlalchemy import select, update

from sandbox import create_app
from sandbox.audit.models import AuditEvent
from sandbox.core.clock import utcnow
from sandbox.core.extensions import db
from sandbox.core.limits import LimitCounter
from tests.factories import PASSWORD
from tests.pages import Web, isolated
from tests.together import together

ELSEWHERE = "203.0.113.9"  # an address of the documentation range, never on a network


def _try(web: Web, username: str, password: str, status: int, **kw):
    return web.post("/sign-in", {"username": username, "password": password}, status=status,
                    **kw).get_data(as_text=True)


def _from(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def _audited(action: str) -> list[AuditEvent]:
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def _sign_in_at_once(app, attempts: list[tuple[str, list[str]]]) -> list[list[int]]:
    """Each (username, passwords) a browser of its own; all start together."""

    def work(n, ready):
        username, passwords = attempts[n]
        web = Web(app)
        token = web.token()
        ready()
        return [isolated(web.client.post, "/sign-in", data={
            "csrf_token": token, "username": username, "password": password}).status_code
            for password in passwords]

    return together(len(attempts), work)


def test_parallel_wrong_passwords_are_checked_no_more_than_the_limit(app, make):
    make.user("trainer", username="tom")
    answers = [a for (a,) in _sign_in_at_once(app, [("tom", ["wrong-guess"])] * 16)]
    assert sorted(answers) == [400] * 5 + [429] * 11
    assert len(_audited("sign_in_failed")) == 5


def test_a_room_of_thirty_behind_one_address_all_sign_in_together(app, make):
    """The 9:30 rush: everyone signs in at once from the council's one address, a third
    of them with one typo and a third with two."""
    people = [make.user("trainee", username=f"seat{n}").username for n in range(30)]
    typos = [["typo-one", "typo-two"][: n % 3] for n in range(30)]
    answers = _sign_in_at_once(app, [(name, [*typo, PASSWORD])
                                     for name, typo in zip(people, typos, strict=True)])
    assert [a[-1] for a in answers] == [302] * 30, answers
    assert len(_audited("sign_in")) == 30 and len(_audited("sign_in_failed")) == 30


def test_wrong_passwords_from_elsewhere_do_not_lock_the_owner_out(app, make):
    make.user("administrator", username="ada")
    attacker = Web(app)
    for _ in range(5):
        _try(attacker, "ada", "guessing", 400, **_from(ELSEWHERE))
    refused = _try(attacker, "ada", PASSWORD, 429, **_from(ELSEWHERE))
    assert "wrong password for this account too many times" in refused
    assert "ask your trainer or an administrator" in refused
    _try(Web(app), "ada", PASSWORD, 302)  # the real Ada, at her desk


def test_guessing_from_many_places_pauses_the_account_except_on_known_devices(app, make):
    app.config["SIGN_IN_ACCOUNT_LIMIT"] = 6
    make.user("trainer", username="tess")
    laptop = Web(app)
    _try(laptop, "tess", PASSWORD, 302)
    laptop.sign_out()
    for n in range(6):
        _try(Web(app), "tess", "guessing", 400, **_from(f"203.0.113.{n + 1}"))
    stranger = _try(Web(app), "tess", PASSWORD, 429, **_from("203.0.113.50"))
    assert "paused except on devices it has signed in from before" in stranger
    _try(laptop, "tess", PASSWORD, 302)  # Tess's own laptop still gets in


def test_signing_in_forgets_ones_own_typos(app, web, make):
    make.user("trainee", username="tia")
    for _ in range(2):
        for _ in range(4):
            _try(web, "tia", "fat-fingers", 400)
        _try(web, "tia", PASSWORD, 302)
        web.sign_out()


def test_a_wait_ends_when_its_window_does(app, web, make):
    make.user("trainee", username="tia")
    for _ in range(5):
        _try(web, "tia", "fat-fingers", 400)
    refused = _try(web, "tia", PASSWORD, 429)
    assert "Wait " in refused and " minute" in refused
    db.session.execute(update(LimitCounter).values(window_end=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    _try(web, "tia", PASSWORD, 302)


def test_forwarded_for_is_ignored_unless_proxies_are_trusted(app, make):
    make.user("trainee", username="tia")
    spoofer = Web(app)
    for n in range(5):
        _try(spoofer, "tia", "guessing", 400,
             headers={"X-Forwarded-For": f"198.51.100.{n}"})
    _try(spoofer, "tia", PASSWORD, 429, headers={"X-Forwarded-For": "198.51.100.99"})
    assert {e.address for e in _audited("sign_in_failed")} == {"127.0.0.1"}


def test_behind_a_trusted_proxy_each_client_is_counted_by_its_own_address(app, make):
    make.user("trainee", username="tia")
    behind = create_app("test", TRUSTED_PROXIES=1,
                        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])
    try:
        proxy = Web(behind)
        for _ in range(5):
            _try(proxy, "tia", "guessing", 400, headers={"X-Forwarded-For": "198.51.100.1"})
        _try(proxy, "tia", PASSWORD, 429, headers={"X-Forwarded-For": "198.51.100.1"})
        # Tia, behind the same proxy at another address, is not held up.
        _try(Web(behind), "tia", PASSWORD, 302, headers={"X-Forwarded-For": "198.51.100.2"})
    finally:
        with behind.app_context():
            db.engine.dispose()
    assert [e.address for e in _audited("sign_in")] == ["198.51.100.2"]


def _lock(app, username: str, address: str = ELSEWHERE) -> None:
    web = Web(app)
    for _ in range(5):
        _try(web, username, "guessing", 400, **_from(address))


def test_a_trainer_sees_and_clears_a_trainees_lockout(app, web, make):
    make.user("trainee", username="tia")
    make.user("administrator", username="ada")
    _lock(app, "tia")
    _lock(app, "ada")
    web.sign_in(make.user("trainer", username="tess"))
    page = web.get("/lockouts").get_data(as_text=True)
    assert "Test trainee (tia)" in page and "(ada)" not in page
    assert "Wrong passwords from one place" in page
    web.post("/lockouts/clear", {"account": "ada"}, status=403)
    web.post("/lockouts/clear", {"account": "tia"})
    assert "can try again now" in web.get("/lockouts").get_data(as_text=True)
    _try(Web(app), "tia", PASSWORD, 302, **_from(ELSEWHERE))
    _try(Web(app), "ada", PASSWORD, 429, **_from(ELSEWHERE))
    cleared = _audited("lockout_cleared")
    assert [(e.actor, e.target) for e in cleared] == [("tess", "tia")]


def test_an_administrator_sees_and_clears_anyone_and_networks(app, web, make):
    app.config["SIGN_IN_ADDRESS_LIMIT"] = 3
    make.user("administrator", username="ada")
    guesser = Web(app)
    for name in ("alan", "bea", "cy"):
        _try(guesser, name, "guessing", 400, **_from(ELSEWHERE))
    _try(guesser, "ada", PASSWORD, 429, **_from(ELSEWHERE))
    web.sign_in(make.user("administrator", username="root"))
    page = web.get("/lockouts").get_data(as_text=True)
    assert ELSEWHERE in page and "Wrong passwords from one network" in page
    web.post("/lockouts/clear", {"address": ELSEWHERE})
    _try(Web(app), "ada", PASSWORD, 302, **_from(ELSEWHERE))
    web.post("/lockouts/clear", {}, status=400)
