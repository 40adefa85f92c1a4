"""A trainer gives a room its sign-ins at once: the people from a list or a CSV file, or
one-off seat logins for the session's day, printed as cards with the passwords shown once."""

import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from sandbox.auth.models import User
from sandbox.auth.passwords import check_new_password
from sandbox.core.extensions import db
from sandbox.scenarios import accounts, sessions
from tests.concurrency import at_once, posting
from tests.pages import Web
from tests.scenarios.test_sessions import create_session

CARD = re.compile(r'<dt>Username</dt><dd class="app-card__secret">([^<]+)</dd>\s*'
                  r'<dt>Password</dt><dd class="app-card__secret">([^<]+)</dd>')


@pytest.fixture
def trainer(web, make):
    return web.sign_in(make.user("trainer"))


def _room(trainer, seats=4):
    return create_session(trainer, seats=str(seats), scenario="navigation-basics",
                          families="2")


def _day(when: date) -> dict:
    """The GOV.UK date input's three boxes, which share one name."""
    return {"logins-day": [str(when.day), str(when.month), str(when.year)]}


def _cards(response) -> list[tuple[str, str]]:
    return CARD.findall(response.get_data(as_text=True))


def test_a_pasted_list_becomes_accounts_with_seats_and_cards(app, trainer):
    session = _room(trainer)
    page = trainer.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert f"/sessions/{session.id}/people" in page
    assert "4 seats are free" in trainer.get(f"/sessions/{session.id}/people").get_data(
        as_text=True)
    printed = trainer.post(f"/sessions/{session.id}/people", {
        "people": "Priya Shah, priya.shah@council.gov.uk\n\nTomás O'Brien\nPriya Shah\n"},
        status=200)
    assert printed.headers["Cache-Control"] == "no-store"
    cards = _cards(printed)
    assert [u for u, _ in cards] == ["priya.shah", "tomas.o.brien", "priya.shah2"]
    html = printed.get_data(as_text=True)
    assert "Tomás O&#39;Brien · seat 2" in html and "/join" in html and session.name in html
    db.session.expire_all()
    seated = {s.number: s.user_id for s in sessions.seats_of(session)}
    for number, (username, password) in enumerate(cards, 1):
        person = db.session.scalar(select(User).where(User.username == username))
        assert person.role == "trainee" and seated[number] == person.id
        assert person.valid_until is None and password not in person.password_hash
        assert check_new_password(password, username, person.full_name) is None
    assert db.session.scalar(select(User.email).where(User.username == "priya.shah")) == \
        "priya.shah@council.gov.uk"
    # The card works: signing in leads to the seat's training copy, the join address too.
    priya = Web(app)
    priya.post("/sign-in", {"username": cards[0][0], "password": cards[0][1]})
    seat_tenant = priya.get("/join", status=302).location
    assert seat_tenant.endswith("-seat-1/")
    # The passwords are on that page only: the room does not show them.
    assert cards[0][1] not in trainer.get(f"/sessions/{session.id}").get_data(as_text=True)


def test_a_csv_file_with_headings_is_read_like_the_list(trainer):
    session = _room(trainer, seats=3)
    pasted = trainer.post(f"/sessions/{session.id}/people", {
        "people": "Cy Dee\tcy@council.gov.uk"}, status=200)  # copied from a spreadsheet
    assert [u for u, _ in _cards(pasted)] == ["cy"]
    data = "name,email\r\nAmy Lee,amy@council.gov.uk\r\nBen Ode,\r\n".encode("utf-8-sig")
    printed = trainer.post(f"/sessions/{session.id}/people", {
        "file": (io.BytesIO(data), "room.csv")}, status=200,
        content_type="multipart/form-data")
    assert [u for u, _ in _cards(printed)] == ["amy", "ben.ode"]
    # A seat login is for its own seat: never offered for another.
    trainer.post(f"/sessions/{session.id}/people", {"people": "Extra Person"}, status=400)
    later = _room(trainer, seats=1)
    trainer.post(f"/sessions/{later.id}/seat-logins", _day(accounts.today()), status=200)
    other = _room(trainer, seats=1)
    offered = trainer.get(f"/sessions/{other.id}/seats/1").get_data(as_text=True)
    assert f"s{later.id}-seat1" not in offered and "(amy)" in offered


@pytest.mark.parametrize(("sent", "said"), [
    ("Amy Lee, amy@council\nBen Ode", "Line 1: “amy@council” is not an email address"),
    ("Amy Lee\n12345", "Line 2: “12345” is not a name"),
    ("Amy Lee, a@b.uk, extra", "Line 1: give a name and an email only"),
    ("Amy Lee, a@b.uk\nAmy Two, A@b.uk", "Line 2: a@b.uk is on line 1 too"),
    ("A\nB\nC\nD\nE", "This session has 4 free seats and the list has 5 people"),
    ("   \n", "Enter at least one person"),
])
def test_a_bad_list_names_the_line_and_adds_nobody(trainer, sent, said):
    session = _room(trainer)
    before = db.session.scalar(select(func.count()).select_from(User))
    page = trainer.post(f"/sessions/{session.id}/people", {"people": sent}, status=400)
    html = page.get_data(as_text=True)
    assert said in html.replace("&#34;", '"') and "There is a problem" in html
    assert db.session.scalar(select(func.count()).select_from(User)) == before
    assert all(s.user_id is None for s in sessions.seats_of(session) if s.number)


