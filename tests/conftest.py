"""Fixtures: a fresh app and database for every test, on SQLite and (when
TEST_DATABASE_URL is set) on PostgreSQL."""

import os
import re

import pytest

from sandbox import create_app
from sandbox.config import _normalise_database_url
from sandbox.extensions import db
from tests import factories
from tests.pages import Web

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def database_url(backend: str, tmp_path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return _normalise_database_url(os.environ["TEST_DATABASE_URL"])


@pytest.fixture(params=BACKENDS)
def app(request, tmp_path):
    app = create_app("test", SQLALCHEMY_DATABASE_URI=database_url(request.param, tmp_path))
    with app.app_context():
        db.drop_all()
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()
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
