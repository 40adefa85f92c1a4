"""Trainee accounts a trainer makes for a room, each given a seat of the session at once:
the room's people from a list or a CSV file (lasting accounts), or one-off seat logins
that work only on the session's day and stop when the session ends.

Passwords are made here, hashed at once like every other (User.set_password), and shown
only on the page of cards that follows; nothing keeps them. All or nothing: a bad line,
or a seat taken meanwhile, leaves no account and no seat given.
"""

import csv
import io
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sandbox.audit import log
from sandbox.auth.models import User
from sandbox.core.extensions import db
from sandbox.core.permissions import Role
from sandbox.core.transactions import transaction
from sandbox.scenarios import sessions
from sandbox.scenarios.models import Seat, TrainingSession

ENGLAND = ZoneInfo("Europe/London")
PASSWORD_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"  # nothing to misread on a card
EMAIL = re.compile(r"[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+")
MAX_SHOWN = 5  # problems listed, then how many more
TRIES = 3  # another trainer taking the same username or seat: start again this often


class PeopleProblems(sessions.SessionError):
    """A list of people that cannot be added as it is: every problem, by line."""

    def __init__(self, problems: list[str]):
        shown = problems[:MAX_SHOWN]
        if len(problems) > MAX_SHOWN:
            shown.append(f"and {len(problems) - MAX_SHOWN} more problems")
        super().__init__("; ".join(shown), "people")
        self.problems = shown


@dataclass(frozen=True)
class Person:
    line: int
    name: str
    email: str | None


@dataclass(frozen=True)
class Card:
    """What one person needs to sign in, printed once."""
    seat: int
    name: str
    username: str
    password: str