def test_a_list_naming_someone_who_has_an_account_adds_nobody(trainer, make):
    session = _room(trainer)
    make.user("trainee", username="amy").email = "amy@council.gov.uk"
    db.session.commit()
    html = trainer.post(f"/sessions/{session.id}/people", {
        "people": "Ben Ode\nAmy Lee, amy@council.gov.uk"}, status=400).get_data(as_text=True)
    assert "Line 2: amy@council.gov.uk already has an account (amy)" in html
    assert db.session.scalar(select(func.count()).select_from(User).where(
        User.username == "ben.ode")) == 0


def test_a_file_that_is_not_text_is_refused(trainer):
    session = _room(trainer)
    html = trainer.post(f"/sessions/{session.id}/people", {
        "file": (io.BytesIO(b"\xff\xfe\x00bad"), "room.csv")}, status=400,
        content_type="multipart/form-data").get_data(as_text=True)
    assert "not text in UTF-8" in html


def test_seat_logins_work_on_their_day_only_and_stop_when_the_session_ends(app, trainer,
                                                                           make):
    session = _room(trainer, seats=3)
    seated = make.user("trainee", username="early")
    sessions.assign(session, sessions.seats_of(session)[1], seated)
    printed = trainer.post(f"/sessions/{session.id}/seat-logins", _day(accounts.today()),
                           status=200)
    cards = _cards(printed)
    assert [u for u, _ in cards] == [f"s{session.id}-seat2", f"s{session.id}-seat3"]
    assert "Works on" in printed.get_data(as_text=True)
    # Signed in with a card: straight to the seat.
    room = Web(app)
    room.post("/sign-in", {"username": cards[0][0], "password": cards[0][1]})
    assert room.get("/join", status=302).location.endswith("-seat-2/")
    # Ending the session ends the login, where it is signed in and for a new sign-in.
    trainer.post(f"/sessions/{session.id}/end", {"confirmed": "yes"})
    assert "/sign-in" in room.get("/", status=302).location
    again = Web(app)
    refused = again.post("/sign-in", {"username": cards[1][0], "password": cards[1][1]},
                         status=400)
    assert "Enter a correct username and password" in refused.get_data(as_text=True)
    # A login for a later day does not work today.
    later = _room(trainer, seats=1)
    (card,) = _cards(trainer.post(f"/sessions/{later.id}/seat-logins",
                                  _day(accounts.today() + timedelta(days=1)), status=200))
    Web(app).post("/sign-in", {"username": card[0], "password": card[1]}, status=400)


def test_seat_logins_for_a_day_gone_or_a_full_room_are_refused(trainer):
    session = _room(trainer, seats=1)
    past = trainer.post(f"/sessions/{session.id}/seat-logins",
                        _day(accounts.today() - timedelta(days=1)), status=400)
    assert "The day has passed" in past.get_data(as_text=True)
    nonsense = trainer.post(f"/sessions/{session.id}/seat-logins",
                            {"logins-day": ["31", "2", "2027"]}, status=400)
    assert "Enter a real date" in nonsense.get_data(as_text=True)
    trainer.post(f"/sessions/{session.id}/seat-logins", _day(accounts.today()), status=200)
    full = trainer.post(f"/sessions/{session.id}/seat-logins", _day(accounts.today()),
                        status=400)
    assert "Every seat already has a person or a seat login" in full.get_data(as_text=True)


def test_two_printing_at_once_make_one_login_per_seat(app, trainer, make):
    session = _room(trainer, seats=5)
    admin = Web(app).sign_in(make.user("administrator"))  # may run any session
    day = _day(accounts.today())
    answers = at_once([posting(trainer, f"/sessions/{session.id}/seat-logins", day),
                       posting(admin, f"/sessions/{session.id}/seat-logins", day),
                       posting(trainer, f"/sessions/{session.id}/seat-logins", day)])
    assert sorted(a.status_code for a in answers) == [200, 400, 400]
    printed = next(a for a in answers if a.status_code == 200)
    assert len(_cards(printed)) == 5
    db.session.expire_all()
    logins = db.session.scalars(select(User).where(
        User.username.startswith(f"s{session.id}-"))).all()
    assert len(logins) == 5
    assert sorted(s.user_id for s in sessions.seats_of(session) if s.number) == \
        sorted(u.id for u in logins)


def test_adding_people_while_others_join_gives_each_seat_one_person(app, trainer, make):
    session = _room(trainer, seats=3)
    joiners = [Web(app).sign_in(make.user("trainee", username=f"joiner{n}")) for n in
               range(2)]
    answers = at_once([posting(trainer, f"/sessions/{session.id}/people",
                               {"people": "Amy Lee\nBen Ode"}),
                       *(posting(j, "/join", {"code": session.join_code}) for j in joiners)])
    db.session.expire_all()
    seated = [s.user_id for s in sessions.seats_of(session) if s.number]
    assert len({u for u in seated if u}) == len([u for u in seated if u])
    made = db.session.scalar(select(func.count()).select_from(User).where(
        User.username.in_(["amy.lee", "ben.ode"])))
    # All or nothing: either both were added with seats, or neither.
    assert made in (0, 2)
    assert (answers[0].status_code == 200) == (made == 2)
    if made == 0:
        assert "free seat" in answers[0].get_data(as_text=True)
