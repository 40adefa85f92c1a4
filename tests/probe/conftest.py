"""The app as it is deployed, for probes that repeat an assurance team's checks.

`served` is gunicorn with the project's `gunicorn.conf.py` (several processes of several
threads, production settings) on a database of its own, SQLite and (when
TEST_DATABASE_URL is set) PostgreSQL, one server per test module. Probes talk to it over
real HTTP with `served.client()`; they set up people and tenants, and look at what was
stored, through `served.app`, an app on the same database inside the test process. A probe
module may set SERVED_SETTINGS, environment variables of its own server (WEB_TIMEOUT=5).

A module of probes of the server itself (slow clients, bodies, a worker's bounds), whose
database plays no part, sets SERVER_ONLY: it runs once, on PostgreSQL as deployed when
TEST_DATABASE_URL is set, else on SQLite. Every probe of what is stored (exactly one claim,
submission, reset; sessions; drafts) runs on both.
"""

import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from sandbox import create_app
from sandbox.core import schema
from sandbox.core.extensions import db
from tests.conftest import BACKENDS
from tests.factories import PASSWORD
from tests.servers import free_port, gunicorn, own_postgres_database

BIN = Path(sys.executable).parent
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
SECRET = "probe-secret-key-long-enough-for-production-use"


class Client(httpx.Client):
    """A browser-like client: keeps cookies, sends the page's CSRF token, follows nothing."""

    def token(self, path: str = "/sign-in") -> str:
        return TOKEN.search(self.get(path).text).group(1)

    def send_form(self, path: str, data: dict | None = None, token_from: str | None = None,
                  **kw) -> httpx.Response:
        data = {"csrf_token": self.token(token_from or "/sign-in"), **(data or {})}
        return self.post(path, data=data, **kw)

    def sign_in(self, username: str, password: str = PASSWORD) -> httpx.Response:
        return self.send_form("/sign-in", {"username": username, "password": password})


class Served:
    def __init__(self, url: str, app, process=None):
        self.url = url
        self.app = app
        self.process = process  # gunicorn's master (its workers are its children)

    @property
    def pid(self) -> int:
        return self.process.pid

    def client(self, **kw) -> Client:
        return Client(base_url=self.url, follow_redirects=False, **{"timeout": 60, **kw})

    @contextmanager
    def context(self):
        """The test process's own app context on the server's database."""
        with self.app.app_context():
            try:
                yield
            finally:
                db.session.remove()


@contextmanager
def _database(backend: str, tmp_path: Path, name: str):
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'served.db'}"
    else:
        with own_postgres_database(name) as url:
            yield url


def pytest_generate_tests(metafunc):
    if "served" in metafunc.fixturenames:
        server_only = getattr(metafunc.module, "SERVER_ONLY", False)
        metafunc.parametrize("served", BACKENDS[-1:] if server_only else BACKENDS,
                             indirect=True, scope="module")


@pytest.fixture(scope="module")
def served(request, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("served")
    name = "sandbox_probe_" + re.sub(r"\W", "_", request.module.__name__.rsplit(".", 1)[-1])
    with _database(request.param, tmp_path, name) as url:
        app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
        with app.app_context():
            schema.bring_up_to_date()
            db.session.remove()
        env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": SECRET,
               "SANDBOX_ENV": "production", "SANDBOX_INSTANCE": str(tmp_path)}
        port = free_port()
        server = gunicorn(BIN, env, port, **{"WEB_CONCURRENCY": "3", "WEB_THREADS": "4",
                                             **getattr(request.module, "SERVED_SETTINGS", {})})
        try:
            yield Served(f"http://127.0.0.1:{port}", app, server)
        finally:
            server.terminate()
            server.wait(timeout=30)
            with app.app_context():
                db.engine.dispose()


def pytest_collection_modifyitems(items):
    # Under pytest-xdist (`--dist loadgroup`) a module's probes stay on one worker, so its
    # server starts once.
    for item in items:
        if item.nodeid.startswith("tests/probe/"):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
