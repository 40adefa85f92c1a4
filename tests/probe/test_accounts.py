"""Probes of sign-in, sessions, passwords, join codes and headers against the served app
(gunicorn, 3 processes of 4 threads), repeating the assurance team's checks of issue 13
(findings 5, 7, 12, 13, 15 and 16)."""

import os
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import httpx
from sqlalchemy import select, update

from sandbox.audit.models import AuditEvent
from sandbox.auth.models import SignInSession, User
from sandbox.core.clock import utcnow
from sandbox.core.extensions import db
from tests import factories
from tests.factories import PASSWORD
from tests.probe.conftest import SECRET, Client
from tests.servers import ROOT, free_port, gunicorn
from tests.together import together

BIN = Path(sys.executable).parent
OTHER_PLACE = "127.0.0.2"  # loopback too: a second address on this machine


def _person(served, role: str, username: str, **kw) -> None:
    with served.context():
        if db.session.scalar(select(User.id).where(User.username == username)) is None:
            factories.user(role, username=username, **kw)


def _from(served, address: str):
    return served.client(transport=httpx.HTTPTransport(local_address=address))


def _audited(served, action: str, actor: str | None = None) -> list[AuditEvent]:
    with served.context():
        statement = select(AuditEvent).where(AuditEvent.action == action)
        if actor is not None:
            statement = statement.where(AuditEvent.actor == actor)
        rows = db.session.scalars(statement).all()
        db.session.expunge_all()
        return rows


def _signed_in(browser) -> bool:
    return browser.get("/").status_code == 200


# Finding 5: sessions end on the server.

def test_a_cookie_replayed_after_signing_out_is_refused(served):
    _person(served, "trainer", "replay")
    with served.client() as browser, served.client() as thief:
        assert browser.sign_in("replay").status_code == 302
        thief.cookies.set("session", browser.cookies["session"])
        assert _signed_in(thief)
        browser.send_form("/sign-out", token_from="/")
        assert not _signed_in(thief)
        assert not _signed_in(browser)


def test_signing_out_everywhere_ends_the_other_browsers(served):
    _person(served, "trainee", "everywhere")
    with served.client() as laptop, served.client() as phone:
        laptop.sign_in("everywhere")
        phone.sign_in("everywhere")
        assert "Sign out everywhere" in laptop.get("/account").text
        assert laptop.send_form("/sign-out-everywhere", token_from="/account").status_code \
            == 302
        assert not _signed_in(phone) and not _signed_in(laptop)


def test_a_busy_session_ends_after_its_absolute_lifetime(served):
    _person(served, "trainer", "busy")
    with served.client() as browser:
        browser.sign_in("busy")
        assert _signed_in(browser)
        with served.context():
            db.session.execute(update(SignInSession).where(
                SignInSession.user_id == select(User.id).where(User.username == "busy")
                .scalar_subquery()).values(created_at=utcnow() - timedelta(hours=12, minutes=1),
                                           last_seen_at=utcnow()))
            db.session.commit()
        assert not _signed_in(browser)


# Finding 7: sign-in limits.

def _at_once(served, attempts: list[tuple[str, list[str]]]) -> list[list[int]]:
    def work(n, ready):
        username, passwords = attempts[n]
        with served.client() as browser:
            token = browser.token()
            ready()
            return [browser.post("/sign-in", data={"csrf_token": token, "username": username,
                                                   "password": p}).status_code
                    for p in passwords]

    return together(len(attempts), work)


def test_parallel_wrong_passwords_are_checked_no_more_than_the_limit(served):
    _person(served, "trainer", "fresh")
    answers = sorted(a for (a,) in _at_once(served, [("fresh", ["wrong-guess"])] * 12))
    assert answers == [400] * 5 + [429] * 7
    assert len(_audited(served, "sign_in_failed", "fresh")) == 5


def test_a_room_behind_one_address_signs_in_together(served):
    people = [f"room{n}" for n in range(12)]
    for name in people:
        _person(served, "trainee", name)
    answers = _at_once(served, [(name, ["typo-one", "typo-two"][: n % 3] + [PASSWORD])
                                for n, name in enumerate(people)])
    assert [a[-1] for a in answers] == [302] * 12, answers


