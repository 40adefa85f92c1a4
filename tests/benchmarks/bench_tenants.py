"""Benchmark: generating, creating and resetting tenants, and a 30-seat training session.

Run with `make bench`. Prints the median of repeated runs (BENCH_RUNS, default 11) for each
operation and its ratio to the baseline measured in the same run: deleting a 50-family
tenant and generating it again from its seed (what a reset would cost without a stored
baseline). Runs on a temporary SQLite file, and on PostgreSQL too when BENCH_DATABASE_URL
(or TEST_DATABASE_URL) is set. With BENCH_JSON set, writes the figures there as JSON:
{"<backend>": {"<operation>": {"median_ms", "runs", "ratio_to_baseline"}}}.

Operations (README, "Benchmarks", lists them with what each means):
  generate_50, create_50, baseline_delete_and_regenerate_50,
  reset_50 (what the person waits for: the spare swapped in),
  reset_50_next_spare (the work done after the response: old copy removed, spare made),
  reset_50_in_place (the first reset, before a spare exists),
  reset_10, reset_200 and reset_in_place_10, reset_in_place_200 (growth with size),
  reset_50_among_1, reset_50_among_200 (other tenants of 10 families each),
  session_30_seats_12, session_30_seats_50 (a training session of 30 seats and the
  front of the room, with 12 families each, as the new-session page offers, and 50).
"""

import json
import os
import statistics
import sys
import tempfile
import time

from sqlalchemy import select, text

from sandbox import create_app
from sandbox.auth.models import User
from sandbox.core.config import _normalise_database_url
from sandbox.core.extensions import db
from sandbox.scenarios import sessions
from sandbox.tenants import service
from sandbox.tenants.models import LIVE, Tenant
from seed import generate

RUNS = int(os.environ.get("BENCH_RUNS", "11"))
BASELINE = "baseline_delete_and_regenerate_50"


def timed(fn, runs=RUNS, between=None) -> list[float]:
    """Milliseconds for each of `runs` calls of fn; `between` runs untimed after each."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
        if between:
            between()
    return samples


def _live(name: str) -> Tenant:
    return db.session.scalar(select(Tenant).where(Tenant.name == name, Tenant.state == LIVE))


def _swap_resets(app, name: str, runs=RUNS) -> tuple[list[float], list[float]]:
    """Time resets as a person sees them, with the work after the response timed apart."""
    service.reset(_live(name))  # the first reset makes the spare
    waited, after = [], []
    app.config["DEFER_WORK"] = True
    for _ in range(runs):
        with app.test_request_context():  # the deferred work waits for a response
            start = time.perf_counter()
            tenant = service.reset(_live(name))
            waited.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        service.after_reset(tenant.id)
        after.append((time.perf_counter() - start) * 1000)
    app.config["DEFER_WORK"] = False
    return waited, after


def _in_place_resets(name: str) -> list[float]:
    return timed(lambda: service.restore(_live(name), _live(name).baseline))


def _settle() -> None:
    """On PostgreSQL, refresh the planner's statistics after bulk loading, as autovacuum
    does within a minute in a running deployment (a fresh database otherwise plans the
    foreign-key checks of big deletes as if its tables were empty)."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE"))
        db.session.commit()


def _delete_all() -> None:
    for tenant in db.session.scalars(select(Tenant).where(Tenant.state == LIVE)).all():
        service.delete(tenant)
    service.sweep()


def bench_backend(url: str) -> dict:
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    results = {}
    with app.app_context():
        db.drop_all()
        db.create_all()
        results["generate_50"] = timed(lambda: generate(1, 50))
        counter = iter(range(10**6))
        results["create_50"] = timed(
            lambda: service.create_from_seed(f"c-{next(counter)}", 1, 50))
        _delete_all()

        def regenerate():
            service.delete(service.get_tenant("again"))
            service.create_from_seed("again", 1, 50)

        service.create_from_seed("again", 1, 50)
        results[BASELINE] = timed(regenerate)

        for size in (10, 50, 200):
            service.create_from_seed(f"size-{size}", 1, size)
            _settle()
            results[f"reset_in_place_{size}"] = _in_place_resets(f"size-{size}")
            waited, after = _swap_resets(app, f"size-{size}")
            results[f"reset_{size}"] = waited
            if size == 50:
                results["reset_50_next_spare"] = after
        results["reset_50_in_place"] = results.pop("reset_in_place_50")
        _delete_all()

        service.create_from_seed("alone", 1, 50)
        results["reset_50_among_1"] = _swap_resets(app, "alone")[0]
        others = service.create_from_seed("other-0", 2, 10)
        service.create_copies([f"other-{n}" for n in range(1, 200)], others, others.baseline)
        _settle()
        results["reset_50_among_200"] = _swap_resets(app, "alone")[0]
        _delete_all()

        _settle()
        trainer = User(username="bench-trainer", full_name="Bench Trainer", role="trainer",
                       password_hash="-")
        db.session.add(trainer)
        db.session.commit()
        made = []
        for families in (12, 50):  # 12 is what the new-session page offers
            results[f"session_30_seats_{families}"] = timed(lambda f=families: made.append(
                sessions.create(f"Room {len(made)}", "strategy-and-section-47", 30, 4, f,
                                "streamlined", trainer)), runs=max(3, RUNS // 3))
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    base = statistics.median(results[BASELINE])
    return {name: {"median_ms": round(statistics.median(s), 2), "runs": len(s),
                   "ratio_to_baseline": round(statistics.median(s) / base, 3)}
            for name, s in results.items()}


def main() -> int:
    backends = {}
    with tempfile.TemporaryDirectory() as tmp:
        backends["sqlite"] = bench_backend(f"sqlite:///{tmp}/bench.db")
    pg = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if pg:
        backends["postgresql"] = bench_backend(_normalise_database_url(pg))
    print(f"{'backend':<11} {'operation':<36} {'median ms':>10} {'runs':>5} {'vs baseline':>12}")
    for backend, rows in backends.items():
        for name, row in rows.items():
            print(f"{backend:<11} {name:<36} {row['median_ms']:>10.1f} {row['runs']:>5} "
                  f"{row['ratio_to_baseline']:>11.3f}x")
        among = rows["reset_50_among_200"]["median_ms"] / rows["reset_50_among_1"]["median_ms"]
        print(f"{backend:<11} reset among 200 tenants / among 1: {among:.2f}x; reset 200 / "
              f"reset 10 families: "
              f"{rows['reset_200']['median_ms'] / rows['reset_10']['median_ms']:.2f}x "
              f"(in place: {rows['reset_in_place_200']['median_ms'] / rows['reset_in_place_10']['median_ms']:.2f}x "  # noqa: E501
              f"for 20x the families)")
    if os.environ.get("BENCH_JSON"):
        with open(os.environ["BENCH_JSON"], "w") as out:
            json.dump(backends, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
