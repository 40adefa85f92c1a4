"""The bounds gunicorn.conf.py puts on each worker hold in a real gunicorn (gthread): a
request that runs past WEB_TIMEOUT ends its worker and the master starts another, every
worker has its memory limit, and recycling workers every WEB_MAX_REQUESTS drops no
request. (tests/test_worker_limits.py tests the hooks themselves.)"""

import random
import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select

from sandbox.core.extensions import db
from sandbox.tenants.models import Tenant
from tests import factories

SERVER_ONLY = True  # a probe of the server: its database plays no part (conftest)

# A short timeout so that a genuinely heavy request (a tenant of 8,000 families takes
# about 25 s to make) outlasts it; gunicorn's own timeout is the same setting.
SERVED_SETTINGS = {"WEB_TIMEOUT": "5", "WEB_MAX_REQUESTS": "20", "WEB_MEMORY_MB": "1200",
                   "MAX_FAMILIES": "8000"}


def workers(master: int) -> set[int]:
    """The live processes whose parent is `master`."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def _three_workers(served) -> set[int]:
    for _ in range(100):
        found = workers(served.pid)
        if len(found) == 3:
            return found
        time.sleep(0.1)
    raise AssertionError(f"gunicorn has {len(found)} workers, not 3")


def _address_space_limit(pid: int) -> str | None:
    try:
        limits = Path(f"/proc/{pid}/limits").read_text()
    except OSError:
        return None  # the worker has ended (recycled) since it was listed
    return next(x for x in limits.splitlines() if x.startswith("Max address space"))


def test_every_worker_has_the_memory_limit(served):
    for pid in _three_workers(served):
        # A worker the master has just started (after another probe ended one) is given
        # its limit in post_fork, a moment after it appears: wait for it to finish starting.
        for _ in range(50):
            line = _address_space_limit(pid)
            if line is None or "unlimited" not in line.split()[3]:
                break
            time.sleep(0.1)
        assert line is None or line.split()[3] == str(1200 * 2**20), line


def test_a_request_past_the_timeout_ends_its_worker_and_another_starts(served):
    """Making a large copy answers at once and goes on after the response, still bound by
    the worker's timeout: past it, the worker ends, another takes its place, and the
    making page says the copy was not made (nothing half-made is kept)."""
    with served.context():
        factories.user("trainer")
    with served.client() as browser:
        browser.sign_in("trainer")
        before = _three_workers(served)
        started = time.monotonic()
        answer = browser.send_form("/tenants/new", {
            "name": "huge", "source": "generate", "seed": "1", "families": "8000",
            "form_version": "streamlined"}, token_from="/tenants/new", timeout=20)
        assert answer.status_code == 302, answer.status_code
        making = answer.headers["location"]
        assert "/tenants/making/" in making
        first = browser.get(making).text
        assert "Making the families" in first, first[first.find("<main"):][:1500]
        while not before - workers(served.pid):  # the worker making it was ended
            assert time.monotonic() - started < 15, "no worker was ended"
            time.sleep(0.2)
        assert len(_three_workers(served)) == 3  # and another took its place
        assert browser.get("/healthz").status_code == 200
        assert browser.get("/tenants/").status_code == 200  # still signed in
        # Not carried on for longer than the timeout: the page says it stopped.
        while "Making this copy stopped" not in (page := browser.get(making).text):
            assert "Making the families" in page or "saving them" in page
            assert time.monotonic() - started < 40, "the page never said it stopped"
            time.sleep(1)
        assert "nothing was kept" in page and "fewer families" in page
    with served.context():
        assert db.session.scalar(select(func.count(Tenant.id))) == 0  # nothing half-made


def test_recycling_workers_drops_no_request(served):
    before = _three_workers(served)
    failures, answered = [], []

    def browse():
        with served.client() as browser:  # keeps its connection alive between requests
            for _ in range(40):
                try:
                    answered.append(browser.get("/sign-in").status_code)
                except httpx.HTTPError as error:
                    failures.append(repr(error))
                time.sleep(random.choice([0, 0, 0, 0.02, 0.1, 0.5]))

    browsers = [threading.Thread(target=browse) for _ in range(3)]
    for b in browsers:
        b.start()
    for b in browsers:
        b.join()
    assert not failures and answered == [200] * 120, failures[:3]
    assert len(before - _three_workers(served)) >= 2  # workers were recycled meanwhile