def test_wrong_passwords_from_elsewhere_do_not_lock_the_owner_out(served):
    _person(served, "administrator", "owner")
    with _from(served, OTHER_PLACE) as attacker:
        for _ in range(5):
            assert attacker.sign_in("owner", "guessing").status_code == 400
        assert attacker.sign_in("owner", PASSWORD).status_code == 429
    with served.client() as owner:
        assert owner.sign_in("owner").status_code == 302
    assert {e.address for e in _audited(served, "sign_in_failed", "owner")} == {OTHER_PLACE}


def test_a_forged_forwarded_for_is_not_believed(served):
    _person(served, "trainee", "forged")
    answers = []
    with served.client() as spoofer:
        for n in range(6):  # a new address each time, as far as the header says
            spoofer.headers["X-Forwarded-For"] = f"198.51.100.{n}"
            answers.append(spoofer.sign_in("forged", "guessing").status_code)
    assert answers == [400] * 5 + [429]
    assert {e.address for e in _audited(served, "sign_in_failed", "forged")} == {"127.0.0.1"}


def test_behind_a_trusted_proxy_each_client_counts_by_its_own_address(served):
    """A second gunicorn on the same database, told it sits behind one proxy."""
    _person(served, "trainee", "proxied")
    port = free_port()
    env = {**os.environ, "DATABASE_URL": served.app.config["SQLALCHEMY_DATABASE_URI"],
           "SECRET_KEY": SECRET, "SANDBOX_ENV": "production", "TRUSTED_PROXIES": "1"}
    server = gunicorn(BIN, env, port, WEB_CONCURRENCY="1")
    try:
        def client(address):
            return Client(base_url=f"http://127.0.0.1:{port}", follow_redirects=False,
                          timeout=60, headers={"X-Forwarded-For": address})

        with client("198.51.100.1") as one:
            for _ in range(5):
                assert one.sign_in("proxied", "guessing").status_code == 400
            assert one.sign_in("proxied").status_code == 429
        with client("198.51.100.2") as two:  # the real trainee, elsewhere behind the proxy
            assert two.sign_in("proxied").status_code == 302
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert [e.address for e in _audited(served, "sign_in", "proxied")] == ["198.51.100.2"]


def test_a_trainer_clears_a_trainees_lockout(served):
    _person(served, "trainee", "locked")
    _person(served, "trainer", "clearer")
    with _from(served, OTHER_PLACE) as trainee:
        for _ in range(5):
            trainee.sign_in("locked", "fat-fingers")
        assert trainee.sign_in("locked").status_code == 429
        with served.client() as trainer:
            trainer.sign_in("clearer")
            assert "(locked)" in trainer.get("/lockouts").text
            trainer.send_form("/lockouts/clear", {"account": "locked"}, token_from="/lockouts")
        assert trainee.sign_in("locked").status_code == 302
    assert [e.target for e in _audited(served, "lockout_cleared", "clearer")] == ["locked"]


# Finding 12: the time taken does not tell a deactivated account.

def test_sign_in_time_does_not_tell_a_deactivated_account(served):
    """Relative times (medians of alternating tries), not a speed check: before the fix a
    deactivated account answered in a tenth of the time of a wrong password."""
    with served.context():
        served.app.config["PASSWORD_HASH_METHOD"] = "scrypt"  # as production hashes
        try:
            for name in ("timed-live", "timed-gone"):
                factories.user("trainer", username=name)
            db.session.execute(update(User).where(User.username == "timed-gone")
                               .values(active=False))
            db.session.commit()
        finally:
            served.app.config["PASSWORD_HASH_METHOD"] = "pbkdf2:sha256:1000"
    took = {"timed-live": [], "timed-gone": []}
    with served.client() as browser:
        token = browser.token()
        for _ in range(4):
            for name in took:
                started = time.perf_counter()
                answer = browser.post("/sign-in", data={"csrf_token": token, "username": name,
                                                        "password": "wrong" if name ==
                                                        "timed-live" else PASSWORD})
                took[name].append(time.perf_counter() - started)
                assert answer.status_code == 400
    live, gone = (statistics.median(took[n]) for n in ("timed-live", "timed-gone"))
    assert gone > 0.5 * live, (gone, live)


