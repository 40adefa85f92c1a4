"""The hooks gunicorn.conf.py gives each worker: a memory limit, a watchdog that ends a
worker whose request has run past WEB_TIMEOUT, and recycling every WEB_MAX_REQUESTS; and
the README's settings table names every setting the file reads. The probes in
tests/probe/test_worker_bounds.py check the same against a running gunicorn."""

import re
import runpy
import subprocess
import sys

from tests.servers import ROOT

CONF = ROOT / "gunicorn.conf.py"


def settings(monkeypatch, **env) -> dict:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_workers_are_recycled_with_jitter_as_the_readme_says(monkeypatch):
    conf = settings(monkeypatch)
    assert (conf["max_requests"], conf["max_requests_jitter"]) == (2000, 200)
    assert conf["worker_class"].__name__ == "ReadingWorker"  # gthread, reading ahead
    assert "recycles each process every ~2,000 requests" in " ".join(
        (ROOT / "README.md").read_text().split())
    never = settings(monkeypatch, WEB_MAX_REQUESTS="0")
    assert (never["max_requests"], never["max_requests_jitter"]) == (0, 0)


def test_the_readme_settings_table_names_every_setting_gunicorn_reads():
    read = set(re.findall(r"os\.environ\.get\(['\"](\w+)", CONF.read_text()))
    table = {name for line in (ROOT / "README.md").read_text().splitlines()
             if line.startswith("| `") for name in re.findall(r"`(\w+)`", line.split("|")[1])}
    assert read and read <= table, read - table


class Log:
    def __init__(self):
        self.lines = []

    def error(self, message, *args):
        self.lines.append(message % args)


def test_the_watchdog_ends_the_worker_when_a_request_runs_too_long(monkeypatch):
    conf = settings(monkeypatch)
    now, ended, log = [100.0], [], Log()
    dog = conf["Watchdog"](60, log, clock=lambda: now[0], end=ended.append)
    dog.started("POST /tenants/new")
    now[0] += 59
    dog.check()
    assert ended == [] and dog.overdue() is None
    now[0] += 2
    dog.check()
    assert ended == [1]
    assert "POST /tenants/new has run for 61 s" in log.lines[0]
    dog.finished()
    ended.clear()
    now[0] += 600
    dog.check()
    assert ended == []  # a finished request is no longer watched


def test_the_memory_limit_makes_a_larger_allocation_fail():
    script = (f"import resource, runpy; conf = runpy.run_path({str(CONF)!r}); "
              "conf['limit_memory'](700)\n"
              "print(resource.getrlimit(resource.RLIMIT_AS)[0] // 2**20)\n"
              "try:\n    bytearray(800 * 2**20)\nexcept MemoryError:\n    print('refused')\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["700", "refused"]
