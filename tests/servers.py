"""Helpers for tests and benchmarks that need a database or a server of their own."""

import os
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from sandbox.core.config import _normalise_database_url

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def own_postgres_database(name: str):
    """The URL of a new, empty PostgreSQL database beside TEST_DATABASE_URL's, dropped
    afterwards: never the shared test schema. Its name carries the test database's, so two
    runs against one server (two checkouts on one machine) never share it."""
    server = _normalise_database_url(os.environ["TEST_DATABASE_URL"])
    name = f"{name}_{server.rsplit('/', 1)[1].split('?')[0]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield server.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn(bin_dir: Path, env: dict, port: int, **settings) -> subprocess.Popen:
    """gunicorn with the project's config on 127.0.0.1:`port`, answering once /healthz does."""
    server = subprocess.Popen(
        [str(bin_dir / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "sandbox:create_app()"],
        cwd=ROOT, env={**env, "PORT": str(port), "HOST": "127.0.0.1",
                       "ACCESS_LOG": "/dev/null", **settings}, stderr=subprocess.DEVNULL)
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError(f"gunicorn on port {port} did not start")