# Finding 13: passwords.

def test_easy_passwords_are_refused_and_people_change_their_own(served):
    _person(served, "administrator", "pw-admin")
    _person(served, "trainee", "pw-trainee")
    with served.client() as admin:
        admin.sign_in("pw-admin")
        for weak in ("aaaaaaaaaa", " " * 10, "password12"):
            answer = admin.send_form("/admin/users/new", {
                "username": "pw-new", "full_name": "New", "role": "trainee", "tenant": "",
                "password": weak}, token_from="/admin/users/new")
            assert answer.status_code == 400 and "harder to guess" in answer.text
    with served.client() as here, served.client() as elsewhere:
        here.sign_in("pw-trainee")
        elsewhere.sign_in("pw-trainee")
        changed = here.send_form("/account/password", {
            "current": PASSWORD, "new": "lantern-orchard-pebble",
            "confirm": "lantern-orchard-pebble"}, token_from="/account/password")
        assert changed.status_code == 302
        assert _signed_in(here) and not _signed_in(elsewhere)
    assert _audited(served, "password_changed", "pw-trainee")


# Finding 15: join codes.

def test_wrong_join_codes_are_limited_and_recorded(served):
    with served.context():
        factories.room_session(factories.tenant("probe-room"), slug="probe-room")
        factories.user("trainee", username="guesser")
    with served.client() as guesser:
        guesser.sign_in("guesser")
        answers = [guesser.send_form("/join", {"code": f"GUESS{n}"}, token_from="/join")
                   .status_code for n in range(11)]
        assert answers == [400] * 10 + [429]
        assert guesser.send_form("/join", {"code": "ABCDEF"}, token_from="/join") \
            .status_code == 429
    assert len(_audited(served, "join_code_refused", "guesser")) == 10
    assert len(_audited(served, "join_blocked", "guesser")) == 2


# Finding 16: headers, files, the secret key.

def test_every_response_has_a_permissions_policy_and_no_hsts_over_http(served):
    with served.client() as browser:
        for path in ("/sign-in", "/static/app.css", "/healthz", "/no-such-page"):
            answer = browser.get(path, headers={"X-Forwarded-Proto": "https"})
            assert "camera=()" in answer.headers["Permissions-Policy"], path
            # Plain HTTP, and no trusted proxy to say otherwise.
            assert "Strict-Transport-Security" not in answer.headers, path


def _gunicorn(env: dict, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "sandbox:create_app()"],
        cwd=ROOT, env={**env, "PORT": str(port), "HOST": "127.0.0.1", "ACCESS_LOG": "/dev/null",
                       "WEB_CONCURRENCY": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _clean_env(**extra) -> dict:
    return {**{k: v for k, v in os.environ.items()
               if k not in ("SECRET_KEY", "DATABASE_URL", "SANDBOX_ENV", "SANDBOX_INSTANCE")},
            **extra}


def test_gunicorn_will_not_start_in_production_with_a_short_secret_key(tmp_path):
    server = _gunicorn(_clean_env(SANDBOX_ENV="production", SECRET_KEY="changeme",
                                  SANDBOX_INSTANCE=str(tmp_path)), free_port())
    try:
        _out, err = server.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        raise AssertionError("gunicorn started with a short SECRET_KEY") from None
    assert server.returncode != 0
    assert err.strip().splitlines() == [
        "SECRET_KEY is too short: use at least 32 random characters, for example python3 -c "
        "'import secrets; print(secrets.token_hex(32))'"]


def test_a_served_install_keeps_its_key_and_database_to_its_owner(tmp_path):
    instance = tmp_path / "instance"
    port = free_port()
    server = _gunicorn(_clean_env(SANDBOX_ENV="production", SANDBOX_INSTANCE=str(instance)),
                       port)
    try:
        for _ in range(150):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise AssertionError("gunicorn did not start")
        assert oct((instance / "secret_key").stat().st_mode & 0o777) == "0o600"
        assert oct((instance / "sandbox.db").stat().st_mode & 0o777) == "0o600"
    finally:
        server.terminate()
        server.communicate(timeout=30)
