"""gunicorn settings (`gunicorn -c gunicorn.conf.py 'sandbox:create_app()'`).

App processes keep no state of their own (sessions and limits are in the database, the
cookies only name them), so any number of them, on any number of servers, can share one
PostgreSQL database behind a load balancer.

Each worker is bounded, so that one runaway request cannot take the server down. gunicorn's
own `timeout` only notices a worker that stops sending heartbeats, and a gthread worker
keeps sending them while one of its threads is stuck; so each worker has
- a memory limit (WEB_MEMORY_MB, its address space): an allocation past it fails in the
  request that asked for it (MemoryError) instead of the machine running out of memory;
- a watchdog thread: a request running longer than WEB_TIMEOUT seconds ends the worker,
  and the master starts a new one (what `timeout` does for sync workers);
- a read deadline: a request is read whole before a thread is given to it, within
  WEB_READ_SECONDS, so that slow clients cannot hold every thread (sandbox/core/serving.py).
"""

import multiprocessing
import os
import resource
import threading
import time

from sandbox.core.config import config_for, startup_problem
from sandbox.core.serving import ReadingWorker

# A configuration the app refuses (a short SECRET_KEY in production) stops gunicorn here
# with one line, before any worker starts.
_problem = startup_problem(config_for(None))
if _problem:
    raise SystemExit(_problem)

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104
# Pages spend much of their time waiting on the database: a few threads per process use
# the CPU well without the memory of many processes.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("WEB_THREADS", "4"))
# gthread, except that a request is read whole before a thread is given to it, and must
# arrive within WEB_READ_SECONDS: slow clients cannot hold the threads (sandbox/core/serving.py).
worker_class = ReadingWorker
ReadingWorker.read_seconds = float(os.environ.get("WEB_READ_SECONDS", "20"))
# A reset or a 40-seat session takes seconds, not minutes; anything longer is stuck.
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
# The rest of an upload must arrive within half of that, so it is cut off, not its worker.
ReadingWorker.upload_seconds = max(5.0, timeout / 2)
graceful_timeout = 30
# Longer than the idle time of clients and load balancers (often 60 s), so that the
# server never closes a kept-alive connection just as the other end reuses it.
keepalive = 75
# Each worker is replaced after about WEB_MAX_REQUESTS requests (0: never), so that no slow
# growth of memory builds up; the jitter keeps workers from restarting together. A stopping
# worker (gunicorn 27) still answers a request sent on a kept-alive connection, with
# "Connection: close", so recycling drops none (tests/probe/test_worker_bounds.py).
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# A worker at rest reserves about 400 MB of address space (threads' stacks and memory
# arenas) and holds about 100 MB; the largest tenant a page may make needs a few hundred more.
memory_mb = int(os.environ.get("WEB_MEMORY_MB", "1536"))
# The app is made once, in the master, and each worker starts as a copy of it: a worker
# (a new one every WEB_MAX_REQUESTS, or after the watchdog ended one) is ready at once
# instead of spending a second or two reading every form and scenario, and the workers
# share the memory that holds them.
preload_app = True
accesslog = os.environ.get("ACCESS_LOG", "-")
errorlog = "-"
# gunicorn believes no proxy headers itself: the app's TRUSTED_PROXIES setting (Werkzeug's
# ProxyFix) is the one place that says which X-Forwarded-For and -Proto to believe.
forwarded_allow_ips = ""


def limit_memory(megabytes: int) -> None:
    """Limit this process's address space to `megabytes` (0: no limit)."""
    if megabytes > 0:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (
            wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))


class Watchdog:
    """Ends the worker when one of its requests has run longer than `seconds`."""

    def __init__(self, seconds: float, log, clock=time.monotonic, end=os._exit):
        self.seconds, self.log, self.clock, self.end = seconds, log, clock, end
        self.running: dict[int, tuple[float, str]] = {}  # thread: (start, request)

    def started(self, what: str) -> None:
        self.running[threading.get_ident()] = (self.clock(), what)

    def finished(self) -> None:
        self.running.pop(threading.get_ident(), None)

    def overdue(self) -> str | None:
        now = self.clock()
        late = [(now - start, what) for start, what in list(self.running.values())
                if now - start > self.seconds]
        return f"{max(late)[1]} has run for {max(late)[0]:.0f} s" if late else None

    def check(self) -> None:
        late = self.overdue()
        if late:
            self.log.error("Ending worker %s: %s (WEB_TIMEOUT is %s s); the master starts "
                           "another", os.getpid(), late, self.seconds)
            self.end(1)

    def watch(self) -> None:
        while True:
            time.sleep(1)
            self.check()


def post_fork(server, worker):
    _own_connections(worker.app.wsgi())
    limit_memory(memory_mb)
    worker.watchdog = Watchdog(timeout, server.log)
    threading.Thread(target=worker.watchdog.watch, name="watchdog", daemon=True).start()


def _own_connections(app) -> None:
    """A worker never uses a database connection the master opened (two processes on one
    connection corrupt it): the copy of the pool it was forked with is let go, unclosed."""
    from sandbox.core.extensions import db

    with app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)


def pre_request(worker, req):
    worker.log.debug("%s %s", req.method, req.path)
    worker.watchdog.started(f"{req.method} {req.path}")


def post_request(worker, req, environ, resp):
    worker.watchdog.finished()
