"""Fixtures: a fresh app and database for every test, on SQLite and (when
TEST_DATABASE_URL is set) on PostgreSQL."""

import os
import pickle
import re
import shutil

import pytest
from flask import Flask
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine

import seed
from sandbox import create_app
from sandbox.core import schema
from sandbox.core.config import _normalise_database_url
from sandbox.core.extensions import db
from tests import factories
from tests.pages import Web


def _database_of_this_worker() -> None:
    """Under pytest-xdist each worker process gets a PostgreSQL database of its own beside
    TEST_DATABASE_URL's (made if missing), since every test empties the tables it used."""
    url, worker = os.environ.get("TEST_DATABASE_URL"), os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker or os.environ.get("SANDBOX_TEST_WORKER_DB") == worker:
        return
    server, name = _normalise_database_url(url).rsplit("/", 1)
    own = f"{name.split('?')[0]}_{worker}"
    engine = create_engine(f"{server}/{name}", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": own}):
            connection.execute(text(f'CREATE DATABASE "{own}"'))
    engine.dispose()
    os.environ["TEST_DATABASE_URL"] = f"{server}/{own}"
    os.environ["SANDBOX_TEST_WORKER_DB"] = worker


_database_of_this_worker()
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def database_url(backend: str, tmp_path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return _normalise_database_url(os.environ["TEST_DATABASE_URL"])


def empty_database() -> None:
    """Every table emptied, sequences started again at 1. DELETE rather than TRUNCATE: a
    test leaves few rows, and TRUNCATE makes each of PostgreSQL's tables' files anew (about
    0.5 s a test, against 0.1 s). Foreign keys are not checked meanwhile (PostgreSQL's
    replica role; SQLite's deferred until the commit, when nothing is left to point at)."""
    sqlite = db.engine.dialect.name == "sqlite"
    db.session.execute(text("PRAGMA defer_foreign_keys = ON" if sqlite
                            else "SET LOCAL session_replication_role = replica"))
    for table in db.metadata.sorted_tables:
        db.session.execute(text(f'DELETE FROM "{table.name}"'))
    if not sqlite:
        db.session.execute(text("SELECT setval(oid, 1, false) FROM pg_class WHERE relkind = 'S' "
                                "AND relnamespace = current_schema()::regnamespace"))
    elif db.session.scalar(text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")):
        db.session.execute(text("DELETE FROM sqlite_sequence"))
    db.session.commit()


@event.listens_for(Engine, "connect")
def _no_waiting_for_the_disk(dbapi_connection, _record):
    """A test's database needs no durability against a power cut: commits do not wait for
    the disk (on either database; locking and isolation are untouched)."""
    cursor = dbapi_connection.cursor()
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor.execute("PRAGMA synchronous=OFF")
    else:
        cursor.execute("SET synchronous_commit = off")
        dbapi_connection.commit()  # a SET inside a transaction is undone by its rollback
    cursor.close()


@pytest.fixture(scope="session", autouse=True)
def generate_each_world_once():
    """Generating is pure (a seed and size always give the same families) and tests make
    their tenants from a handful of seeds and sizes, so each world is generated once per
    worker and every tenant gets a fresh copy of it. tests/seed imports the generator
    itself, so it still tests the real thing, uncached."""
    made: dict[bytes, bytes] = {}
    generate = seed.generate

    def generate_once(*args, shown=None, **kwargs):
        if shown is not None:  # its progress is what is looked at: generated for real
            return generate(*args, shown=shown, **kwargs)
        key = pickle.dumps((args, sorted(kwargs.items())))
        if key not in made:
            made[key] = pickle.dumps(generate(*args, shown=shown, **kwargs))
        return pickle.loads(made[key])

    seed.generate = generate_once
    yield
    seed.generate = generate


@pytest.fixture(scope="session")
def empty_sqlite(tmp_path_factory):
    """An SQLite file holding the empty schema, made once per worker: each test starts
    from a copy of it, far faster than creating the tables again."""
    path = tmp_path_factory.mktemp("schema") / "empty.db"
    app = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}")
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    return path


_apps: dict[str, Flask] = {}


@pytest.fixture(params=BACKENDS)
def app(request, tmp_path_factory, empty_sqlite):
    """The app on an empty database. One app per database is made per worker and kept:
    making one compiles every route again (about 0.15 s), and tests share nothing through
    it, since its settings are put back after each test and everything else it holds is
    read from files. SQLite starts each test from a new copy of the empty schema;
    PostgreSQL keeps its schema for the whole run and has every table emptied after each
    test."""
    backend = request.param
    if backend == "sqlite":
        folder = tmp_path_factory.getbasetemp() / "database"
        folder.mkdir(exist_ok=True)
        for left in folder.glob("test.db*"):
            left.unlink()  # a connection a test left open keeps the old file, not this one
        shutil.copyfile(empty_sqlite, folder / "test.db")
    if backend not in _apps:
        where = tmp_path_factory.getbasetemp() / "database"
        _apps[backend] = create_app("test", SQLALCHEMY_DATABASE_URI=database_url(backend, where))
        if backend != "sqlite":
            with _apps[backend].app_context():
                schema.drop_everything()  # with any migration version left by an earlier run
                db.create_all()
    app = _apps[backend]
    settings = dict(app.config)
    with app.app_context():
        try:
            yield app
        finally:
            db.session.remove()
            if backend != "sqlite":
                empty_database()
            db.engine.dispose()
            app.config.clear()
            app.config.update(settings)


@pytest.fixture
def fresh_database(app):
    """Empty the test's database part-way through, to build a world again."""
    return empty_database


@pytest.fixture
def web(app):
    return Web(app)


@pytest.fixture
def make(app):
    """The factories, bound to the test's app: make.user(role="trainee")."""
    return factories


def one_line(text: str) -> bool:
    return len(text.strip().splitlines()) == 1 and "Traceback" not in text


@pytest.fixture
def assert_one_line():
    def check(text):
        assert one_line(text), f"expected one line, got: {text!r}"
        assert re.search(r"\w", text)

    return check


@pytest.fixture
def cli(app):
    """Run a `flask --app sandbox` command; check its exit code and that no traceback shows."""
    runner = app.test_cli_runner()

    def run(*args, code=0):
        result = runner.invoke(args=list(args))
        assert result.exit_code == code, (args, result.output, result.exception)
        assert "Traceback" not in result.output
        return result.output

    return run