def read_people(text: str) -> list[Person]:
    """One person a line: a name, then an email if there is one (a comma or tab between;
    a CSV file's first line may be its headings). Raises PeopleProblems naming each bad
    line."""
    people, problems, emails = [], [], {}
    dialect = "excel-tab" if "\t" in text and "," not in text else "excel"
    for number, row in enumerate(csv.reader(io.StringIO(text), dialect), 1):
        cells = [c.strip() for c in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if number == 1 and cells[0].lower() in ("name", "full name", "full_name"):
            continue  # the headings of a spreadsheet's CSV
        name, email = cells[0], (cells[1].lower() if len(cells) > 1 else None)
        if len(cells) > 2:
            problems.append(f"Line {number}: give a name and an email only (found "
                            f"{len(cells)} parts; a name with a comma needs quotes)")
        elif not re.search(r"[^\W\d_]", name):
            problems.append(f"Line {number}: “{name[:40]}” is not a name: start the line "
                            "with the person's full name")
        elif len(name) > 120:
            problems.append(f"Line {number}: keep the name to 120 characters")
        elif email is not None and (len(email) > 254 or not EMAIL.fullmatch(email)):
            problems.append(f"Line {number}: “{email[:60]}” is not an email address, like "
                            "name@council.gov.uk")
        elif email in emails:
            problems.append(f"Line {number}: {email} is on line {emails[email]} too")
        else:
            if email:
                emails[email] = number
            people.append(Person(number, name, email))
    if not people and not problems:
        problems.append("Enter at least one person: a name on each line")
    if problems:
        raise PeopleProblems(problems)
    return people


def read_file(data: bytes) -> list[Person]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PeopleProblems(["The file is not text in UTF-8: save it from your spreadsheet "
                              "as “CSV UTF-8” and try again"]) from None
    return read_people(text)


def _password() -> str:
    return "-".join("".join(secrets.choice(PASSWORD_LETTERS) for _ in range(4))
                    for _ in range(3))


def _username_base(person: Person) -> str:
    source = person.email.split("@")[0] if person.email else person.name
    plain = unicodedata.normalize("NFKD", source).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", ".", plain).strip(".")[:50] or "trainee"


def _free_seats(session: TrainingSession) -> list[Seat]:
    return db.session.scalars(select(Seat).where(
        Seat.session_id == session.id, Seat.number > 0, Seat.user_id.is_(None),
        Seat.tenant_id.is_not(None)).order_by(Seat.number)).all()


def _give(seat: Seat, user: User) -> None:
    """The seat to `user`, only while it is still free (the statement that decides when
    someone joins); otherwise everything is undone and started again."""
    if sessions.take(_session_of(seat), seat.id, user) is None:
        raise _SeatTaken()


class _SeatTaken(Exception):
    """A seat went to someone else while accounts were being made: start again."""


def _session_of(seat: Seat) -> TrainingSession:
    return db.session.get(TrainingSession, seat.session_id)


def _again(make):
    """Run `make` in one transaction; if another request took a username or seat at the
    same moment, everything it did is undone and it starts again with what is free now."""
    for _ in range(TRIES):
        try:
            with transaction():
                return make()
        except (IntegrityError, _SeatTaken):
            db.session.rollback()
    raise sessions.SessionError("Others were giving out this session's seats at the same "
                                "moment. Nothing was added; try again.", "people")


def add_people(session: TrainingSession, people: list[Person], by: User) -> list[Card]:
    """Make a trainee account for each person and give each a free seat, in order."""
    _running(session)

    def make() -> list[Card]:
        free = _free_seats(session)
        if len(people) > len(free):
            raise PeopleProblems([f"This session has {len(free)} free seat"
                                  f"{'' if len(free) == 1 else 's'} and the list has "
                                  f"{len(people)} people: remove {len(people) - len(free)} "
                                  "or make a session with more seats"])
        known = dict(db.session.execute(select(User.email, User.username).where(
            User.email.in_([p.email for p in people if p.email]))).all())
        if known:
            raise PeopleProblems([f"Line {p.line}: {p.email} already has an account "
                                  f"({known[p.email]}); give them a seat from the room "
                                  "instead" for p in people if p.email in known])
        taken = set(db.session.scalars(select(User.username)))
        cards = []
        for person, seat in zip(people, free, strict=False):
            base = _username_base(person)
            username = base
            n = 1
            while username in taken:
                n += 1
                username = f"{base}{n}"
            taken.add(username)
            cards.append(_make(seat, username, person.name, person.email, None, None))
        log.record("room_people_added", session.name, f"{len(cards)} people", actor=by.username)
        return cards

    return _again(make)


def day_window(day: date) -> tuple[datetime, datetime]:
    """The session's day in England, from midnight to midnight, as the naive UTC times
    stored."""
    def utc(d: date) -> datetime:
        return datetime.combine(d, time(), ENGLAND).astimezone(UTC).replace(tzinfo=None)
    return utc(day), utc(day + timedelta(days=1))


def today() -> date:
    return datetime.now(ENGLAND).date()


def seat_logins(session: TrainingSession, day: date, by: User) -> list[Card]:
    """A one-off login for every free seat, working only on `day` (in England) and until
    the session ends. One per seat however many ask at once: its username is the seat's
    own, unique, and the seat is given by the conditional statement (`_give`)."""
    _running(session)
    if day < today():
        raise sessions.SessionError("The day has passed: choose today or a later day", "day")
    if day > today() + timedelta(days=90):
        raise sessions.SessionError("Choose a day within the next 90 days", "day")
    valid_from, valid_until = day_window(day)

    def make() -> list[Card]:
        free = _free_seats(session)
        if not free:
            raise sessions.SessionError("Every seat already has a person or a seat login, so "
                                        "there are none to print. Someone may have printed "
                                        "them a moment ago.", "day")
        cards = [_make(seat, f"s{session.id}-seat{seat.number}", f"Seat {seat.number}", None,
                       valid_from, valid_until) for seat in free]
        log.record("seat_logins_made", session.name, f"{len(cards)} seats, for {day}",
                   actor=by.username)
        return cards

    return _again(make)


def _make(seat: Seat, username: str, name: str, email: str | None,
          valid_from: datetime | None, valid_until: datetime | None) -> Card:
    password = _password()
    user = User(username=username, full_name=name, role=Role.TRAINEE.value, email=email,
                valid_from=valid_from, valid_until=valid_until)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()  # a username made at the same moment elsewhere: IntegrityError
    _give(seat, user)
    return Card(seat.number, name, username, password)


def _running(session: TrainingSession) -> None:
    if session.ended_at is not None:
        raise sessions.SessionError("This session has ended", "people")
