"""App processes keep no state of their own: two processes on one PostgreSQL database
see each other's changes at once, and a person signed in through one is signed in on
the other (as behind a load balancer)."""

import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.servers import ROOT, free_port, gunicorn, own_postgres_database

BIN = Path(sys.executable).parent
NAME = "sandbox_two_processes_test"
LAST_RESET = re.compile(r"Last reset\s*</dt>\s*<dd[^>]*>\s*([^<]+)")
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')

pytestmark = pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"),
                                reason="needs PostgreSQL (TEST_DATABASE_URL)")


@pytest.fixture
def database():
    with own_postgres_database(NAME) as url:
        yield url


def _flask(env, *args):
    subprocess.run([str(BIN / "flask"), "--app", "sandbox", *args], cwd=ROOT, env=env,
                   check=True, capture_output=True)


def test_a_reset_through_one_process_is_seen_at_once_through_the_other(database, tmp_path):
    env = {**os.environ, "DATABASE_URL": database,
           "SECRET_KEY": "shared-by-every-process-of-this-test", "SANDBOX_ENV": "production"}
    _flask(env, "init-db")
    _flask(env, "create-user", "boss", "--name", "Bo Boss", "--role", "trainer",
           "--password", "two-processes-pass")
    _flask(env, "tenant", "create", "--name", "shared", "--families", "2")
    ports = [free_port(), free_port()]
    servers = [gunicorn(BIN, env, port, WEB_CONCURRENCY="1") for port in ports]
    one, two = (f"http://127.0.0.1:{port}" for port in ports)
    try:
        jar = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

        def get(url):
            return browser.open(url).read().decode()

        def post(url, data):
            page = get(url.rsplit("/", 1)[0] if url.endswith("/reset") else url)
            data = {"csrf_token": TOKEN.search(page).group(1), **data}
            return browser.open(url, urllib.parse.urlencode(data).encode()).read().decode()

        post(f"{one}/sign-in", {"username": "boss", "password": "two-processes-pass"})
        # Signed in through one process, the same cookie works on the other.
        before = get(f"{two}/tenants/shared")
        assert "Bo Boss" in before and "Last reset" in before
        last_reset = LAST_RESET.search(before).group(1)
        assert last_reset.strip() == "Never"
        post(f"{one}/tenants/shared/reset", {})
        after = get(f"{two}/tenants/shared")
        assert LAST_RESET.search(after).group(1).strip() \
            != "Never"
        # Reset again: the spare made after the first reset is swapped in through the
        # other process, and the first still finds the tenant by its name.
        post(f"{two}/tenants/shared/reset", {})
        assert "shared" in get(f"{one}/t/shared/")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
