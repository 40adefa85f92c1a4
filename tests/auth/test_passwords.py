"""New passwords must not be easy to guess, wherever they are set, and people change their
own (issue 13, finding 13)."""

import pytest
from sqlalchemy import select

from sandbox.audit.models import AuditEvent
from sandbox.auth.models import User
from sandbox.core.extensions import db
from sandbox.demo import DEMO_USERS
from tests.factories import PASSWORD
from tests.pages import Web

WEAK = ["aaaaaaaaaa", " " * 10, "password12", "qwertyuiop", "1234567890", "Summer2026!",
        "Summer2026!!", "Winter2025##"]
STRONG = "lantern-orchard-pebble"


@pytest.mark.parametrize("weak", WEAK)
def test_an_administrator_cannot_give_an_easy_password(web, make, weak):
    web.sign_in(make.user("administrator"))
    page = web.post("/admin/users/new", {"username": "newbie", "full_name": "New Person",
                                         "role": "trainee", "tenant": "", "password": weak},
                    status=400).get_data(as_text=True)
    assert "Choose a password that is harder to guess" in page
    assert db.session.scalar(select(User).where(User.username == "newbie")) is None


def test_a_password_made_of_the_persons_name_is_refused(web, make):
    web.sign_in(make.user("administrator"))
    # Strong for a stranger, easy for anyone who knows whose account it is.
    page = web.post("/admin/users/new", {"username": "oyelaran", "full_name": "Bisi Oyelaran",
                                         "role": "trainee", "tenant": "",
                                         "password": "bisioyelaran"},
                    status=400).get_data(as_text=True)
    assert "harder to guess" in page


@pytest.mark.parametrize("password", ["JaneSmith2026", "jsmith-password", "smithjane2026"])
def test_a_password_made_of_the_persons_name_with_a_year_or_word_is_refused(web, make,
                                                                            password):
    web.sign_in(make.user("administrator"))
    page = web.post("/admin/users/new", {"username": "jsmith", "full_name": "Jane Smith",
                                         "role": "trainee", "tenant": "",
                                         "password": password},
                    status=400).get_data(as_text=True)
    assert "harder to guess" in page and "not your name or username" in page


def test_an_administrator_cannot_set_an_easy_password_on_the_edit_page(web, make):
    trainee = make.user("trainee")
    web.sign_in(make.user("administrator"))
    web.post(f"/admin/users/{trainee.id}", {"full_name": "T", "role": "trainee", "tenant": "",
                                            "active": "y", "password": "password12"},
             status=400)
    web.post(f"/admin/users/{trainee.id}", {"full_name": "T", "role": "trainee", "tenant": "",
                                            "active": "y", "password": STRONG})


def test_the_command_line_refuses_an_easy_password_in_one_line(cli, assert_one_line):
    out = cli("create-user", "newbie", "--name", "New", "--role", "trainer",
              "--password", "password12", code=1)
    assert_one_line(out)
    assert "harder to guess" in out
    cli("create-user", "newbie", "--name", "New", "--role", "trainer", "--password", STRONG)


def test_the_demo_passwords_pass_the_check(cli):
    cli("demo-data")
    assert {u.username for u in db.session.scalars(select(User))} >= {u[0] for u in DEMO_USERS}


def test_people_change_their_own_password(app, make):
    user = make.user("trainee", username="tia")
    here, elsewhere = Web(app).sign_in(user), Web(app).sign_in(user)
    page = here.get("/account").get_data(as_text=True)
    assert 'href="/account/password"' in page and "Change your password" in page
    form = here.get("/account/password").get_data(as_text=True)
    assert "signed out on every other device" in form

    def change(current, new, confirm=None, status=302):
        return here.post("/account/password", {"current": current, "new": new,
                                               "confirm": confirm or new},
                         status=status).get_data(as_text=True)

    assert "Your current password is not right" in change("not-my-password", STRONG,
                                                          status=400)
    assert "harder to guess" in change(PASSWORD, "password12", status=400)
    assert "are not the same" in change(PASSWORD, STRONG, "lantern-orchard-pebbles",
                                        status=400)
    change(PASSWORD, STRONG)
    assert "Your password has been changed" in here.get("/account").get_data(as_text=True)
    assert elsewhere.get("/", status=302).location.startswith("/sign-in")
    Web(app).post("/sign-in", {"username": "tia", "password": PASSWORD}, status=400)
    Web(app).post("/sign-in", {"username": "tia", "password": STRONG})
    events = db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor == "tia")).all()
    assert "password_changed" in events and "password_change_refused" in events
