"""Fixtures: a fresh app and database for every test, on SQLite and (when
TEST_DATABASE_URL is set) on PostgreSQL."""

import os
import re

import pytest
from sqlalchemy import create_engine, text

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


_schema_built: set[str] = set()


def _empty_every_table() -> None:
    names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    db.session.commit()


@pytest.fixture(params=BACKENDS)
def app(request, tmp_path):
    """A new app on an empty database. SQLite gets a new file; PostgreSQL keeps its schema
    for the whole run and has every table emptied after each test, which is much faster
    than dropping and creating them."""
    backend = request.param
    app = create_app("test", SQLALCHEMY_DATABASE_URI=database_url(backend, tmp_path))
    with app.app_context():
        if backend not in _schema_built:
            schema.drop_everything()  # with any migration version left by an earlier run
            db.create_all()
            if backend != "sqlite":
                _schema_built.add(backend)
        try:
            yield app
        finally:
            db.session.remove()
            if backend == "sqlite":
                db.drop_all()
            else:
                _empty_every_table()
            db.engine.dispose()


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
