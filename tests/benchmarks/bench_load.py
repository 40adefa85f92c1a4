"""Load benchmark: a training room of 30 trainees working a scenario, then the same room
with 200 staff browsing cases, then two rooms (60 trainees) with 400 staff, against
gunicorn (gunicorn.conf.py) on this machine.

Run with `make bench-load` (installs locust). Trainees log on over 15 seconds (staff over
20); the figures are taken from then on (locust --reset-stats), so they show the room at
work. Requests named "logging on" are those made by people still arriving. Uses
BENCH_DATABASE_URL (PostgreSQL; a database of its own, emptied first) or a temporary
SQLite file. Prints, per kind of request, the median and 95th percentile in ms, the
request count and failures, and the 95th percentile as a multiple of the baseline's (the
healthz page, one SELECT 1, asked for in the same run: what the machine and gunicorn alone
cost a request), then requests per second and the memory of each app process
after the run. With BENCH_JSON, writes
{"<run>": {"requests": {...}, "rps", "failures", "worker_rss_mb"}}.
LOAD_SECONDS (default 60) sets how long each run lasts once everyone has signed in;
LOAD_RUNS (comma-separated names of runs) runs only those.
"""

import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from sandbox import create_app
from sandbox.admin.users import create_user
from sandbox.core import schema
from sandbox.core.config import _normalise_database_url
from sandbox.core.extensions import db
from sandbox.scenarios import sessions
from sandbox.tenants import service
from tests.servers import free_port, gunicorn

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PASSWORD = "load-test-password"
SECRET = "load-test-secret-key-of-32-characters"
TRAINEES, STAFF, ROOMS = 30, 200, 2
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
RUNS = (("room_30", TRAINEES, 0, 2), ("room_30_and_staff_200", TRAINEES, STAFF, 12),
        ("rooms_60_and_staff_400", ROOMS * TRAINEES, ROOMS * STAFF, 24))
# LOAD_RUNS=room_30_and_staff_200 (comma-separated) runs only those.
ONLY = [r for r in os.environ.get("LOAD_RUNS", "").split(",") if r]


def prepare(url: str) -> None:
    app = create_app("production", SQLALCHEMY_DATABASE_URI=url, SECRET_KEY=SECRET,
                     PASSWORD_HASH_METHOD="pbkdf2:sha256:1000")
    with app.app_context():
        schema.drop_everything()
        schema.bring_up_to_date()
        trainer = create_user("load-trainer", "Load Trainer", "trainer", PASSWORD, None)
        for number in range(ROOMS):
            room = sessions.create(f"Load room {number + 1}", "strategy-and-section-47",
                                   TRAINEES, 4, 12, "streamlined", trainer)
            for seat in sessions.seats_of(room):
                if seat.number:
                    n = number * TRAINEES + seat.number
                    user = create_user(f"load-trainee-{n}", f"Trainee {n}", "trainee",
                                       PASSWORD, None)
                    sessions.assign(room, seat, user)
        service.create_from_seed("load-browse", 2, 50)
        for n in range(1, ROOMS * STAFF + 1):
            create_user(f"load-staff-{n}", f"Staff {n}", "floor_walker", PASSWORD, None)
        db.session.remove()
        db.engine.dispose()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def workers_of(master: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True,
                         text=True).stdout
    return [int(p) for p in out.split()]


def run_locust(host: str, trainees: int, staff: int, label: str, tmp: str,
               rate: int) -> dict:
    prefix = f"{tmp}/{label}"
    users = trainees + staff
    env = {**os.environ, "LOAD_TRAINEES": str(trainees), "LOAD_STAFF": str(staff)}
    subprocess.run([str(BIN / "locust"), "-f", str(HERE / "load" / "locustfile.py"),
                    "--headless", "-u", str(users), "-r", str(rate), "-t",
                    f"{SECONDS + users // rate + 5}s", "--host", host, "--csv", prefix,
                    "--reset-stats", "--only-summary", "--loglevel", "WARNING"], env=env,
                   check=False, capture_output=True)
    rows = {}
    with open(f"{prefix}_stats.csv") as stats:
        for row in csv.DictReader(stats):
            if row["Request Count"] in ("", "0"):
                continue  # named before the figures were reset, not requested since
            rows[row["Name"]] = {"requests": int(row["Request Count"]),
                                 "failures": int(row["Failure Count"]),
                                 "median_ms": float(row["Median Response Time"]),
                                 "p95_ms": float(row["95%"]),
                                 "rps": round(float(row["Requests/s"]), 1)}
    total = rows.pop("Aggregated")
    with open(f"{prefix}_failures.csv") as failures:
        errors = [f"{row['Name']}: {row['Error']} ({row['Occurrences']}x)"
                  for row in csv.DictReader(failures)]
    return {"requests": rows, "rps": total["rps"], "failures": total["failures"],
            "errors": errors, "median_ms": total["median_ms"], "p95_ms": total["p95_ms"]}


def main() -> int:
    pg = os.environ.get("BENCH_DATABASE_URL")
    with tempfile.TemporaryDirectory() as tmp:
        url = _normalise_database_url(pg) if pg else f"sqlite:///{tmp}/load.db"
        prepare(url)
        port = free_port()
        env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": SECRET,
               "SANDBOX_ENV": "production"}
        server = gunicorn(BIN, env, port)
        host = f"http://127.0.0.1:{port}"
        try:
            results = {}
            # A room logs on over 15 seconds; the staff over 20.
            for label, trainees, staff, rate in RUNS:
                if ONLY and label not in ONLY:
                    continue
                results[label] = run_locust(host, trainees, staff, label, tmp, rate)
                results[label]["worker_rss_mb"] = [rss_mb(p) for p in workers_of(server.pid)]
                results[label]["master_rss_mb"] = rss_mb(server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    for label, result in results.items():
        print(f"\n{label}: {result['rps']} requests/s, {result['failures']} failures, "
              f"all requests median {result['median_ms']:.0f} ms, 95th {result['p95_ms']:.0f} ms")
        print(f"  {'request':<30} {'count':>7} {'fail':>5} {'median ms':>10} {'95th ms':>8}"
              f" {'95th/base':>10}")
        base = result["requests"].get("baseline: healthz")
        for name, row in sorted(result["requests"].items()):
            ratio = f"{row['p95_ms'] / base['p95_ms']:>9.1f}x" if base else ""
            print(f"  {name:<30} {row['requests']:>7} {row['failures']:>5} "
                  f"{row['median_ms']:>10.0f} {row['p95_ms']:>8.0f}{ratio}")
        for error in result["errors"]:
            print(f"  failed: {error}")
        print(f"  memory of each app process after the run (MB): {result['worker_rss_mb']}"
              f" (gunicorn's master: {result['master_rss_mb']})")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps(results, indent=1))
    return 0 if all(r["failures"] == 0 for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
