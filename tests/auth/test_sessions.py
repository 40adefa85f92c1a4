"""Sessions are kept on the server: signing out (here or everywhere), a new password and
deactivation end them whatever a copied cookie says, and they end after an idle time and
an absolute lifetime however busy they are (issue 13, finding 5)."""

from datetime import timedelta

from sqlalchemy import event, select, update

from sandbox.audit.models import AuditEvent
from sandbox.auth.models import SignInSession
from sandbox.core.clock import utcnow
from sandbox.core.extensions import db
from tests.factories import PASSWORD
from tests.pages import Web


def _copy_of(web: Web, app) -> Web:
    """Another browser holding a copy of `web`'s session cookie."""
    thief = Web(app)
    thief.client.set_cookie("session", web.client.get_cookie("session").value)
    return thief


def _signed_out(web: Web) -> bool:
    return web.get("/", status=302).location.startswith("/sign-in")


def test_a_copied_cookie_is_worth_nothing_after_signing_out(app, web, make):
    web.sign_in(make.user("trainer"))
    thief = _copy_of(web, app)
    assert thief.get("/").status_code == 200  # a copy works while the session is open
    web.sign_out()
    assert _signed_out(thief)
    ended = db.session.scalars(select(SignInSession)).one()
    assert ended.ended_at is not None and ended.ended_why == "signed out"


def test_a_session_ends_after_its_absolute_lifetime_however_busy(app, web, make):
    web.sign_in(make.user("trainer"))
    assert web.get("/").status_code == 200
    # Signed in 12 hours and a minute ago, and used a moment ago.
    db.session.execute(update(SignInSession).values(
        created_at=utcnow() - timedelta(hours=12, minutes=1), last_seen_at=utcnow()))
    db.session.commit()
    assert _signed_out(web)
    assert db.session.scalars(select(SignInSession.ended_why)).one() == "too long"


def test_a_session_ends_after_the_idle_time(app, web, make):
    web.sign_in(make.user("trainer"))
    db.session.execute(update(SignInSession).values(
        last_seen_at=utcnow() - timedelta(minutes=61)))
    db.session.commit()
    assert _signed_out(web)


def test_last_seen_is_written_at_most_once_a_minute(app, web, make):
    web.sign_in(make.user("trainer"))
    writes = []

    def count(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("UPDATE SIGN_IN_SESSIONS"):
            writes.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        for _ in range(5):
            web.get("/")
        assert writes == []
        db.session.execute(update(SignInSession).values(
            last_seen_at=utcnow() - timedelta(minutes=2)))
        db.session.commit()
        writes.clear()
        web.get("/")
        web.get("/")
        assert len(writes) == 1
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_signing_out_everywhere_ends_every_session(app, make):
    user = make.user("trainee")
    laptop, phone = Web(app).sign_in(user), Web(app).sign_in(user)
    page = laptop.get("/account").get_data(as_text=True)
    assert "Sign out everywhere" in page and "This device" in page
    assert page.count("govuk-table__row") == 3  # a header and two sessions
    laptop.post("/sign-out-everywhere")
    assert _signed_out(laptop) and _signed_out(phone)
    assert db.session.scalar(select(AuditEvent.detail).where(
        AuditEvent.action == "sign_out_everywhere")) == "2 session(s) ended"


def test_deactivating_someone_ends_their_sessions(app, web, make):
    trainee = make.user("trainee")
    theirs = Web(app).sign_in(trainee)
    web.sign_in(make.user("administrator"))
    web.post(f"/admin/users/{trainee.id}", {"full_name": "Test trainee", "role": "trainee",
                                            "tenant": ""})
    assert _signed_out(theirs)
    assert db.session.scalars(select(SignInSession.ended_why).where(
        SignInSession.user_id == trainee.id)).one() == "account deactivated"


def test_an_administrator_setting_a_password_ends_the_persons_sessions(app, web, make):
    trainee = make.user("trainee")
    theirs = Web(app).sign_in(trainee)
    web.sign_in(make.user("administrator"))
    web.post(f"/admin/users/{trainee.id}", {"full_name": "Test trainee", "role": "trainee",
                                            "tenant": "", "active": "y",
                                            "password": "lantern-orchard-pebble"})
    assert _signed_out(theirs)
    assert web.get("/").status_code == 200  # the administrator is still signed in


def test_a_session_records_where_it_was_started(app, web, make):
    web.client.environ_base["HTTP_USER_AGENT"] = "Mozilla/5.0 (training room PC)"
    web.sign_in(make.user("trainer"))
    page = web.get("/account").get_data(as_text=True)
    assert "127.0.0.1" in page and "training room PC" in page
    assert PASSWORD not in page
