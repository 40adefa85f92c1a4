"""gunicorn settings (`gunicorn -c gunicorn.conf.py 'sandbox:create_app()'`).

App processes keep no state of their own (sessions and limits are in the database, the
cookies only name them), so any number of them, on any number of servers, can share one
PostgreSQL database behind a load balancer.
"""

import multiprocessing
import os

from sandbox.config import config_for, startup_problem

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
worker_class = "gthread"
# A reset or a 40-seat session takes seconds, not minutes; anything longer is stuck.
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
# Longer than the idle time of clients and load balancers (often 60 s), so that the
# server never closes a kept-alive connection just as the other end reuses it.
keepalive = 75
# Workers are not recycled after N requests: a recycled worker drops its idle keep-alive
# connections, which a client (or load balancer) may be just about to use.
accesslog = os.environ.get("ACCESS_LOG", "-")
errorlog = "-"
# gunicorn believes no proxy headers itself: the app's TRUSTED_PROXIES setting (Werkzeug's
# ProxyFix) is the one place that says which X-Forwarded-For and -Proto to believe.
forwarded_allow_ips = ""
